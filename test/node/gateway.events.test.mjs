// Live push and the session-events webhook on one gateway without Redis (its memory), over real
// sockets: the stream is capability-checked like the read (header or ?capability=), resumes after
// Last-Event-ID, keeps quiet streams alive, ends on drain; reads offer it; the webhook exists only
// with credentials, checks them, and changes a call once per event id.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGateway } from '../../dist/node/server/gateway.js';
import { API, SECRET, SUBDOMAIN, TOKEN, book, startChain } from './gateway-harness.mjs';
import { WEBHOOK, callAtTenant, openStream, signerFor, sleep } from './redis-harness.mjs';

let chain;
const streams = [];
const watch = (id, options) => {
  const stream = openStream(chain.url, id, options);
  streams.push(stream);
  return stream;
};
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const post = (body, authorization = basic(WEBHOOK.user, WEBHOOK.password), target = chain) =>
  target.send('POST', '/webhooks/ccai/session-events', { body, headers: { Authorization: authorization } });

before(async () => {
  chain = await startChain({ webhook: WEBHOOK, feed: { heartbeatMs: 200 } });
});

after(async () => {
  for (const stream of streams) stream.close();
  await chain.close();
});

describe('GET /apps/api/v1/calls/:id/events', () => {
  it("is offered on the call's read, relative to it, and exposed to other origins", async () => {
    const { id, capability } = await book(chain);
    const read = await chain.send('GET', `${API}/calls/${id}`, { headers: { 'Ccai-Capability': capability } });
    assert.equal(read.headers.get('ccai-events'), `${id}/events`);
    const site = await startChain({ tenant: chain.tenant, origins: ['https://shop.example'] });
    try {
      const cors = await site.send('GET', `${API}/calls/${id}`, {
        headers: { 'Ccai-Capability': capability, Origin: 'https://shop.example' },
      });
      assert.equal(cors.status, 200);
      assert.ok(cors.headers.get('access-control-expose-headers').split(/,\s*/).includes('Ccai-Events'));
    } finally {
      await site.close();
    }
  });

  it('streams the call as `status` events, with the capability as a header or in the query', async () => {
    const { id, capability } = await book(chain);
    for (const inQuery of [false, true]) {
      const stream = watch(id, { capability, inQuery });
      await stream.until((events) => events.length === 1);
      assert.equal(stream.status, 200);
      assert.match(stream.headers['content-type'], /^text\/event-stream/);
      assert.equal(stream.headers['cache-control'], 'no-store');
      assert.deepEqual(
        stream.events.map(({ event, id: eventId, call }) => [event, eventId, call.id, call.status]),
        [['status', '1', id, 'scheduled']],
      );
      // What the read answers, no more: the trimmed call.
      assert.equal(stream.events[0].call.end_user, undefined);
    }
    // The capability never reaches the log, in the query or anywhere.
    assert.ok(chain.lines.every((line) => !line.includes(capability.split('.').at(-1))));
  });

  it('is 404 without a genuine capability for that very call, as the read is', async () => {
    const { id } = await book(chain);
    const other = await book(chain);
    for (const capability of [undefined, other.capability, `${other.capability}x`]) {
      const stream = openStream(chain.url, id, { capability, inQuery: true });
      await stream.opened;
      await stream.closed;
      assert.equal(stream.status, 404);
    }
  });

  it('keeps a quiet stream alive with comments', async () => {
    const { id, capability } = await book(chain);
    const stream = watch(id, { capability });
    await stream.until(() => stream.comments >= 2, 5_000);
  });

  it('resumes after Last-Event-ID with exactly the states missed', async () => {
    const { id, capability } = await book(chain);
    const first = watch(id, { capability });
    await first.until((events) => events.length === 1);
    first.close();
    const event = { event_id: `resume-${id}`, timestamp: Date.now(), type: 'connected', call_id: id };
    assert.deepEqual((await post({ count: 1, events: [event] })).body, { received: 1, applied: 1 });
    const resumed = watch(id, { capability, lastEventId: 1 });
    const upToDate = watch(id, { capability, lastEventId: 2 });
    const fresh = watch(id, { capability });
    await resumed.until((events) => events.length === 1);
    await fresh.until((events) => events.length === 1);
    await sleep(200);
    assert.deepEqual(
      resumed.events.map((e) => [e.id, e.call.status]),
      [['2', 'connected']],
    );
    assert.deepEqual(upToDate.events, []);
    assert.deepEqual(
      fresh.events.map((e) => [e.id, e.call.status]),
      [['2', 'connected']],
    );
  });
});

describe('POST /webhooks/ccai/session-events', () => {
  it('is 404 on a gateway given no credentials', async () => {
    const plain = await startChain({ tenant: chain.tenant });
    try {
      const answer = await post({ count: 0, events: [] }, basic(WEBHOOK.user, WEBHOOK.password), plain);
      assert.deepEqual([answer.status, answer.body], [404, { message: 'Resource not found' }]);
    } finally {
      await plain.close();
    }
  });

  it('is 401 for wrong or missing credentials, and reads nothing then', async () => {
    for (const authorization of [basic(WEBHOOK.user, 'wrong'), basic('other', WEBHOOK.password), 'Bearer x', '']) {
      const answer = await post({ count: 0, events: 'not read' }, authorization);
      assert.equal(answer.status, 401);
      assert.equal(answer.headers.get('www-authenticate'), 'Basic realm="ccai-gateway webhook"');
    }
  });

  it('moves a watched call on at once, once per event id, never backwards', async () => {
    const { id, capability } = await book(chain);
    const stream = watch(id, { capability });
    await stream.until((events) => events.length === 1);
    const reads = chain.tenant.requests.length;
    const at = Date.parse('2030-01-15T09:00:00Z');
    const batch = {
      count: 4,
      events: [
        { event_id: `${id}-a`, timestamp: at, type: 'connected', call_id: id },
        { event_id: `${id}-b`, timestamp: at + 1000, type: 'routing', data: { call_id: String(id) } },
        { event_id: `${id}-c`, timestamp: at + 2000, type: 'disposition_submitted', call_id: id },
        { event_id: `${id}-d`, timestamp: at + 3000, call_id: id },
      ],
    };
    assert.deepEqual((await post(batch)).body, { received: 4, applied: 1 });
    await stream.until((events) => events.length === 2, 2_000);
    assert.deepEqual(stream.statuses(), ['scheduled', 'connected']);
    assert.equal(stream.events[1].call.connected_at, new Date(at).toISOString());
    assert.deepEqual((await post(batch)).body, { received: 4, applied: 0 });
    assert.equal(chain.tenant.requests.length, reads);
  });

  it('is not undone by a read of the tenant that started before the event and answered after it', async () => {
    const tenant = chain.tenant;
    const id = await callAtTenant(tenant, { subdomain: SUBDOMAIN, token: TOKEN });
    const capability = await signerFor(SECRET).issue(id);
    const read = () => chain.send('GET', `${API}/calls/${id}`, { headers: { 'Ccai-Capability': capability } });
    assert.equal((await read()).body.status, 'queued');
    const stream = watch(id, { capability });
    await stream.until((events) => events.length === 1);
    // The read is fresh for 3 s while the call is live; the next one goes to the tenant.
    await sleep(3_100);
    const isRead = (request) => request.method === 'GET' && request.path === `/manager/api/v1/calls/${id}`;
    // The tenant answers as of when the read arrived, 1.5 s late.
    tenant.setFault((request) => (isRead(request) ? { delayMs: 1_500 } : undefined));
    try {
      const from = tenant.requests.length;
      const lagging = read();
      while (!tenant.requests.slice(from).some(isRead)) await sleep(10);
      // The call connects after the read reached the tenant and before its answer comes back.
      tenant.mock.world.calls[id].status = 'connected';
      const event = { event_id: `lag-${id}`, timestamp: Date.now(), type: 'connected', call_id: id };
      assert.deepEqual((await post({ count: 1, events: [event] })).body, { received: 1, applied: 1 });
      // The late answer ('queued') does not overwrite the newer status: the visitor is told the newer one.
      const answer = await lagging;
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'connected');
      await sleep(300);
      assert.deepEqual(stream.statuses(), ['queued', 'connected']);
      assert.equal((await read()).body.status, 'connected');
    } finally {
      tenant.setFault(null);
    }
  });

  it('leaves calls it does not know alone, and refuses what is not a batch', async () => {
    const unknown = await post({
      count: 1,
      events: [{ event_id: 'x1', timestamp: 1, type: 'connected', call_id: 999999 }],
    });
    assert.deepEqual(unknown.body, { received: 1, applied: 0 });
    for (const body of [{ count: 1 }, { events: {} }, []]) {
      const answer = await post(body);
      assert.equal(answer.status, 400);
    }
    const big = await post({ count: 1, events: [{ event_id: 'big', pad: 'x'.repeat(1024 * 1024) }] });
    assert.equal(big.status, 413);
  });
});

describe('health and shutdown', () => {
  it('reports ok without Redis, and ends open streams on drain so that their clients go elsewhere', async () => {
    const health = await chain.send('GET', '/healthz');
    assert.deepEqual(health.body, { status: 'ok' });
    const gateway = createGateway({
      tenantUrl: chain.tenant.origin,
      subdomain: SUBDOMAIN,
      apiToken: TOKEN,
      secret: SECRET,
      menus: [9],
      log: false,
    });
    const { id, capability } = await book(chain);
    const response = await gateway(
      new Request(`http://gateway.test${API}/calls/${id}/events?capability=${encodeURIComponent(capability)}`),
    );
    assert.equal(response.status, 200);
    const text = response.text();
    await gateway.drain();
    assert.match(await text, /^retry: \d+\n\n/);
  });
});
