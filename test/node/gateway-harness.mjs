// The chain the gateway suites run over real sockets: a mock tenant that requires HTTP Basic
// credentials, a gateway (`serve(createGateway(…))`) in front of it on 127.0.0.1, every answer a
// visitor got and every log line kept, so a suite can search them all at the end.
// Not a test file itself (no `.test.` in its name): `node --test test/node/` leaves it alone.
import { request as httpRequest } from 'node:http';
import { createGateway } from '../../dist/node/server/gateway.js';
import { serve } from '../../dist/node/server/node.js';
import { startMockTenant } from '../../dist/node/server/mock-tenant.js';

export const API = '/apps/api/v1';
export const SUBDOMAIN = 'acme-gw';
export const TOKEN = 'tok_9f3Kq7ZxP2mLw8RvB4nT';
export const SECRET = 'gateway-secret-4b1d9c7e2a8f';
/** The header value the tenant must see on every request, and nothing else. */
export const BASIC = `Basic ${Buffer.from(`${SUBDOMAIN}:${TOKEN}`).toString('base64')}`;
export const SCHEDULED = 'Voice Scheduled (API)';
export const INBOUND = 'Voice Inbound (API)';
/** Limits no suite that is not about limits will reach. */
export const GENEROUS = {
  bookingsPerHour: 10_000,
  readsPerSecond: 10_000,
  bookingsPerNumberPerDay: 10_000,
  upstreamQueueSize: 1_000,
};

/** Everything secret that must never leave the gateway. */
export const SECRETS = [TOKEN, Buffer.from(`${SUBDOMAIN}:${TOKEN}`).toString('base64'), SECRET];

export const inHours = (hours, from = Date.now()) => new Date(from + hours * 3_600_000).toISOString();

/** A booking the gateway accepts on menu 9 (override any field). */
export const booking = (fields = {}) => ({
  menu_id: 9,
  end_user_number: '+1 859-657-9625',
  scheduled_at: inHours(2),
  lang: 'en',
  ...fields,
});

/**
 * Starts a tenant (unless one is given) and a gateway in front of it. `options` go to
 * `createGateway` over suite defaults. Returns `{ tenant, url, lines, answers, send, raw, restart, close }`.
 */
export async function startChain({ tenant, ...options } = {}) {
  const ownTenant = !tenant;
  tenant ??= await startMockTenant({ auth: { user: SUBDOMAIN, password: TOKEN } });
  const lines = [];
  const answers = [];
  const gatewayOptions = {
    tenantUrl: tenant.origin,
    subdomain: SUBDOMAIN,
    apiToken: TOKEN,
    secret: SECRET,
    menus: [9, 10],
    languages: ['en', 'ja'],
    upstreamRps: 1_000,
    limits: GENEROUS,
    log: (line) => lines.push(line),
    ...options,
  };
  let served = await serve(createGateway(gatewayOptions), { port: 0, host: '127.0.0.1' });

  const chain = {
    tenant,
    lines,
    /** Every answer a visitor got from this chain: `{ status, statusText, headers, text }`. */
    answers,
    get url() {
      return served.url;
    },
    /** `fetch` over the socket; `body` other than a string or bytes is sent as JSON. */
    async send(method, path, { headers = {}, body, origin } = {}) {
      const init = { method, headers: { ...headers } };
      if (origin) init.headers.Origin = origin;
      if (body !== undefined) {
        const raw = typeof body === 'string' || body instanceof Uint8Array;
        init.body = raw ? body : JSON.stringify(body);
        if (!raw && !Object.keys(init.headers).some((name) => name.toLowerCase() === 'content-type'))
          init.headers['Content-Type'] = 'application/json';
      }
      const response = await fetch(`${served.url}${path}`, init);
      return record(answers, response.status, response.statusText, response.headers, await response.text());
    },
    /**
     * `node:http` on a connection of its own, with the path sent exactly as written (no URL
     * normalisation) and any headers. `body` as an array of strings is sent chunked.
     */
    raw(method, path, { headers = {}, body } = {}) {
      const { hostname, port } = new URL(served.url);
      return new Promise((resolve, reject) => {
        // An explicit length: Node sends a DELETE's body with neither it nor chunked encoding.
        const length =
          body === undefined
            ? {}
            : Array.isArray(body)
              ? { 'Transfer-Encoding': 'chunked' }
              : { 'Content-Length': Buffer.byteLength(body) };
        const req = httpRequest(
          { host: hostname, port, method, path, headers: { ...length, ...headers }, agent: false },
          (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () =>
              resolve(
                record(
                  answers,
                  res.statusCode,
                  res.statusMessage,
                  new Headers(flatHeaders(res.headers)),
                  Buffer.concat(chunks).toString('utf8'),
                ),
              ),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
        req.end(Array.isArray(body) ? undefined : body);
      });
    },
    /** A new gateway (same tenant, new options over these) on a new port; the old one is closed. */
    async restart(overrides = {}) {
      await served.close();
      Object.assign(gatewayOptions, overrides);
      served = await serve(createGateway(gatewayOptions), { port: 0, host: '127.0.0.1' });
    },
    async close() {
      await served.close();
      if (ownTenant) await tenant.close();
    },
  };
  return chain;
}

function flatHeaders(headers) {
  return Object.entries(headers).map(([name, value]) => [
    name,
    Array.isArray(value) ? value.join(', ') : String(value),
  ]);
}

function record(answers, status, statusText, headers, text) {
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = undefined;
  }
  const answer = { status, statusText, headers, text, body };
  answers.push(answer);
  return answer;
}

/** The whole answer as a client could see it: status line, every header, the body. */
export const answerText = ({ status, statusText, headers, text }) =>
  `${status} ${statusText}\n${[...headers].map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n${text}`;

/** Tenant requests that arrived since index `from`. */
export const since = (tenant, from) => tenant.requests.slice(from);

/** Books through the chain and returns `{ id, capability, answer }`; fails the test unless 201. */
export async function book(chain, fields = {}, headers = {}) {
  const answer = await chain.send('POST', `${API}/calls`, { body: booking(fields), headers });
  if (answer.status !== 201) throw new Error(`booking refused: ${answer.status} ${answer.text}`);
  return { id: answer.body.id, capability: answer.headers.get('ccai-capability'), answer };
}

/** The JSON body of a tenant request. */
export const bodyOf = (received) => JSON.parse(received.body);
