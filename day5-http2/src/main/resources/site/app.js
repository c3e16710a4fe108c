// the protocol this page came over, as the browser reports it (Resource Timing)
const nav = performance.getEntriesByType('navigation')[0];
document.getElementById('protocol').textContent = 'protocol: ' + (nav ? nav.nextHopProtocol : 'unknown');
