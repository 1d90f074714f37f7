import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

/** One topic's frames, supplied by the bench instead of the console. */
export interface TopicTap {
  /** Origin of the tap: open the page here. */
  url: string;
  /** Sends a frame to every browser socket that subscribed to the topic. */
  send(frame: string): void;
  close(): Promise<void>;
}

/**
 * An HTTP + WebSocket pass-through in front of the console, on the loopback network: every
 * request and frame goes to the real console, except one topic's frames, which the bench supplies
 * (`onSubscribe` answers the browser's subscription, `send` pushes deltas). The browser receives
 * them over a real socket, so the page pays for exactly what it would pay in production (unlike
 * Playwright's in-page WebSocket routing, which delivers each frame through the DevTools protocol).
 */
export async function startTopicTap(
  upstream: string,
  topic: string,
  onSubscribe: () => string,
): Promise<TopicTap> {
  const target = new URL(upstream);
  const marker = `"topic":"${topic}"`;
  const browsers = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (browser) => {
      // The console checks Origin against its own: the tap speaks for the page.
      const console_ = new WebSocket(`ws://${target.host}${req.url ?? '/ws'}`, {
        headers: {
          cookie: req.headers.cookie ?? '',
          origin: target.origin,
          'user-agent': req.headers['user-agent'] ?? '',
        },
      });
      const early: string[] = [];
      browsers.add(browser);
      console_.on('message', (m) => {
        const s = String(m);
        if (!s.includes(marker)) browser.send(s);
      });
      console_.on('open', () => early.splice(0).forEach((m) => console_.send(m)));
      browser.on('message', (m) => {
        const s = String(m);
        if (console_.readyState === WebSocket.OPEN) console_.send(s);
        else early.push(s);
        if (s.includes('"subscribe"') && s.includes(`"${topic}"`)) browser.send(onSubscribe());
      });
      console_.on('close', () => browser.close());
      console_.on('error', () => browser.close()); // refused upgrade: the page sees a close
      browser.on('close', () => {
        browsers.delete(browser);
        console_.close();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    send(frame) {
      for (const b of browsers) if (b.readyState === WebSocket.OPEN) b.send(frame);
    },
    async close() {
      for (const b of browsers) b.terminate();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
