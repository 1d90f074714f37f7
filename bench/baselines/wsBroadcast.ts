// Baseline: a bare `ws` server broadcasting one small JSON frame with its publish time to every
// client, 4 times a second (the console's mark-to-market rate).
import { WebSocketServer, type WebSocket } from 'ws';

const clients = new Set<WebSocket>();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});
wss.on('listening', () => {
  const address = wss.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  process.send!({ type: 'ready', port });
});
setInterval(() => {
  const frame = JSON.stringify({ type: 'tick', t: Date.now(), pnl: '1234.56' });
  for (const c of clients) c.send(frame);
}, 250);
process.on('SIGTERM', () => process.exit(0));
