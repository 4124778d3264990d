/**
 * A real HTTP tenant that answers the Calls API and the Manager API as the mock does: for the
 * gateway's tests and `ccai-gateway` without `--tenant`, for end-to-end tests of the built script
 * against another origin, and for trying the widgets from any page (`scripts/api-server.mjs`).
 * Every request is recorded, so tests can count what reached the tenant.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { createCallsApiMock, type CallsApiMock, type CallsApiMockOptions } from '../mock/index.js';

/** Open CORS for any origin, as the mock's own answers have. */
const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Accept, Authorization',
  'Access-Control-Expose-Headers': 'Retry-After, Date',
};

/** One request as it reached the tenant. */
export interface Received {
  method: string;
  /** The request target, with its query string. */
  path: string;
  /** The body as UTF-8; absent when there was none. */
  body?: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** An answer the fault layer sends instead of the tenant's. */
export interface FaultAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as is. */
  body?: string | Uint8Array;
}

/**
 * What a fault function may return to spoil one answer, as a broken network or server would:
 * - `{ status, headers?, body? }`: that answer instead of the tenant's;
 * - `{ drop: true }`: the connection is cut without an answer;
 * - `{ delayMs, then? }`: the tenant's answer (or `then`) after `delayMs`; the tenant acts at
 *   once, as a slow server that did the work would.
 */
export type Fault = FaultAnswer | { drop: true } | { delayMs: number; then?: FaultAnswer };

/** Called for every recorded request; `undefined` (or `null`) lets the tenant answer. */
export type FaultFunction = (request: Received) => Fault | null | undefined;

export interface MockTenantOptions {
  /** 0 (default): any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** HTTP Basic credentials every request must carry (the tenant subdomain and API token); none by default. */
  auth?: { user: string; password: string };
  mockOptions?: CallsApiMockOptions;
  /** Answer CORS preflights and add open CORS headers to every answer (default true). */
  cors?: boolean;
}

export interface MockTenant {
  /** `http://host:port`, no trailing slash. */
  origin: string;
  /** The mock's world and `reset()`. */
  mock: CallsApiMock;
  /** Every request received, in order (preflights aside), refused ones included. */
  requests: Received[];
  setFault(fault: FaultFunction | null): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

const json = (status: number, message: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify({ message }),
});

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Digests have equal lengths, so the comparison takes the same time whatever was sent. */
const digest = (text: string) => createHash('sha256').update(text).digest();

function authorizer(auth: MockTenantOptions['auth']): (header: string | undefined) => boolean {
  if (!auth) return () => true;
  const expected = digest(`Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`);
  return (header) => timingSafeEqual(digest(header ?? ''), expected);
}

/** One value per header name, whatever its case (a repeated Access-Control-Allow-Origin breaks CORS). */
function withCors(headers: Record<string, string> | Headers, cors: boolean): Record<string, string> {
  const merged = new Headers(headers);
  if (cors) for (const [name, value] of Object.entries(CORS)) merged.set(name, value);
  return Object.fromEntries(merged);
}

async function applyFault(
  fault: Fault,
  res: ServerResponse,
  answer: () => Promise<Answer>,
  cors: boolean,
): Promise<void> {
  if ('drop' in fault) {
    res.socket?.destroy();
    return;
  }
  if ('delayMs' in fault && fault.delayMs) {
    const answered = fault.then ?? (await answer());
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (res.socket?.destroyed || res.destroyed) return;
    return applyFault(answered, res, answer, cors);
  }
  if (!('status' in fault)) return applyFault(await answer(), res, answer, cors);
  const headers = withCors({ 'Content-Type': 'application/json', ...fault.headers }, cors);
  res.writeHead(fault.status, headers).end(fault.body ?? '');
}

/** A copy in a plain `ArrayBuffer`, which the DOM's `BodyInit` takes (a `Buffer` is not one there). */
async function bodyOf(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined;
}

export async function startMockTenant({
  port = 0,
  host = '127.0.0.1',
  auth,
  mockOptions = {},
  cors = true,
}: MockTenantOptions = {}): Promise<MockTenant> {
  const mock = createCallsApiMock(mockOptions);
  const requests: Received[] = [];
  const authorized = authorizer(auth);
  let fault: FaultFunction | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    // Browsers never send credentials on a preflight, so it is answered before the check.
    if (cors && req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const headers = headersOf(req);
    const body = await bodyOf(req);
    const received: Received = { method, path, headers, at };
    if (body) received.body = Buffer.from(body).toString('utf8');
    requests.push(received);

    const answer = async (): Promise<Answer> => {
      if (!authorized(headers.authorization))
        return json(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="ccai"' });
      const request = new Request(`http://${headers.host ?? origin}${path}`, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
      });
      const response =
        (await getResponse(mock.handlers, request)) ??
        new Response(JSON.stringify({ message: 'Resource not found' }), { status: 404 });
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: new Uint8Array(await response.arrayBuffer()),
      };
    };

    const spoiled = fault?.(received);
    if (spoiled) return applyFault(spoiled, res, answer, cors);
    const { status, headers: answerHeaders, body: answerBody } = await answer();
    res.writeHead(status, withCors(answerHeaders, cors)).end(answerBody);
  };

  // A client gone mid-body (or a throwing fault function) must not take the process down.
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent || res.destroyed) res.destroy();
      else
        res
          .writeHead(500, withCors({ 'Content-Type': 'application/json' }, cors))
          .end('{"message":"Internal Server Error"}');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => (server.off('error', reject), resolve()));
  });
  const { port: bound } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  return {
    origin,
    mock,
    requests,
    setFault: (next) => void (fault = next),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
