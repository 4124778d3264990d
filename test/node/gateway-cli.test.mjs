// The `ccai-gateway` command as a site owner runs it: `node bin/ccai-gateway.mjs` in a child
// process against the built dist/, over real sockets. What the process prints (one stdout line on
// start, everything else on stderr, never the token), how it refuses bad values (exit 2), the
// built-in mock tenant, the admin port, and a stop on SIGTERM that lets a slow request finish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/ccai-gateway.mjs', import.meta.url));
const LISTENING = /^ccai-gateway listening on (http:\/\/127\.0\.0\.1:\d+)$/;
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

before(() => {
  assert.ok(
    existsSync(new URL('../../dist/node/server/cli.js', import.meta.url)),
    'run npm run build first (dist/node/server/cli.js is missing)',
  );
});

/** The environment without anything of ours the machine running the tests may have set. */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('CCAI_') && name !== 'PORT' && name !== 'REDIS_URL',
    ),
  );
  return { ...env, ...extra };
}

/** Spawns the command; `output()` is what it printed so far, `exited` its exit code. */
function spawnGateway(args, env = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (text) => (out.stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (out.stderr += text));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  return { child, out, exited };
}

/** Runs the command to its end. */
async function run(args, env) {
  const { out, exited } = spawnGateway(args, env);
  const code = await exited;
  return { code, ...out };
}

/** Until `check()` is truthy; fails after `ms`. */
async function until(check, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts the command and waits for its listening line; `stop()` sends SIGTERM and waits for the exit. */
async function startGateway(args, env, startMs = 10_000) {
  const gateway = spawnGateway(['--port', '0', ...args], env);
  let code;
  gateway.exited.then((value) => (code = value));
  await until(
    () => LISTENING.test(gateway.out.stdout.split('\n')[0]) || code !== undefined,
    'the listening line',
    startMs,
  );
  assert.equal(code, undefined, `exited early with ${code}: ${gateway.out.stderr}`);
  const url = LISTENING.exec(gateway.out.stdout.split('\n')[0])[1];
  const stop = async () => {
    if (code === undefined) gateway.child.kill('SIGTERM');
    return gateway.exited;
  };
  running.add(stop);
  return { ...gateway, url, stop };
}

const running = new Set();
after(async () => Promise.all([...running].map((stop) => stop())));

function scheduledBooking(menuId = 9) {
  return {
    call_type: 'Scheduled',
    menu_id: menuId,
    end_user_number: '+14155550123',
    scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
    lang: 'en',
  };
}

const postJson = (url, body) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

test('--help lists every flag with its environment variable and default', async () => {
  const { code, stdout, stderr } = await run(['--help']);
  assert.equal(code, 0, stderr);
  const flags = [
    ['--tenant', 'CCAI_TENANT_URL'],
    ['--subdomain', 'CCAI_SUBDOMAIN'],
    ['--port', 'PORT'],
    ['--host', 'CCAI_HOST'],
    ['--admin-port', 'CCAI_ADMIN_PORT'],
    ['--trust-proxy', 'CCAI_TRUST_PROXY'],
    ['--menus', 'CCAI_MENUS'],
    ['--languages', 'CCAI_LANGUAGES'],
    ['--origins', 'CCAI_ALLOWED_ORIGINS'],
    ['--call-now', 'CCAI_CALL_NOW'],
    ['--upstream-rps', 'CCAI_UPSTREAM_RPS'],
    ['--upstream-timeout-ms', 'CCAI_UPSTREAM_TIMEOUT_MS'],
    ['--allow-ticket-id', 'CCAI_ALLOW_TICKET_ID'],
    ['--capability-ttl', 'CCAI_CAPABILITY_TTL'],
    ['--instances', 'CCAI_INSTANCES'],
    ['--horizon-days', 'CCAI_HORIZON_DAYS'],
    ['--bookings-per-hour', 'CCAI_BOOKINGS_PER_HOUR'],
    ['--reads-per-second', 'CCAI_READS_PER_SECOND'],
    ['--bookings-per-number-per-day', 'CCAI_BOOKINGS_PER_NUMBER_PER_DAY'],
    ['--upstream-queue-size', 'CCAI_UPSTREAM_QUEUE_SIZE'],
    ['--call-read-path', 'CCAI_CALL_READ_PATH'],
  ];
  for (const [flag, env] of flags) {
    assert.match(stdout, new RegExp(`${flag}\\b.*\\(${env}\\)`), `${flag} with ${env}`);
  }
  for (const env of ['CCAI_API_TOKEN', 'CCAI_GATEWAY_SECRET'])
    assert.match(stdout, new RegExp(`${env}\\s+\\(environment only\\)`));
  for (const value of ['8788', '127.0.0.1', '7d', '10000', '/manager/api/v1/calls/{id}'])
    assert.ok(stdout.includes(value), `default ${value}`);
  assert.doesNotMatch(stdout, /--token|--api-token|--secret/);
});

test('on start: exactly one line on stdout, with the port actually bound; the missing secret is warned about on stderr', async () => {
  const gateway = await startGateway([]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(gateway.out.stdout.split('\n'), [`ccai-gateway listening on ${gateway.url}`, '']);
  assert.notEqual(new URL(gateway.url).port, '0');
  assert.match(gateway.out.stderr, /CCAI_GATEWAY_SECRET is not set.*not survive a restart/);
  const health = await fetch(`${gateway.url}/healthz`);
  assert.equal(health.status, 200);
  // The request's log line, and nothing else, follows on stdout.
  await until(() => gateway.out.stdout.split('\n').length > 2, 'the request log line');
  const [, logLine] = gateway.out.stdout.trim().split('\n');
  assert.equal(JSON.parse(logLine).route, 'healthz');
  assert.equal(await gateway.stop(), 0);
});

test('with a secret set there is no warning, and the secret is never printed', async () => {
  const gateway = await startGateway([], { CCAI_GATEWAY_SECRET: SECRET });
  const booked = await postJson(`${gateway.url}/apps/api/v1/calls`, scheduledBooking());
  assert.equal(booked.status, 201);
  assert.equal(await gateway.stop(), 0);
  assert.doesNotMatch(gateway.out.stderr, /CCAI_GATEWAY_SECRET is not set/);
  assert.ok(!(gateway.out.stdout + gateway.out.stderr).includes(SECRET));
});

test('without --tenant (npx ccai-gateway): the built-in mock tenant, announced on stderr; a call books on menu 9', async () => {
  const gateway = await startGateway([]);
  assert.match(gateway.out.stderr, /built-in MOCK tenant/);
  const response = await postJson(`${gateway.url}/apps/api/v1/calls`, scheduledBooking(9));
  const call = await response.json();
  assert.equal(response.status, 201, JSON.stringify(call));
  assert.equal(call.status, 'scheduled');
  assert.ok(response.headers.get('ccai-capability'), 'a capability for the booked call');
  // Menu 10 is allowed by default too; a menu outside the mock's world is not.
  assert.equal(
    (await postJson(`${gateway.url}/apps/api/v1/calls`, { ...scheduledBooking(10), end_user_number: '+14155550124' }))
      .status,
    201,
  );
  assert.equal(
    (await postJson(`${gateway.url}/apps/api/v1/calls`, { ...scheduledBooking(11), end_user_number: '+14155550125' }))
      .status,
    400,
  );
  assert.equal(await gateway.stop(), 0);
});

test('bad values: one clear message naming the flag or variable and the value, exit code 2, nothing on stdout', async () => {
  const cases = [
    { args: ['--port', 'abc'], expect: /--port "abc"/ },
    { args: ['--port', '70000'], expect: /--port "70000"/ },
    { args: ['--menus', '9,x'], expect: /--menus "9,x".*"x" is not a menu id/ },
    { args: ['--menus', '9.5'], expect: /--menus "9\.5"/ },
    { args: ['--tenant', 'not a url'], expect: /--tenant "not a url" is not a URL/ },
    { args: ['--tenant', 'ftp://acme.example'], expect: /--tenant "ftp:\/\/acme\.example"/ },
    { args: ['--capability-ttl', '7 days'], expect: /--capability-ttl "7 days" is not a duration/ },
    { args: ['--upstream-rps', '0'], expect: /--upstream-rps "0"/ },
    { args: ['--origins', 'https://a.example/'], expect: /--origins .*is not an origin/ },
    { args: ['--bogus'], expect: /Unknown flag '--bogus'/ },
    { args: ['--port', '9000', '--admin-port', '9000'], expect: /--admin-port 9000 is the visitor port/ },
    { args: ['--port'], expect: /--port/ },
    { args: ['extra'], expect: /Unexpected argument 'extra'/ },
    { args: [], env: { PORT: 'abc' }, expect: /PORT "abc"/ },
    { args: [], env: { CCAI_MENUS: '9;10' }, expect: /CCAI_MENUS "9;10"/ },
    { args: [], env: { CCAI_CALL_NOW: 'maybe' }, expect: /CCAI_CALL_NOW="maybe" is not on\/off/ },
    { args: [], env: { CCAI_CAPABILITY_TTL: '-1d' }, expect: /CCAI_CAPABILITY_TTL "-1d"/ },
    { args: [], env: { CCAI_GATEWAY_SECRET: 'short' }, expect: /CCAI_GATEWAY_SECRET is too short/ },
    { args: ['--redis', 'http://cache.example'], expect: /--redis is not a Redis URL such as redis:\/\/redis:6379/ },
    {
      args: [],
      env: { REDIS_URL: 'redis://:pw-not-echoed@' },
      expect: /^(?![\s\S]*pw-not-echoed)[\s\S]*REDIS_URL is not a Redis URL/,
    },
    {
      args: [],
      env: { CCAI_WEBHOOK_USER: 'export' },
      expect: /CCAI_WEBHOOK_USER and CCAI_WEBHOOK_PASSWORD go together/,
    },
    {
      args: [],
      env: { CCAI_WEBHOOK_USER: 'export', CCAI_WEBHOOK_PASSWORD: 'short' },
      expect: /CCAI_WEBHOOK_PASSWORD is too short/,
    },
    {
      args: ['--tenant', 'https://acme.example'],
      env: { CCAI_API_TOKEN: 'x' },
      expect: /--subdomain .*and --menus .*are required/,
    },
  ];
  await Promise.all(
    cases.map(async ({ args, env, expect }) => {
      const { code, stdout, stderr } = await run(args, env);
      const what = `${args.join(' ')} ${JSON.stringify(env ?? {})}`;
      assert.equal(code, 2, `${what}: ${stderr}`);
      assert.match(stderr, expect, what);
      assert.equal(stdout, '', what);
    }),
  );
});

test('with a Redis that cannot be reached it starts degraded, says so, and serves from its own memory', async () => {
  // It gives Redis a moment first (and the built-in mock tenant starts too): on a busy machine, a while.
  const gateway = await startGateway(['--redis', 'redis://127.0.0.1:1', '--admin-port', '0'], {}, 30_000);
  assert.match(gateway.out.stderr, /Redis at 127\.0\.0\.1:1 is unreachable: starting degraded/);
  assert.deepEqual(await (await fetch(`${gateway.url}/healthz`)).json(), { status: 'degraded' });
  const booked = await postJson(`${gateway.url}/apps/api/v1/calls`, scheduledBooking());
  assert.equal(booked.status, 201);
  assert.equal(await gateway.stop(), 0);
});

test('a flag wins over its variable', async () => {
  const gateway = await startGateway([], { PORT: 'abc' });
  assert.equal(await gateway.stop(), 0);
});

test('the token as a flag is refused, pointing at CCAI_API_TOKEN', async () => {
  for (const args of [
    ['--token', 'abc123secret'],
    ['--api-token=abc123secret'],
    ['--secret', 'abc123secret'],
    ['--webhook-password', 'abc123secret'],
  ]) {
    const { code, stdout, stderr } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, /refused.*ps.*(CCAI_API_TOKEN|CCAI_GATEWAY_SECRET|CCAI_WEBHOOK_PASSWORD)/, args.join(' '));
    assert.ok(!(stdout + stderr).includes('abc123secret'), `the value of ${args[0]} is not echoed`);
  }
});

test('the token is never printed: not on start, not in a request log, not in an error', async () => {
  const token = 'tok-7f3c9e1a-unique-string-for-this-test';
  const env = { CCAI_API_TOKEN: token };
  const gateway = await startGateway([], env);
  await postJson(`${gateway.url}/apps/api/v1/calls`, scheduledBooking());
  await fetch(`${gateway.url}/apps/api/v1/calls/1`);
  assert.equal(await gateway.stop(), 0);
  const failures = await Promise.all([
    run(['--tenant', 'https://acme.example', '--menus', '9'], env),
    run(['--tenant', `https://sub:${token}@acme.example`, '--subdomain', 'sub', '--menus', '9'], env),
    run(['--menus', token], env),
  ]);
  for (const printed of [gateway.out, ...failures]) {
    assert.ok(!(printed.stdout + printed.stderr).includes(token), printed.stderr);
  }
  assert.ok(failures.every((failure) => failure.code === 2));
});

/** A tenant that answers a booking after `delayMs`, telling when a request has arrived. */
async function startSlowTenant(delayMs) {
  const arrived = [];
  const server = createServer(async (req, res) => {
    for await (const chunk of req) void chunk;
    arrived.push(req.url);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const now = new Date().toISOString();
    res.writeHead(201, { 'Content-Type': 'application/json' }).end(
      JSON.stringify({
        id: 4242,
        status: 'scheduled',
        call_type: 'Voice Scheduled (API)',
        lang: 'en',
        created_at: now,
        scheduled_at: now,
        agent_info: null,
        fail_reason: 'nothing',
      }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    arrived,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

const tenantArgs = (origin) => ['--tenant', origin, '--subdomain', 'acme', '--menus', '9'];
const tenantEnv = { CCAI_API_TOKEN: 'tenant-token-for-tests', CCAI_GATEWAY_SECRET: SECRET };

test('SIGTERM during a slow request: no new connections, the request gets its answer, exit 0', async () => {
  const tenant = await startSlowTenant(500);
  try {
    const gateway = await startGateway(tenantArgs(tenant.origin), tenantEnv);
    const pending = postJson(`${gateway.url}/apps/api/v1/calls`, scheduledBooking());
    await until(() => tenant.arrived.length === 1, 'the request at the tenant');
    gateway.child.kill('SIGTERM');
    await until(() => gateway.out.stderr.includes('stopping'), 'the stopping notice');
    await assert.rejects(fetch(`${gateway.url}/healthz`), 'a new connection is refused');
    const response = await pending;
    assert.equal(response.status, 201);
    assert.equal((await response.json()).id, 4242);
    assert.equal(await gateway.exited, 0);
  } finally {
    await tenant.close();
  }
});

test('a second signal exits at once with 1', async () => {
  const tenant = await startSlowTenant(5_000);
  try {
    const gateway = await startGateway(tenantArgs(tenant.origin), tenantEnv);
    const pending = postJson(`${gateway.url}/apps/api/v1/calls`, scheduledBooking()).catch((error) => error);
    await until(() => tenant.arrived.length === 1, 'the request at the tenant');
    const started = Date.now();
    gateway.child.kill('SIGTERM');
    await until(() => gateway.out.stderr.includes('stopping'), 'the stopping notice');
    gateway.child.kill('SIGINT');
    assert.equal(await gateway.exited, 1);
    assert.ok(Date.now() - started < 4_000, 'did not wait for the slow request');
    assert.ok((await pending) instanceof Error, 'the cut request fails');
  } finally {
    await tenant.close();
  }
});

test('/metrics only on the admin port (404 on the visitor port), with the gateway metrics', async () => {
  const gateway = await startGateway(['--admin-port', '0']);
  const adminUrl = /admin \(\/metrics, \/healthz\) on (http:\/\/\S+)/.exec(gateway.out.stderr)?.[1];
  assert.ok(adminUrl, gateway.out.stderr);
  assert.notEqual(adminUrl, gateway.url);
  assert.equal((await postJson(`${gateway.url}/apps/api/v1/calls`, scheduledBooking())).status, 201);
  assert.equal((await fetch(`${gateway.url}/metrics`)).status, 404);

  const metrics = await fetch(`${adminUrl}/metrics`);
  assert.equal(metrics.status, 200);
  assert.match(metrics.headers.get('content-type'), /^text\/plain/);
  const text = await metrics.text();
  for (const name of [
    'ccai_gateway_requests_total',
    'ccai_gateway_request_duration_seconds',
    'ccai_gateway_upstream_requests_total',
    'ccai_gateway_upstream_queue_depth',
    'ccai_gateway_coalesced_reads_total',
    'process_cpu_user_seconds_total',
  ]) {
    assert.ok(text.includes(`# TYPE ${name}`), name);
  }
  assert.match(text, /ccai_gateway_requests_total\{route="book",method="POST",status="201"\} 1/);
  assert.match(text, /ccai_gateway_upstream_requests_total\{route="book",status="201"\} 1/);
  assert.equal((await fetch(`${adminUrl}/healthz`)).status, 200);
  assert.equal((await fetch(`${adminUrl}/apps/api/v1/calls/1`)).status, 404);
  assert.equal(await gateway.stop(), 0);
});

// The node:http adapter on its own (dist/node/server/node.js): what the gateway relies on.
test('adapter: the request as sent (URL from Host, headers, streamed body), the client address, and an answer streamed as it is made', async () => {
  const { serve } = await import('../../dist/node/server/node.js');
  let seen;
  let release;
  const served = await serve(
    async (request, info) => {
      seen = {
        url: request.url,
        method: request.method,
        header: request.headers.get('x-test'),
        body: await request.text(),
        client: info.clientAddress,
      };
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: first\n\n'));
          release = () => (controller.enqueue(new TextEncoder().encode('data: second\n\n')), controller.close());
        },
      });
      const headers = new Headers({ 'Content-Type': 'text/event-stream' });
      headers.append('Set-Cookie', 'a=1');
      headers.append('Set-Cookie', 'b=2');
      return new Response(body, { status: 200, headers });
    },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    const response = await fetch(`${served.url}/path?q=1`, {
      method: 'POST',
      headers: { 'X-Test': 'yes' },
      body: 'hello',
    });
    assert.deepEqual(seen, {
      url: `${served.url}/path?q=1`,
      method: 'POST',
      header: 'yes',
      body: 'hello',
      client: '127.0.0.1',
    });
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    assert.equal((await reader.read()).value, 'data: first\n\n', 'the first event arrives before the stream ends');
    release();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    assert.equal(rest, 'data: second\n\n');
  } finally {
    await served.close();
  }
});

test('adapter: a client that goes away aborts the request signal and cancels the answer stream', async () => {
  const { serve } = await import('../../dist/node/server/node.js');
  let aborted = false;
  let cancelled = false;
  const served = await serve(
    async (request) => {
      request.signal.addEventListener('abort', () => (aborted = true));
      const body = new ReadableStream({
        start: (controller) => controller.enqueue(new TextEncoder().encode('tick\n')),
        cancel: () => void (cancelled = true),
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    const controller = new AbortController();
    const response = await fetch(served.url, { signal: controller.signal });
    await response.body.getReader().read();
    controller.abort();
    await until(() => aborted && cancelled, 'the abort and the cancel', 5_000);
  } finally {
    await served.close();
  }
});

test('adapter: a handler that throws is a 500, and the server keeps answering', async () => {
  const { serve } = await import('../../dist/node/server/node.js');
  let calls = 0;
  const served = await serve(
    async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return new Response('fine');
    },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    assert.equal((await fetch(served.url)).status, 500);
    const second = await fetch(served.url);
    assert.equal(await second.text(), 'fine');
  } finally {
    await served.close();
  }
});
