// Says one text message the way `wscat -c <url> -x <text> -w 1` does (wscat is built on this
// same `ws`): offers permessage-deflate, sends the text, prints what comes back, waits a
// second, then closes with an empty Close frame (no status code). Used by the lesson's ladder.
// Usage: node ws-say.mjs <ws-url> <text>
import WebSocket from 'ws';

const [url, text] = process.argv.slice(2);
const ws = new WebSocket(url);
const timer = setTimeout(() => { console.log('timeout'); process.exit(2); }, 20000);

ws.on('error', (e) => { console.log(String(e)); process.exit(3); });
ws.on('open', () => {
  ws.send(text);
  setTimeout(() => ws.close(), 1000);
});
ws.on('message', (data) => console.log(data.toString('utf8')));
ws.on('close', () => clearTimeout(timer));
