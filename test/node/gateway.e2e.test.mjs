// The three widgets through the gateway, as a site goes live: a plain page on one origin with the
// single-file script, the gateway (createGateway on node:http) on another origin that lists the
// page's, and the mock tenant behind it requiring the tenant's Basic credentials. Driven in
// Chromium by labels and roles; every request that reaches the tenant is counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startApiServer } from '../../scripts/api-server.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { createGateway, serve } from '../../dist/node/server/index.js';

const SUBDOMAIN = 'acme';
const API_TOKEN = randomBytes(24).toString('base64url');
const AGENT_TOKEN = randomBytes(24).toString('base64url');
const BASIC = `Basic ${Buffer.from(`${SUBDOMAIN}:${API_TOKEN}`).toString('base64')}`;
const MINUTE = 60_000;

const script = await readFile(new URL('../../dist/ccai-widgets.standalone.js', import.meta.url));
let tenant, site, siteOrigin, gatewayServed, gatewayOrigin, browser;
/** The gateway's clock runs ahead by this much, in step with a page's fake clock. */
let gatewayAhead = 0;
/** `ccai-widgets/core`'s client as an agent tool bundles it: path → module text. */
const coreModules = new Map();

const html = (body, lang = 'en') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Support</title><script src="/ccai-widgets.js"></script></head>
<body><main>${body}</main></body></html>`;
const send = (res, type, body) => res.writeHead(200, { 'Content-Type': type }).end(body);

/** The client alone, bundled from the source with its lazy chunks, as a module an agent tool's page imports. */
async function bundleCoreClient() {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('../../src/core/client.ts', import.meta.url)),
        formats: ['es'],
        fileName: 'client',
      },
    },
  });
  for (const { output } of [result].flat())
    for (const chunk of output) if (chunk.type === 'chunk') coreModules.set(`/core/${chunk.fileName}`, chunk.code);
}

before(async () => {
  await bundleCoreClient();
  tenant = await startApiServer({ auth: { user: SUBDOMAIN, password: API_TOKEN } });
  site = createServer((req, res) => {
    const url = new URL(req.url, 'http://site');
    if (url.pathname === '/ccai-widgets.js') return send(res, 'text/javascript', script);
    if (url.pathname === '/status') {
      return send(
        res,
        'text/html; charset=utf-8',
        html(
          `<ccai-call-status base-url="${gatewayOrigin}" call-id="${url.searchParams.get('id')}"></ccai-call-status>`,
        ),
      );
    }
    send(
      res,
      'text/html; charset=utf-8',
      html(
        `<ccai-schedule-call base-url="${gatewayOrigin}" menu-id="9" languages="en,ja" days="mon-sun" hours="00:00-23:45" default-country="US"></ccai-schedule-call>`,
      ),
    );
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${site.address().port}`;

  const gateway = createGateway({
    tenantUrl: tenant.origin,
    subdomain: SUBDOMAIN,
    apiToken: API_TOKEN,
    menus: [9],
    languages: ['en', 'ja'],
    origins: [siteOrigin],
    secret: randomBytes(32).toString('base64url'),
    log: false,
    now: () => Date.now() + gatewayAhead,
    // The agent tool's own login, reduced to a token its page sends in a header.
    authorize: (request) => (request.headers.get('X-Agent-Token') === AGENT_TOKEN ? { id: 'agent-1' } : null),
  });
  // The gateway's CORS lets a visitor page send Ccai-Capability, nothing else: an agent tool that
  // sends its own login header is served from the gateway's origin, as a backend that mounts the
  // gateway beside its pages would.
  gatewayServed = await serve(
    async (request, info) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/ccai-widgets.js')
        return new Response(script, { headers: { 'Content-Type': 'text/javascript' } });
      if (coreModules.has(pathname))
        return new Response(coreModules.get(pathname), { headers: { 'Content-Type': 'text/javascript' } });
      if (pathname === '/agent') {
        return new Response(
          html(`<ccai-customer-flags id="agent"></ccai-customer-flags><ccai-customer-flags id="anonymous" call-id="514"></ccai-customer-flags>
<script type="module">
import { CallsClient } from '/core/client.js';
const agent = document.querySelector('#agent');
agent.client = new CallsClient({ headers: { 'X-Agent-Token': ${JSON.stringify(AGENT_TOKEN)} } });
agent.setAttribute('call-id', '514');
</script>`),
          { headers: { 'Content-Type': 'text/html; charset=utf-8' } },
        );
      }
      return gateway(request, info);
    },
    { port: 0, host: '127.0.0.1' },
  );
  gatewayOrigin = gatewayServed.url;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await gatewayServed?.close();
  await tenant?.close();
  await new Promise((resolve) => site.close(resolve));
});

async function open(url, { fakeClock = false, watch } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  watch?.(page);
  if (fakeClock) await page.clock.install();
  await page.goto(url);
  return { page, problems };
}

/** Books the first slot on the visitor page; answers with the gateway's 201 and the slot. */
async function book(page, number) {
  await page.getByLabel('Phone number').fill(number);
  const time = page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first();
  const slot = await time.getAttribute('value');
  await time.check();
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url() === `${gatewayOrigin}/apps/api/v1/calls`,
  );
  await page.getByRole('button', { name: 'Schedule call' }).click();
  const response = await answered;
  assert.equal(response.status(), 201);
  return { slot, call: await response.json(), capability: await response.headerValue('Ccai-Capability') };
}

const tenantRequestsSince = (count) => tenant.requests.slice(count);

/** Waits for the tenant to have received what the page's last action sent (recorded asynchronously). */
async function until(check) {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(check());
}

test('a visitor books through the gateway, sees the booking again after a reload, and cancels it', async () => {
  const start = tenant.requests.length;
  const { page, problems } = await open(siteOrigin);
  const { slot, call, capability } = await book(page, '(201) 555-0123');
  await page.getByText('Your call is scheduled for').waitFor();
  await page.getByText('Scheduled', { exact: true }).waitFor();
  assert.match(capability ?? '', /\S{20,}/, 'the booking carries its capability');

  const posts = tenantRequestsSince(start).filter((request) => request.method === 'POST');
  assert.equal(posts.length, 1);
  assert.equal(posts[0].path, '/apps/api/v1/calls');
  assert.deepEqual(JSON.parse(posts[0].body), {
    call_type: 'Voice Scheduled (API)',
    menu_id: 9,
    end_user_number: '+12015550123',
    scheduled_at: new Date(slot).toISOString(),
    lang: 'en',
  });
  assert.equal(tenant.mock.world.calls[call.id].status, 'scheduled');
  assert.equal(call.end_user_number, undefined, 'the visitor gets the trimmed call');

  await page.reload();
  await page.getByText('Your call is scheduled for').waitFor();
  await page.getByText('Scheduled', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Cancel call' }).click();
  await page.getByText('Your call has been cancelled.').waitFor();
  assert.equal(tenant.mock.world.calls[call.id].status, 'cancelled');

  await until(() => tenantRequestsSince(start).some((request) => request.method === 'PATCH'));
  const received = tenantRequestsSince(start);
  const reads = received.filter((request) => request.method === 'GET');
  assert.deepEqual(
    received.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`),
    ['POST /apps/api/v1/calls', `PATCH /apps/api/v1/calls/scheduled/${call.id}/cancel`],
  );
  assert.ok(
    reads.every((request) => request.path === `/manager/api/v1/calls/${call.id}`),
    'reads are of that call only',
  );
  assert.ok(reads.length <= 1, `the booking's own answer serves the status; ${reads.length} tenant reads`);
  assert.ok(
    received.every((request) => request.headers.authorization === BASIC),
    'every tenant request carries the Basic credentials',
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("the visitor's status follows the call as the tenant moves it, pushed once the gateway offers its stream", async () => {
  const pageRequests = [];
  const { page, problems } = await open(siteOrigin, {
    fakeClock: true,
    watch: (page) => page.on('request', (request) => pageRequests.push(request.url())),
  });
  const { call } = await book(page, '(201) 555-0124');
  await page.getByText('Scheduled', { exact: true }).waitFor();
  const reads = () =>
    tenant.requests.filter(
      (request) => request.method === 'GET' && request.path === `/manager/api/v1/calls/${call.id}`,
    );
  const before = reads().length;
  const statusUrl = `${gatewayOrigin}/apps/api/v1/calls/${call.id}`;

  // The page's clock and the gateway's jump together: past the gateway's freshness for a call this
  // far away, and to the poll the status element planned. That read's answer offers the stream.
  Object.assign(tenant.mock.world.calls[call.id], { status: 'queued', queued_at: new Date().toISOString() });
  gatewayAhead += 20 * MINUTE;
  await page.clock.fastForward(20 * MINUTE);
  await page.getByText('Waiting for an agent', { exact: true }).waitFor();
  await until(() => pageRequests.some((url) => url.startsWith(`${statusUrl}/events?capability=`)));
  const polls = pageRequests.filter((url) => url === statusUrl).length;

  // Pushed by the gateway's own read of the call (every 5 s while it moves), with no poll of the page's.
  Object.assign(tenant.mock.world.calls[call.id], { status: 'connected', connected_at: new Date().toISOString() });
  await page.getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });
  assert.equal(pageRequests.filter((url) => url === statusUrl).length, polls, 'no poll while the stream is open');
  assert.equal(polls, 1);
  // One read per 5 s while the call moves, however many watch it.
  assert.ok(reads().length - before <= 4, `${reads().length - before} tenant reads`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a call id without its capability is not found, and costs the tenant nothing', async () => {
  const start = tenant.requests.length;
  const { page, problems } = await open(`${siteOrigin}/status?id=514`);
  await page.getByText('We could not find this call.').waitFor();
  assert.deepEqual(tenantRequestsSince(start), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an agent tool's flags go through the authorize hook; without its login they do not exist", async () => {
  const start = tenant.requests.length;
  const flagAnswers = [];
  const { page, problems } = await open(`${gatewayOrigin}/agent`, {
    watch: (page) =>
      page.on('response', (response) => {
        if (response.url().endsWith('/customer_flag'))
          flagAnswers.push(
            `${response.request().method()} ${'x-agent-token' in response.request().headers() ? 'agent' : 'anonymous'} ${response.status()}`,
          );
      }),
  });
  const agent = page.locator('#agent');
  const verified = agent.getByRole('checkbox', { name: 'Verified customer' });
  await until(() => flagAnswers.length === 2);
  await page.waitForFunction(
    () => !document.querySelector('#agent').shadowRoot.querySelector('input[type=checkbox]').disabled,
  );
  assert.equal(await verified.isChecked(), tenant.mock.world.flags[514].verified_customer);
  await agent.getByRole('checkbox', { name: 'Bad actor' }).check();
  await until(() => tenant.mock.world.flags[514].bad_actor === true);
  await until(() => flagAnswers.length === 3);

  assert.deepEqual(flagAnswers.sort(), ['GET agent 200', 'GET anonymous 404', 'PATCH agent 200']);
  const received = tenantRequestsSince(start);
  assert.deepEqual(
    received.map((request) => `${request.method} ${request.path}${request.body ? ` ${request.body}` : ''}`),
    ['GET /apps/api/v1/calls/514/customer_flag', 'PATCH /apps/api/v1/calls/514/customer_flag {"bad_actor":true}'],
    "the anonymous element's read never reaches the tenant",
  );
  assert.ok(
    received.every((request) => request.headers.authorization === BASIC && !('x-agent-token' in request.headers)),
    "the agent's login stays at the gateway",
  );
  assert.deepEqual(problems, []);
  await page.close();
});
