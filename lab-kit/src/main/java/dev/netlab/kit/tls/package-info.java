/**
 * TLS for the lab's own servers and clients: a development CA with server and client
 * certificates ({@link dev.netlab.kit.tls.DevCertificates}) and key logs that let tshark and
 * Wireshark decrypt captures of JSSE connections ({@link dev.netlab.kit.tls.TlsKeyLog}).
 *
 * <pre>
 * curl --cacert ~/.netlab/tls/ca.crt https://localhost:8443/
 * openssl s_client -connect 127.0.0.1:8443 -CAfile ~/.netlab/tls/ca.crt -servername localhost
 * tshark -r capture.pcap -o tls.keylog_file:keys.log -Y http
 * </pre>
 */
package dev.netlab.kit.tls;
