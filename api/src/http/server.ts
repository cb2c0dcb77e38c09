// Puts the fetch handler behind node:http with explicit timeouts, so a slow client cannot
// hold a connection open indefinitely.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServerAdapter } from '@whatwg-node/server';
import type { LupaApp } from './app.js';

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function listen(app: LupaApp, port: number, host: string): Promise<RunningServer> {
  // The socket's peer address feeds the resident page's per-client rate limit.
  const adapter = createServerAdapter<{ req: IncomingMessage }>((request: Request, context) =>
    app.fetch(request, { clientAddress: context.req.socket.remoteAddress }),
  );
  const server = createServer(adapter);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
