// How long the gateway trusts its cached copy of a call, seen from outside: the tenant's reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../../dist/node/server/gateway.js';
import { serve } from '../../dist/node/server/node.js';
import { startMockTenant } from '../../dist/node/server/mock-tenant.js';

let tenant, served, clock;

before(async () => {
  tenant = await startMockTenant({ auth: { user: 'acme', password: 'cache-token' } });
  clock = Date.now();
  const gateway = createGateway({
    tenantUrl: tenant.origin,
    subdomain: 'acme',
    apiToken: 'cache-token',
    menus: [9],
    languages: ['en'],
    log: false,
    now: () => clock,
  });
  served = await serve(gateway, { port: 0, host: '127.0.0.1' });
});

after(async () => {
  await served?.close();
  await tenant?.close();
});

const managerReads = (id) => tenant.requests.filter((request) => request.path === `/manager/api/v1/calls/${id}`).length;

async function book(secondsAhead) {
  const response = await fetch(`${served.url}/apps/api/v1/calls`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      menu_id: 9,
      end_user_number: `+1201555${String(1000 + secondsAhead).slice(-4)}`,
      lang: 'en',
      scheduled_at: new Date(clock + secondsAhead * 1000).toISOString(),
    }),
  });
  assert.equal(response.status, 201);
  return { id: (await response.json()).id, capability: response.headers.get('Ccai-Capability') };
}

const read = ({ id, capability }) =>
  fetch(`${served.url}/apps/api/v1/calls/${id}`, { headers: { 'Ccai-Capability': capability } }).then((response) =>
    response.json(),
  );

test('a call due within its freshness window is read again once its time has come, not 15 s later', async () => {
  const call = await book(8);
  await read(call);
  assert.equal(managerReads(call.id), 0, 'the booking answer was cached');
  clock += 9_000;
  tenant.mock.world.calls[call.id].status = 'queued';
  assert.equal((await read(call)).status, 'queued');
  assert.equal(managerReads(call.id), 1);
});

test('a call due in hours is read at most every five minutes; a finished one never again', async () => {
  const call = await book(3 * 3600);
  clock += 4 * 60_000;
  await read(call);
  assert.equal(managerReads(call.id), 0);
  clock += 2 * 60_000;
  await read(call);
  assert.equal(managerReads(call.id), 1);
  tenant.mock.world.calls[call.id].status = 'finished';
  clock += 5 * 60_000 + 1;
  assert.equal((await read(call)).status, 'finished');
  clock += 30 * 86_400_000;
  await read(call);
  assert.equal(managerReads(call.id), 2);
});
