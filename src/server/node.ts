/**
 * The gateway on `node:http`: a Web-standard handler becomes a request listener, and `serve` starts
 * a server for it. Nothing here knows what the handler does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { directBodies } from './direct-body.js';
import type { ConnectionInfo } from './options.js';

/** Bytes an event stream may have queued for its client before the client is taken to be gone. */
const MAX_BACKLOG_BYTES = 64 * 1024;

/** What `createGateway` returns, or any other Web-standard handler (metrics, health). */
export type WebHandler = (request: Request, info?: ConnectionInfo) => Promise<Response>;

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Turns a Web-standard handler into a `node:http` request listener. */
export function toNodeListener(handler: WebHandler): NodeListener {
  return (req, res) => {
    let request: Request;
    const disconnected = new AbortController();
    try {
      request = toRequest(req, disconnected.signal);
    } catch {
      // A method or target that no `Request` can hold (TRACE, CONNECT, a host-like path): the
      // visitor's fault, told as such, never a 5xx.
      return void sendJson(res, 400, 'Bad request');
    }
    // In two steps, so that neither the Request nor the Response is held while a stream is written:
    // a suspended async function keeps all its parameters (10,000 open event streams are 10,000 of each).
    void answer(handler, request, req, res, disconnected)
      .then((body) => body && pump(body, res, disconnected.signal))
      .catch(() => {
        // A handler that throws, or a body that fails mid-stream: the client must not wait forever.
        if (!res.headersSent) sendJson(res, 500, 'Internal error');
        else res.destroy();
      });
  };
}

function sendJson(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' })
    .end(JSON.stringify({ message }));
}

/** Runs the handler and writes the head; resolves with the body still to be written, if any. */
async function answer(
  handler: WebHandler,
  request: Request,
  req: IncomingMessage,
  res: ServerResponse,
  disconnected: AbortController,
): Promise<ReadableStreamDefaultReader<Uint8Array> | undefined> {
  // `res` closes when the answer is sent or the connection is gone; only the latter is an abort.
  res.once('close', () => {
    if (!res.writableFinished) disconnected.abort();
  });
  const response = await handler(request, { clientAddress: req.socket.remoteAddress, directBodies: true });
  // Answered without reading the whole body (413, 405, 415): what is left of it would be read as
  // the next request on this connection, so the connection ends with this answer.
  if (!req.complete) res.setHeader('Connection', 'close');
  return writeHead(response, res, disconnected.signal);
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

/**
 * The full URL as the client asked for it; a Host header that is not a host falls back to the
 * socket's. The target is appended to the origin as text, never resolved against it: resolved,
 * `//evil.example/x` or `/\\evil.example/x` would name another host. An absolute-form target
 * (`GET http://host/path`) keeps only its path. Throws for a target no URL can hold.
 */
function urlOf(req: IncomingMessage): string {
  const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  let target = req.url ?? '/';
  if (!target.startsWith('/')) {
    const absolute = URL.canParse(target) ? new URL(target) : undefined;
    target = absolute ? absolute.pathname + absolute.search : '/';
  }
  const local = req.socket.localAddress ?? 'localhost';
  const fallback = `${local.includes(':') ? `[${local}]` : local}:${req.socket.localPort ?? ''}`;
  const host = headerOf(req, 'host');
  const origin = `${scheme}://${host && URL.canParse(`${scheme}://${host}`) && new URL(`${scheme}://${host}`).pathname === '/' ? host : fallback}`;
  const url = new URL(origin + target);
  if (url.origin !== new URL(origin).origin) throw new TypeError('The request target names another host');
  return url.href;
}

/**
 * A request header from `rawHeaders` (the first of its name): `req.headers` would build and keep an
 * object of every header for as long as the request lives, which for an event stream is hours.
 */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === name) return req.rawHeaders[i + 1];
  }
  return undefined;
}

async function writeHead(
  response: Response,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<ReadableStreamDefaultReader<Uint8Array> | undefined> {
  // Handed to writeHead as one flat list, not set one by one: `setHeader` keeps an object of
  // [name, value] pairs beside the head already written, for the life of the response.
  const headers: string[] = [];
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') headers.push(name, value);
  }
  for (const cookie of response.headers.getSetCookie()) headers.push('set-cookie', cookie);
  if (response.statusText) res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);

  if (signal.aborted) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const direct = directBodies.get(response);
  if (direct) {
    // Written here, chunk by chunk, as the feed sends them (see direct-body.ts).
    res.flushHeaders();
    const close = direct({
      write: (chunk) => res.writableLength <= MAX_BACKLOG_BYTES && (res.write(chunk), true),
      end: () => res.end(),
    });
    res.once('close', close);
    return undefined;
  }
  if (!response.body) {
    res.end();
    return undefined;
  }
  // An event stream may say nothing for a while; its client should see the headers at once.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) res.flushHeaders();
  return response.body.getReader();
}

async function pump(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
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
  // Requests Node cannot even parse (bad syntax, an unknown Expect) get a JSON 400 too.
  server.on('clientError', (_error, socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify({ message: 'Bad request' });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
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
