/**
 * The gateway on `node:http`: a Web-standard handler becomes a request listener, and `serve` starts
 * a server for it. Nothing here knows what the handler does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ConnectionInfo } from './options.js';

/** What `createGateway` returns, or any other Web-standard handler (metrics, health). */
export type WebHandler = (request: Request, info?: ConnectionInfo) => Promise<Response>;

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Turns a Web-standard handler into a `node:http` request listener. */
export function toNodeListener(handler: WebHandler): NodeListener {
  return (req, res) => {
    void answer(handler, req, res).catch(() => {
      // A handler that throws, or a body that fails mid-stream: the client must not wait forever.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
      else res.destroy();
    });
  };
}

async function answer(handler: WebHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const disconnected = new AbortController();
  // `res` closes when the answer is sent or the connection is gone; only the latter is an abort.
  res.once('close', () => {
    if (!res.writableFinished) disconnected.abort();
  });
  const response = await handler(toRequest(req, disconnected.signal), { clientAddress: req.socket.remoteAddress });
  await writeResponse(response, res, disconnected.signal);
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    // HTTP/2 pseudo-headers (`:path`) are not headers to a Request.
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // `duplex` is required by Node's fetch for a stream body; not every lib's RequestInit declares it.
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(urlOf(req), init);
}

/** The full URL as the client asked for it; a Host header that is not a host falls back to the socket's. */
function urlOf(req: IncomingMessage): string {
  const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  const path = req.url?.startsWith('/') ? req.url : '/';
  const local = req.socket.localAddress ?? 'localhost';
  const fallback = `${scheme}://${local.includes(':') ? `[${local}]` : local}:${req.socket.localPort ?? ''}`;
  const host = req.headers.host;
  try {
    if (host) return new URL(path, `${scheme}://${host}`).href;
  } catch {
    // Falls through to the socket's own address.
  }
  return new URL(path, fallback).href;
}

async function writeResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);

  if (signal.aborted) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  if (!response.body) {
    res.end();
    return;
  }
  // An event stream may say nothing for a while; its client should see the headers at once.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) res.flushHeaders();
  const reader = response.body.getReader();
  // A client gone mid-stream cancels the body at once (a pending read included), so whatever
  // produces it, such as an event stream waiting for its next event, can stop.
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (let chunk = await reader.read(); !chunk.done && !signal.aborted; chunk = await reader.read()) {
      if (!res.write(chunk.value)) await once(res, 'drain', { signal }).catch(() => undefined);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
  if (!signal.aborted) res.end();
}

export interface ServeOptions {
  /** `0` for any free port. */
  port: number;
  host: string;
  /** Aborting it closes the server as `close()` does. */
  signal?: AbortSignal;
}

export interface Served {
  server: Server;
  /** `http://host:port` with the port actually bound. */
  url: string;
  /**
   * Stops accepting connections, lets the responses being written finish, then closes every
   * connection left (idle keep-alive ones) and resolves when the server is closed.
   */
  close(): Promise<void>;
}

/** Listens on `host:port` with `handler`; resolves once the port is bound, rejects if it cannot be. */
export async function serve(handler: WebHandler, { port, host, signal }: ServeOptions): Promise<Served> {
  const listener = toNodeListener(handler);
  let writing = 0;
  let idle: (() => void) | undefined;
  const server = createServer((req, res) => {
    writing += 1;
    res.once('close', () => {
      writing -= 1;
      if (writing === 0) idle?.();
    });
    listener(req, res);
  });
  // Idle keep-alive connections live longer than a load balancer's (AWS ALB: 60 s), so the
  // balancer never reuses one the gateway is closing at that instant (Node's 5 s default turns
  // into sporadic 502s there, and into resets for a client polling every 5 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (writing > 0) await new Promise<void>((resolve) => (idle = resolve));
      server.closeAllConnections();
      await closed;
    })());
  if (signal?.aborted) await close();
  else signal?.addEventListener('abort', () => void close(), { once: true });
  return { server, url, close };
}
