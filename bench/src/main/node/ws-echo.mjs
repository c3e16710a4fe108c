// Node's ws as the baseline echo server (and room) of the websocket bench suites, run the way its
// users run it: one process, ws's defaults, permessage-deflate off (as for the other servers).
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 1 << 20 });
const room = new Set();
wss.on('connection', (ws, req) => {
  if (req.url.startsWith('/room')) {
    room.add(ws);
    ws.on('close', () => room.delete(ws));
    ws.on('message', (data, isBinary) => { for (const c of room) c.send(data, { binary: isBinary }); });
  } else {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  }
});
wss.on('listening', () => console.log(`READY ws://127.0.0.1:${wss.address().port}/`));
