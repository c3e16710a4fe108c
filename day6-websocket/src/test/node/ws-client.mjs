// A strict WebSocket client from Node's `ws` (pinned in package.json): it validates every frame
// the server sends (masking, RSV bits, opcodes, UTF-8, close codes) and fails on any error.
// Usage: node ws-client.mjs <ws-url> <deflate: true|false>
// Prints one JSON line per check, then "DONE <close code>".
import WebSocket from 'ws';

const [url, deflateArg] = process.argv.slice(2);
const deflate = deflateArg === 'true';
const ws = new WebSocket(url, { perMessageDeflate: deflate, maxPayload: 4 << 20 });
const say = (o) => console.log(JSON.stringify(o));
const timer = setTimeout(() => { say({ error: 'timeout' }); process.exit(2); }, 20000);

const big = 'x'.repeat(100 * 1024) + 'κόσμε';
const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => i & 0xff));
const expected = ['Hello from ws', binary, big, 'fragmented message'];
let step = 0;

ws.on('error', (e) => { say({ error: String(e) }); process.exit(3); });
ws.on('open', () => {
  say({ open: true, extensions: ws.extensions, protocol: ws.protocol });
  ws.send('Hello from ws');
  ws.send(binary);
  ws.send(big);
  ws.send('fragmented ', { fin: false });
  ws.send('message', { fin: true });
});
ws.on('message', (data, isBinary) => {
  const want = expected[step++];
  const ok = typeof want === 'string' ? !isBinary && data.toString('utf8') === want : isBinary && Buffer.compare(data, want) === 0;
  say({ echo: step, ok, length: data.length, binary: isBinary });
  if (step === expected.length) {
    ws.ping(Buffer.from('ping payload'));
  }
});
ws.on('pong', (data) => {
  say({ pong: data.toString('utf8') });
  ws.close(1000, 'done');
});
ws.on('close', (code, reason) => {
  clearTimeout(timer);
  console.log(`DONE ${code} ${reason}`);
});
