// The mock tenant (src/server/mock-tenant.ts, built to dist/node) over real sockets: HTTP Basic
// auth when configured, the Manager API's read of one call, what it records of each request,
// CORS, and the fault layer.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startMockTenant } from '../../dist/node/server/mock-tenant.js';
import { startApiServer } from '../../scripts/api-server.mjs';

const NOW = '2019-09-10T00:19:14Z';
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const RIGHT = basic('acme', 's3cret-token');

async function send(origin, method, path, { headers = {}, body } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${origin}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe('mock tenant with Basic auth', () => {
  let tenant;
  before(
    async () =>
      (tenant = await startMockTenant({ auth: { user: 'acme', password: 's3cret-token' }, mockOptions: { now: NOW } })),
  );
  after(() => tenant.close());

  const refusals = {
    missing: undefined,
    'wrong user': basic('acme2', 's3cret-token'),
    'wrong password': basic('acme', 's3cret-tokem'),
    'password of another length': basic('acme', 's3cret'),
    'no colon': `Basic ${Buffer.from('acmes3cret-token').toString('base64')}`,
    'not base64': 'Basic !!!',
    'scheme alone': 'Basic',
    'scheme in lower case': RIGHT.replace('Basic', 'basic'),
    'another scheme': 'Bearer s3cret-token',
    'two spaces after the scheme': RIGHT.replace(' ', '  '),
  };

  for (const [name, authorization] of Object.entries(refusals)) {
    it(`refuses ${name}: 401, WWW-Authenticate, and the request is recorded`, async () => {
      const from = tenant.requests.length;
      const headers = authorization === undefined ? {} : { Authorization: authorization };
      const {
        status,
        headers: answer,
        body,
      } = await send(tenant.origin, 'GET', '/manager/api/v1/calls/514', { headers });
      assert.equal(status, 401);
      assert.equal(answer.get('www-authenticate'), 'Basic realm="ccai"');
      assert.match(answer.get('content-type') ?? '', /application\/json/);
      assert.deepEqual(body, { message: 'Unauthorized' });
      const recorded = tenant.requests.slice(from);
      assert.equal(recorded.length, 1);
      assert.equal(recorded[0].path, '/manager/api/v1/calls/514');
      assert.equal(recorded[0].headers.authorization, authorization);
    });
  }

  it('refuses a write without credentials and does nothing', async () => {
    const body = { call_type: 'Voice Inbound (API)', menu_id: 9, end_user_number: '+1 859-657-9625' };
    assert.equal((await send(tenant.origin, 'POST', '/apps/api/v1/calls', { body })).status, 401);
    assert.deepEqual(Object.keys(tenant.mock.world.calls), ['514']);
  });

  it('answers the right credentials as the mock does, on both APIs', async () => {
    const headers = { Authorization: RIGHT };
    const call = await send(tenant.origin, 'GET', '/manager/api/v1/calls/514', { headers });
    assert.equal(call.status, 200);
    assert.equal(call.body.id, 514);
    assert.equal(call.body.updated_at, '2019-09-09T23:47:31.204Z');
    const flags = await send(tenant.origin, 'GET', '/apps/api/v1/calls/514/customer_flag', { headers });
    assert.deepEqual(flags.body, { verified_customer: true, bad_actor: false, repeat_customer: false });
  });
});

describe('mock tenant without auth', () => {
  let tenant;
  before(async () => (tenant = await startMockTenant({ mockOptions: { now: NOW } })));
  after(() => tenant.close());

  it('reads a call through the Manager API: the Apps API call plus updated_at; 404s', async () => {
    const created = await send(tenant.origin, 'POST', '/apps/api/v1/calls', {
      body: {
        call_type: 'Voice Scheduled (API)',
        menu_id: 9,
        end_user_number: '+82-10-6861-2345',
        scheduled_at: '2019-09-15T00:19:14.421Z',
      },
    });
    assert.equal(created.status, 201);
    const read = await send(tenant.origin, 'GET', `/manager/api/v1/calls/${created.body.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, { ...created.body, updated_at: '2019-09-10T00:19:14.000Z' });
    tenant.mock.world.now = '2019-09-11T00:00:00Z';
    await send(tenant.origin, 'PATCH', `/apps/api/v1/calls/scheduled/${created.body.id}/cancel`);
    assert.equal(
      (await send(tenant.origin, 'GET', `/manager/api/v1/calls/${created.body.id}`)).body.updated_at,
      '2019-09-11T00:00:00.000Z',
    );
    assert.deepEqual(
      await send(tenant.origin, 'GET', '/manager/api/v1/calls/9999').then(({ status, body }) => ({ status, body })),
      {
        status: 404,
        body: { message: 'Call not found' },
      },
    );
    assert.deepEqual((await send(tenant.origin, 'GET', '/manager/api/v1/agents')).body, {
      message: 'Resource not found',
    });
    assert.equal((await send(tenant.origin, 'GET', '/elsewhere')).status, 404);
    tenant.mock.reset();
  });

  it('records each request: method, path with query, body, headers and the time it arrived', async () => {
    const from = tenant.requests.length;
    const start = Date.now();
    await send(tenant.origin, 'PATCH', '/apps/api/v1/calls/514/customer_flag?x=1', {
      headers: { 'X-Request-Id': 'r-1' },
      body: { bad_actor: true },
    });
    await send(tenant.origin, 'GET', '/manager/api/v1/calls/514');
    const [patch, get] = tenant.requests.slice(from);
    assert.equal(patch.method, 'PATCH');
    assert.equal(patch.path, '/apps/api/v1/calls/514/customer_flag?x=1');
    assert.equal(patch.body, '{"bad_actor":true}');
    assert.equal(patch.headers['x-request-id'], 'r-1');
    assert.equal(patch.headers['content-type'], 'application/json');
    assert.equal(get.method, 'GET');
    assert.equal(get.body, undefined);
    assert.ok(patch.at >= start && get.at >= patch.at && get.at <= Date.now(), 'times in order, when received');
    tenant.mock.reset();
  });

  it('answers preflights and opens CORS on every answer, faults included', async () => {
    const preflight = await fetch(`${tenant.origin}/apps/api/v1/calls`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'Content-Type, Accept, Authorization');
    const read = await send(tenant.origin, 'GET', '/apps/api/v1/calls/514');
    assert.equal(read.headers.get('access-control-allow-origin'), '*');
    tenant.setFault(() => ({
      status: 503,
      headers: { 'access-control-allow-origin': 'https://x.example', 'Retry-After': '2' },
      body: '',
    }));
    const spoiled = await fetch(`${tenant.origin}/apps/api/v1/calls/514`);
    assert.equal(spoiled.status, 503);
    assert.equal(spoiled.headers.get('access-control-allow-origin'), '*', 'one value, the open one');
    assert.equal(spoiled.headers.get('retry-after'), '2');
    tenant.setFault(null);
  });

  it('spoils answers with setFault: a cut connection, a delayed answer; null stops', async () => {
    tenant.setFault((request) => (request.path.endsWith('/514') ? { drop: true } : undefined));
    await assert.rejects(fetch(`${tenant.origin}/manager/api/v1/calls/514`));
    assert.equal(
      (await send(tenant.origin, 'GET', '/manager/api/v1/calls/9999')).status,
      404,
      'other requests answered',
    );
    tenant.setFault(() => ({ delayMs: 150 }));
    const start = Date.now();
    assert.equal((await send(tenant.origin, 'GET', '/manager/api/v1/calls/514')).status, 200);
    assert.ok(Date.now() - start >= 140);
    tenant.setFault(null);
    assert.equal((await send(tenant.origin, 'GET', '/manager/api/v1/calls/514')).status, 200);
  });
});

describe('mock tenant options', () => {
  it('cors: false sends no CORS headers and treats OPTIONS as any other request', async () => {
    const tenant = await startMockTenant({ cors: false });
    try {
      const read = await fetch(`${tenant.origin}/apps/api/v1/calls/514`);
      assert.equal(read.headers.get('access-control-allow-methods'), null);
      const options = await fetch(`${tenant.origin}/apps/api/v1/calls`, { method: 'OPTIONS' });
      assert.equal(options.status, 404);
      assert.equal(tenant.requests.length, 2);
    } finally {
      await tenant.close();
    }
  });

  it('listens on the given host and port, and close() frees it', async () => {
    const first = await startMockTenant();
    const port = Number(new URL(first.origin).port);
    await first.close();
    const again = await startMockTenant({ port, host: '127.0.0.1' });
    assert.equal(again.origin, `http://127.0.0.1:${port}`);
    await again.close();
  });

  it('survives a client gone mid-body and a fault function that throws (500)', async () => {
    const tenant = await startMockTenant();
    try {
      const socket = connect(Number(new URL(tenant.origin).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /apps/api/v1/calls HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"call_type":');
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      tenant.setFault(() => {
        throw new Error('a broken fault');
      });
      const broken = await send(tenant.origin, 'GET', '/apps/api/v1/calls/514');
      assert.deepEqual([broken.status, broken.body], [500, { message: 'Internal Server Error' }]);
      tenant.setFault(null);
      assert.equal((await send(tenant.origin, 'GET', '/apps/api/v1/calls/514')).status, 200);
    } finally {
      await tenant.close();
    }
  });

  it('scripts/api-server.mjs startApiServer is the mock tenant', async () => {
    const api = await startApiServer({ auth: { user: 'u', password: 'p' } });
    try {
      assert.equal((await fetch(`${api.origin}/apps/api/v1/calls/514`)).status, 401);
      assert.equal(
        (await fetch(`${api.origin}/apps/api/v1/calls/514`, { headers: { Authorization: basic('u', 'p') } })).status,
        200,
      );
      assert.equal(api.requests.length, 2);
    } finally {
      await api.close();
    }
  });
});
