// `npm start`: the demo through the real chain. The page (Vite's dev server for demo/) sends
// `/apps/api` and `/healthz` to the gateway on the same origin (no CORS), and the gateway calls the
// mock tenant over HTTP with Basic credentials made for this process. With CCAI_TENANT_URL,
// CCAI_SUBDOMAIN and CCAI_API_TOKEN set, the gateway is `ccai-gateway` itself (every CCAI_*
// variable as it reads them) in front of that real tenant. Run after `tsc -p tsconfig.server.json`
// (npm start does). Ctrl-C or SIGTERM stops all three.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer } from 'vite';
import { createGateway, serve } from '../dist/node/server/index.js';
import { startMockTenant } from '../dist/node/server/mock-tenant.js';

const TENANT_VARIABLES = ['CCAI_TENANT_URL', 'CCAI_SUBDOMAIN', 'CCAI_API_TOKEN'];
const MAX_PATCH_BYTES = 4096;

/** What to stop, last started first. */
const stops = [];

async function stopAll() {
  while (stops.length > 0)
    await stops
      .pop()()
      .catch((error) => console.error(`npm start: ${error.message}`));
}

/** The real tenant's gateway: `ccai-gateway` on a free local port, stopped by us rather than by its own signal handlers. */
async function realTenantGateway() {
  const { main } = await import('../dist/node/server/cli.js');
  const handle = await main(['--port', '0', '--host', '127.0.0.1'], process.env, {
    stdout: process.stdout,
    stderr: process.stderr,
  });
  if (typeof handle === 'number') process.exit(handle);
  stops.push(() => handle.close());
  return handle.url;
}

/**
 * Only the local demo is an agent. Every request reaches this gateway from the dev server's proxy,
 * which listens on this machine only, so the peer is a loopback address. A real site calls its own
 * agent login here (a session cookie, an SSO token) and never trusts an address.
 */
function demoAgentLogin(peers) {
  return (request) => (/^(127\.|::1$|::ffff:127\.)/.test(peers.get(request) ?? '') ? { id: 'demo-agent' } : null);
}

/**
 * The mock tenant (Basic auth with a token made here) and the gateway in front of it. After the
 * panel changes the world, `tell` says what changed the way a tenant would:
 * - a call moved along its path: one event to the gateway's session-events webhook, as the
 *   platform's Session Data Export sends it, which pushes it at once to the status elements
 *   watching (with no event the gateway would see a far-away scheduled call move only at its next
 *   read, up to five minutes later);
 * - anything else (a menu's state, the languages, the wait, a reset, a jump the webhook has no
 *   event for): the gateway is replaced with a fresh one (same secret, so capabilities stay
 *   valid), whose caches are empty. Streams already open stay on the old one, which reads a live
 *   call every 5 s.
 */
async function mockTenantGateway() {
  const subdomain = 'demo';
  const apiToken = randomBytes(24).toString('base64url');
  const tenant = await startMockTenant({ auth: { user: subdomain, password: apiToken }, cors: false });
  stops.push(() => tenant.close());
  const peers = new WeakMap();
  const options = {
    tenantUrl: tenant.origin,
    subdomain,
    apiToken,
    menus: [9, 10],
    languages: ['en', 'ja', 'es'],
    // The demo's form offers "Call me now" (modes="now,later"); a real tenant's gateway takes CCAI_CALL_NOW.
    callNow: true,
    secret: randomBytes(32).toString('base64url'),
    authorize: demoAgentLogin(peers),
    webhook: { user: 'demo-tenant', password: randomBytes(24).toString('base64url') },
  };
  let gateway = createGateway(options);
  const served = await serve(
    (request, info) => {
      peers.set(request, info?.clientAddress);
      return gateway(request, info);
    },
    { port: 0, host: '127.0.0.1' },
  );
  stops.push(async () => {
    await Promise.all([served.close(), gateway.drain()]);
  });
  console.error(`npm start: mock tenant on ${tenant.origin} (Basic auth, made-up data), gateway on ${served.url}`);
  let eventId = 0;
  /** The webhook's event for a move from `before` to `call.status`, or `undefined` where the platform has none. */
  const eventFor = (before, call) => {
    // A call that never connected and is disconnected has failed; one that connected, finished.
    const kind = call.status === 'failed' && !call.connected_at ? 'disconnected' : WEBHOOK_EVENTS[call.status];
    if (!kind || before === call.status) return undefined;
    return {
      event_id: `demo-${process.pid}-${++eventId}`,
      timestamp: Date.now(),
      call_id: call.id,
      event: kind,
      ends_at: call.ends_at,
    };
  };
  const tell = async (patch, before, call) => {
    const { callId: _read, move, ...rest } = patch;
    const others = Object.values(rest).some((value) => value !== undefined && value !== false);
    if (!move && !others) return; // the panel only asked how the call is
    const event = call && move && !others ? eventFor(before, call) : undefined;
    if (!event) {
      gateway = createGateway(options);
      return;
    }
    const { user, password } = options.webhook;
    const response = await gateway(
      new Request(new URL('/webhooks/ccai/session-events', served.url), {
        method: 'POST',
        headers: { Authorization: `Basic ${btoa(`${user}:${password}`)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ count: 1, events: [event] }),
      }),
    );
    if (!response.ok) throw new Error(`the gateway's webhook answered ${response.status}`);
  };
  return { url: served.url, tenant, tell };
}

/** The session event the platform sends when a call reaches each status (none for `connecting`, `scheduled`, `cancelled`…). */
const WEBHOOK_EVENTS = {
  queued: 'routing',
  assigned: 'agent_accepted',
  connected: 'connected',
  finished: 'disconnected',
};

/**
 * `POST /__demo/world` with a JSON patch (demo/world.ts): the panel's changes, applied to the
 * mock tenant's world; answers `{ call?, world }` (the call asked about, the world as the panel
 * shows it; an empty patch only asks). Only in this dev server, never in the gateway or the tenant. JSON only, so
 * that another site cannot post to it without a preflight this server never answers.
 */
function worldControl({ tenant, tell }) {
  return {
    name: 'ccai-demo-world',
    configureServer(server) {
      server.middlewares.use('/__demo/world', async (req, res) => {
        const answer = (status, body) =>
          res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
        if (req.method !== 'POST') return answer(405, { message: 'Method not allowed' });
        if (!req.headers['content-type']?.startsWith('application/json')) return answer(415, { message: 'JSON only' });
        let text = '';
        for await (const chunk of req) {
          text += chunk;
          if (text.length > MAX_PATCH_BYTES) return answer(413, { message: 'Too large' });
        }
        try {
          const { parseWorldPatch, applyWorldPatch, panelWorldOf } = await server.ssrLoadModule('/world.ts');
          const patch = parseWorldPatch(JSON.parse(text));
          const before = patch.callId === undefined ? undefined : tenant.mock.world.calls[patch.callId]?.status;
          const call = applyWorldPatch(tenant.mock, patch);
          await tell(patch, before, call);
          // The world as the panel shows it, so that a page opened or reloaded later shows this one.
          answer(200, { ...(call && { call }), world: panelWorldOf(tenant.mock) });
        } catch (error) {
          answer(400, { message: error instanceof Error ? error.message : String(error) });
        }
      });
    },
  };
}

const given = TENANT_VARIABLES.filter((name) => process.env[name]);
if (given.length > 0 && given.length < TENANT_VARIABLES.length) {
  console.error(
    `npm start: set all of ${TENANT_VARIABLES.join(', ')} for a real tenant, or none for the mock tenant (missing: ${TENANT_VARIABLES.filter((name) => !process.env[name]).join(', ')})`,
  );
  process.exit(2);
}
const chain = given.length > 0 ? 'tenant' : 'mock-tenant';

let stopping = false;
function stop(why) {
  if (stopping) process.exit(1);
  stopping = true;
  console.error(`npm start: stopping (${why})`);
  stopAll().then(() => process.exit(0));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(`${signal}; again to exit at once`));
// A SIGTERM sent to npm alone reaches its shell, which dies without passing it on: stop with it.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && !stopping && stop('npm has gone'), 1000).unref();

try {
  const mock = chain === 'mock-tenant' ? await mockTenantGateway() : undefined;
  const gatewayUrl = mock?.url ?? (await realTenantGateway());
  const vite = await createViteServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    root: fileURLToPath(new URL('../demo', import.meta.url)),
    clearScreen: false,
    define: { __CCAI_DEMO_CHAIN__: JSON.stringify(chain) },
    // Objects, not URL strings (which turn changeOrigin on): the gateway sees this page's Host, so
    // the page is same-origin to it and needs no CORS.
    server: {
      port: Number(process.env.DEMO_PORT ?? 5173),
      proxy: { '/apps/api': { target: gatewayUrl }, '/healthz': { target: gatewayUrl } },
    },
    plugins: mock ? [worldControl(mock)] : [],
  });
  await vite.listen();
  stops.push(() => vite.close());
  const page = vite.resolvedUrls.local[0];
  console.log(
    `Lock Star demo: ${page} (page → gateway → ${chain === 'tenant' ? process.env.CCAI_TENANT_URL : 'mock tenant'}). Ctrl-C stops it.`,
  );
} catch (error) {
  console.error(`npm start: could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll();
  process.exit(1);
}
