// Baseline: an empty static HTML page from a bare node:http server.
import { createServer } from 'node:http';

const page =
  '<!doctype html><html><head><meta charset="utf-8"><title>empty</title></head><body></body></html>';
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=0',
  });
  res.end(page);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
