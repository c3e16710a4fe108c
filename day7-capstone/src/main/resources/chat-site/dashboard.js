// The live dashboard: the server's metrics once a second, over the WebSocket at /live when the
// server has one, else by polling /metrics (the Prometheus text format, parsed here).
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const POINTS = 60;
  const series = { rate: [], connections: [] };
  let previous = null;

  // "name{labels} value" lines; comments skipped. Returns [{name, labels, value}].
  function parsePrometheus(text) {
    const samples = [];
    for (const raw of text.split('\n')) {
      const lineText = raw.trim();
      if (!lineText || lineText.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(lineText);
      if (!m) continue;
      const labels = {};
      if (m[2]) for (const l of m[2].slice(1, -1).matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      samples.push({ name: m[1], labels, value: Number(m[3]) });
    }
    return samples;
  }

  function value(samples, name) {
    const s = samples.find((x) => x.name === name);
    return s ? s.value : 0;
  }

  // the upper bound of the bucket where the q-quantile falls
  function quantile(samples, name, q) {
    const buckets = samples.filter((x) => x.name === name + '_bucket')
      .map((x) => ({ le: x.labels.le === '+Inf' ? Infinity : Number(x.labels.le), n: x.value }))
      .sort((a, b) => a.le - b.le);
    const total = buckets.length ? buckets[buckets.length - 1].n : 0;
    if (!total) return null;
    const rank = Math.ceil(q * total);
    const hit = buckets.find((b) => b.n >= rank);
    return hit ? hit.le : null;
  }

  function ms(seconds) {
    if (seconds === null) return '–';
    if (seconds === Infinity) return '> 5 s';
    return seconds < 1 ? (seconds * 1000).toFixed(seconds < 0.001 ? 2 : 1) + ' ms' : seconds + ' s';
  }

  function push(list, v) {
    list.push(v);
    if (list.length > POINTS) list.shift();
  }

  function draw(canvasId, points) {
    const c = $(canvasId);
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    const max = Math.max(1, ...points);
    g.strokeStyle = '#ddd';
    g.beginPath(); g.moveTo(0, c.height - 1); g.lineTo(c.width, c.height - 1); g.stroke();
    g.fillStyle = '#6b6b70';
    g.font = '14px system-ui, sans-serif';
    g.fillText(String(Math.round(max)), 4, 14);
    g.strokeStyle = '#2f6fdf';
    g.lineWidth = 2;
    g.beginPath();
    points.forEach((p, i) => {
      const x = (i / (POINTS - 1)) * c.width;
      const y = c.height - 4 - (p / max) * (c.height - 20);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }

  function update(text, at) {
    const samples = parsePrometheus(text);
    const stored = value(samples, 'chat_messages_stored_total');
    const connections = value(samples, 'chat_connections');
    const rate = previous ? Math.max(0, (stored - previous.stored) / ((at - previous.at) / 1000)) : 0;
    previous = { stored, at };
    push(series.rate, rate);
    push(series.connections, connections);
    $('rate').textContent = rate.toFixed(1);
    $('connections').textContent = String(connections);
    $('p50').textContent = ms(quantile(samples, 'chat_delivery_latency_seconds', 0.5));
    $('p99').textContent = ms(quantile(samples, 'chat_delivery_latency_seconds', 0.99));
    const totals = $('totals');
    totals.replaceChildren();
    for (const name of ['chat_messages_stored_total', 'chat_messages_delivered_total', 'chat_connections_total',
      'chat_received_octets_total', 'chat_sent_octets_total', 'chat_rate_limited_total', 'chat_slow_consumers_total']) {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = String(value(samples, name));
      totals.append(dt, dd);
    }
    draw('rate-chart', series.rate);
    draw('connections-chart', series.connections);
    const status = $('status');
    status.dataset.state = 'online';
    document.body.dataset.updates = String((Number(document.body.dataset.updates) || 0) + 1);
  }

  async function poll() {
    try {
      const response = await fetch('/metrics', { cache: 'no-store' });
      if (response.ok) {
        update(await response.text(), Date.now());
        $('status').textContent = 'live (polling /metrics)';
      }
    } catch {
      $('status').dataset.state = 'reconnecting';
      $('status').textContent = 'server unreachable';
    }
    setTimeout(poll, 1000);
  }

  function live() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
    let opened = false;
    ws.onopen = () => { opened = true; $('status').textContent = 'live (WebSocket)'; };
    ws.onmessage = (e) => update(e.data, Date.now());
    ws.onclose = () => {
      if (opened) setTimeout(live, 1000); // it worked before: the server restarted, try again
      else poll();                         // no feed on this server: poll the metrics instead
    };
  }

  live();
})();
