// "Call me now" through `ccai-gateway` as a site owner runs it: the command (bin/ccai-gateway.mjs)
// in a child process, once with `--call-now` and once without, in front of the project's HTTP mock
// tenant (src/server/mock-tenant.ts) requiring the tenant's Basic credentials, all over real
// sockets. What a visitor gets (the menu's wait, a Voice Inbound (API) booking, its status with its
// capability only) and what the tenant receives; then <ccai-schedule-call modes="now,later"> from
// the script tag, on a page of another origin, driven in Chromium by labels and roles, in front of
// each gateway (without --call-now the visitor must be told, and nothing booked).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startMockTenant } from '../../dist/node/server/mock-tenant.js';

const bin = fileURLToPath(new URL('../../bin/ccai-gateway.mjs', import.meta.url));
const dist = new URL('../../dist/', import.meta.url);
const API = '/apps/api/v1';
const SUBDOMAIN = 'acme-now';
const TOKEN = randomBytes(24).toString('base64url');
const SECRET = randomBytes(32).toString('base64url');
const BASIC = `Basic ${Buffer.from(`${SUBDOMAIN}:${TOKEN}`).toString('base64')}`;
const INBOUND = 'Voice Inbound (API)';
const SCHEDULED = 'Voice Scheduled (API)';
/** The wait the tenant reports for menu 9, in minutes (not the mock's default). */
const WAIT = 7;

let tenant, site, siteOrigin, withNow, withoutNow, browser;
/** Every capability a visitor was given, to look for in the logs. */
const capabilities = [];

/**
 * `ccai-gateway` in a child process in front of the tenant, on a free port, with the flags a site
 * owner writes (and `extra`); the token and secret in its environment, as the README says. Limits
 * are raised: every request of this suite comes from one address, and limits have their own suite.
 */
async function startGateway(extra) {
  const args = [
    ...['--tenant', tenant.origin, '--subdomain', SUBDOMAIN, '--menus', '9', '--languages', 'en,ja'],
    ...['--origins', siteOrigin, '--port', '0', '--host', '127.0.0.1'],
    ...['--bookings-per-hour', '100', '--bookings-per-number-per-day', '100'],
    ...extra,
  ];
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CCAI_')));
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...env, CCAI_API_TOKEN: TOKEN, CCAI_GATEWAY_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (text) => (output.stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output.stderr += text));
  const exited = new Promise((resolve) => child.on('close', resolve));
  const url = await Promise.race([
    new Promise((resolve) => {
      const listening = () => {
        const match = /^ccai-gateway listening on (\S+)$/m.exec(output.stdout);
        if (match) resolve(match[1]);
        else child.stdout.once('data', listening);
      };
      listening();
    }),
    exited.then((code) => assert.fail(`ccai-gateway exited with ${code}: ${output.stderr}`)),
  ]);
  return {
    url,
    output,
    /** `fetch` to the gateway; a `body` is sent as JSON. */
    send: (method, path, { body, headers = {} } = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (response) => {
        const capability = response.headers.get('ccai-capability');
        if (capability) capabilities.push(capability);
        return { status: response.status, headers: response.headers, body: await response.json() };
      }),
    stop: () => (child.kill('SIGTERM'), exited),
  };
}

before(async () => {
  tenant = await startMockTenant({ auth: { user: SUBDOMAIN, password: TOKEN } });
  tenant.mock.world.menus[9].waitTimes = { voice_call: WAIT, chat: 2 };
  // The visitor's page: the script tag (its chunks beside it) and the form, talking to the gateway
  // named in the query. Open every day, all day, so "now" is never closed by the element's own hours.
  site = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://site');
    if (/^\/ccai-widgets(\.chunks\/[\w-]+)?\.js$/.test(url.pathname)) {
      const script = await readFile(new URL(url.pathname.slice(1), dist));
      return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    }
    if (url.pathname !== '/') return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support</title><script src="/ccai-widgets.js"></script></head>
<body><main><ccai-schedule-call base-url="${url.searchParams.get('gateway')}" menu-id="9" modes="now,later" days="mon-sun" hours="00:00-24:00" default-country="US"></ccai-schedule-call></main></body></html>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${site.address().port}`;
  [withNow, withoutNow] = await Promise.all([startGateway(['--call-now']), startGateway([])]);
});

after(async () => {
  await browser?.close();
  await Promise.all([withNow?.stop(), withoutNow?.stop()]);
  await tenant?.close();
  await new Promise((resolve) => site?.close(resolve));
});

/** What reached the tenant during `action`: `{ result, received }`, requests as the tenant recorded them. */
async function watching(action) {
  const from = tenant.requests.length;
  const result = await action();
  return { result, received: tenant.requests.slice(from) };
}

const nowAsk = (number) => ({ call_type: INBOUND, menu_id: 9, end_user_number: number, lang: 'en' });

test('the wait for a listed menu is the tenant’s, trimmed; an unlisted menu is refused before the tenant', async () => {
  const { result, received } = await watching(() => withNow.send('GET', `${API}/wait_times?lang=en&menu_id=9`));
  assert.equal(result.status, 200);
  const agents = Object.values(tenant.mock.world.agents);
  assert.deepEqual(result.body, [
    {
      menu_id: 9,
      voice_call: WAIT,
      chat: 2,
      logged_in_agents: agents.length,
      available_agents: agents.filter((agent) => agent.available).length,
    },
  ]);
  assert.deepEqual(
    received.map((request) => `${request.method} ${request.path} ${request.headers.authorization === BASIC}`),
    [`GET ${API}/wait_times?lang=en&menu_id=9 true`],
  );

  // Menu 10 exists at the tenant but is not in --menus.
  const unlisted = await watching(() => withNow.send('GET', `${API}/wait_times?lang=en&menu_id=10`));
  assert.equal(unlisted.result.status, 400);
  assert.deepEqual(unlisted.result.body, { message: 'menu_id 10 is not found' });
  assert.deepEqual(unlisted.received, []);
});

test('with --call-now: a Voice Inbound (API) ask is booked as one, without a time, and its status is read with its capability only', async () => {
  const { result, received } = await watching(() =>
    withNow.send('POST', `${API}/calls`, {
      body: { ...nowAsk('+1 201-555-0140'), scheduled_at: '2030-01-01T00:00:00Z' },
    }),
  );
  assert.equal(result.status, 201, JSON.stringify(result.body));
  assert.deepEqual(
    received.map((request) => [request.method, request.path, request.headers.authorization === BASIC]),
    [['POST', `${API}/calls`, true]],
  );
  assert.deepEqual(JSON.parse(received[0].body), {
    call_type: INBOUND,
    menu_id: 9,
    end_user_number: '+12015550140',
    lang: 'en',
  });
  const call = tenant.mock.world.calls[result.body.id];
  assert.equal(call.call_type, INBOUND);
  assert.equal(call.status, 'queued');
  // The visitor's copy: the call, trimmed, and the capability to read it.
  assert.equal(result.body.status, 'queued');
  assert.equal(result.body.end_user_number, undefined);
  const capability = result.headers.get('ccai-capability');
  assert.match(capability ?? '', new RegExp(`^v1\\.${call.id}\\.`));

  const read = await withNow.send('GET', `${API}/calls/${call.id}`, { headers: { 'Ccai-Capability': capability } });
  assert.equal(read.status, 200);
  assert.equal(read.body.id, call.id);
  assert.equal(read.body.status, 'queued');
  assert.equal(read.body.call_type, INBOUND);

  // Without it, or with another call's, the call does not exist, and the tenant is not asked.
  const other = await withNow.send('POST', `${API}/calls`, { body: nowAsk('+1 201-555-0141') });
  assert.equal(other.status, 201);
  for (const headers of [{}, { 'Ccai-Capability': other.headers.get('ccai-capability') }]) {
    const refused = await watching(() => withNow.send('GET', `${API}/calls/${call.id}`, { headers }));
    assert.equal(refused.result.status, 404);
    assert.deepEqual(refused.result.body, { message: 'Call not found' });
    assert.deepEqual(refused.received, []);
  }
});

test('without --call-now: the same ask is refused as a scheduled call without a time, and nothing reaches the tenant', async () => {
  const refused = await watching(() => withoutNow.send('POST', `${API}/calls`, { body: nowAsk('+1 201-555-0150') }));
  assert.equal(refused.result.status, 400);
  assert.deepEqual(refused.result.body, { message: 'scheduled_at is required' });
  assert.deepEqual(refused.received, []);

  // With a time, the ask is booked as what this gateway allows: a scheduled call.
  const at = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const { result, received } = await watching(() =>
    withoutNow.send('POST', `${API}/calls`, { body: { ...nowAsk('+1 201-555-0151'), scheduled_at: at } }),
  );
  assert.equal(result.status, 201, JSON.stringify(result.body));
  assert.equal(result.body.call_type, SCHEDULED);
  assert.equal(JSON.parse(received[0].body).call_type, SCHEDULED);
  assert.equal(tenant.mock.world.calls[result.body.id].call_type, SCHEDULED);
});

/** A page of the site with the form in front of `gateway`; errors thrown on the page are collected. */
async function open(gateway) {
  browser ??= await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // The page's timers run on a clock the test moves, so that the status's next read need not be waited for.
  await page.clock.install();
  await page.goto(`${siteOrigin}/?gateway=${encodeURIComponent(gateway.url)}`);
  return { page, problems };
}

test('in Chromium, <ccai-schedule-call modes="now,later"> shows the wait, books now through the gateway and follows the queued call', async () => {
  const { page, problems } = await open(withNow);
  assert.equal(await page.getByRole('radio', { name: 'Call me now' }).isChecked(), true, 'the first mode listed');
  await page.getByText(`Estimated wait: about ${WAIT} minutes.`).waitFor();
  await page.getByLabel('Phone number').fill('(201) 555-0160');
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url() === `${withNow.url}${API}/calls`,
  );
  const { received } = await watching(async () => {
    await page.getByRole('button', { name: 'Call me now' }).click();
    return answered;
  });
  await page.getByText('You are in the queue. We will call you shortly.').waitFor();
  await page.getByText('Waiting for an agent', { exact: true }).waitFor();

  assert.deepEqual(
    received.map((request) => JSON.parse(request.body)),
    [{ call_type: INBOUND, menu_id: 9, end_user_number: '+12015550160', lang: 'en' }],
  );
  const id = (await (await answered).json()).id;
  assert.equal(tenant.mock.world.calls[id].status, 'queued');
  // An agent takes the call at the tenant: the status the visitor follows through the gateway says so.
  Object.assign(tenant.mock.world.calls[id], { status: 'connected', connected_at: new Date().toISOString() });
  await page.clock.fastForward(20_000);
  await page.getByText('Connected', { exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('in Chromium, "now" in front of a gateway without --call-now: the visitor is told the form is not set up, and no call is made', async () => {
  const { page, problems } = await open(withoutNow);
  // The wait is a read any gateway allows for its menus.
  await page.getByText(`Estimated wait: about ${WAIT} minutes.`).waitFor();
  await page.getByLabel('Phone number').fill('(201) 555-0170');
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url() === `${withoutNow.url}${API}/calls`,
  );
  const { received } = await watching(async () => {
    await page.getByRole('button', { name: 'Call me now' }).click();
    return answered;
  });
  assert.equal((await answered).status(), 400);
  await page.getByRole('alert').getByText('This callback form is not set up correctly.').waitFor();
  assert.deepEqual(received, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('what both commands printed: a JSON line per request, and never the token, the secret, a capability or a number', () => {
  const lines = (gateway) =>
    gateway.output.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line));
  const asked = (gateway) =>
    lines(gateway).map(({ method, path, status }) => `${method} ${path.split('?')[0]} ${status}`);
  assert.ok(asked(withNow).includes(`POST ${API}/calls 201`), asked(withNow).join('\n'));
  assert.ok(asked(withNow).includes(`GET ${API}/wait_times 200`));
  assert.ok(asked(withoutNow).includes(`POST ${API}/calls 400`), asked(withoutNow).join('\n'));
  // The numbers booked, as the tenant received them (E.164), without their `+`.
  const numbers = tenant.requests
    .filter((request) => request.method === 'POST')
    .map((request) => JSON.parse(request.body).end_user_number.slice(1));
  assert.ok(numbers.length >= 4);
  for (const { output } of [withNow, withoutNow]) {
    const printed = output.stdout + output.stderr;
    for (const secret of [TOKEN, SECRET, BASIC.slice('Basic '.length), ...capabilities, ...numbers])
      assert.ok(!printed.includes(secret), `printed: ${secret}`);
  }
});
