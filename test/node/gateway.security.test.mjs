// The gateway (src/server, built to dist/node) attacked over real sockets, in front of a mock
// tenant that requires HTTP Basic credentials: forbidden routes, methods and fields; forged,
// expired, replayed and foreign capabilities; sizes and content types; CORS; the agent routes;
// the tenant's faults. What the tenant received is checked every time, and at the end every
// answer and every log line of the suite is searched for the credentials.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startMockTenant } from '../../dist/node/server/mock-tenant.js';
import {
  API,
  BASIC,
  INBOUND,
  SCHEDULED,
  SECRET,
  SECRETS,
  SUBDOMAIN,
  TOKEN,
  answerText,
  book,
  booking,
  bodyOf,
  inHours,
  since,
  startChain,
} from './gateway-harness.mjs';

const ALLOWED_ORIGIN = 'https://www.example.com';
const WRONG_TOKEN = 'tok_wrong_7Hn2Qx9Lm4Vb';
const chains = [];
let tenant;
let chain;

async function chainOf(options = {}) {
  const started = await startChain({ tenant, origins: [ALLOWED_ORIGIN], ...options });
  chains.push(started);
  return started;
}

/** Runs `act` and returns what the tenant received meanwhile, beside `act`'s result. */
async function watching(act, on = tenant) {
  const from = on.requests.length;
  const result = await act();
  return { result, received: since(on, from) };
}

const withCapability = (capability) => (capability === undefined ? {} : { 'Ccai-Capability': capability });

function assertProblem(answer, status, message) {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(Object.keys(answer.body), ['message']);
  assert.equal(typeof answer.body.message, 'string');
  if (message !== undefined) assert.equal(answer.body.message, message);
}

before(async () => {
  tenant = await startMockTenant({ auth: { user: SUBDOMAIN, password: TOKEN } });
  chain = await chainOf();
});

after(async () => {
  for (const started of chains) await started.close();
  await tenant.close();
});

describe('routes and methods', () => {
  const notFound = [
    ['GET', '/'],
    ['GET', '/apps/api/v1'],
    ['GET', `${API}/menus`],
    ['GET', `${API}/calls/`],
    ['POST', `${API}/calls/`],
    ['GET', '/APPS/API/V1/CALLS/514'],
    ['GET', `${API}//calls/514`],
    ['GET', '/manager/api/v1/calls/514'],
    ['POST', '/manager/api/v1/calls'],
    ['GET', '/manager/api/v1/calls?page=1&per=100'],
    ['GET', `${API}/calls/514/customer_flag`],
    ['PATCH', `${API}/calls/514/customer_flag`],
    ['GET', `${API}/calls/scheduled/514`],
    ['PATCH', `${API}/calls/514/cancel`],
    ['PATCH', `${API}/calls/scheduled/514/cancel/`],
    // Path traversal: normalised by the URL parser to a path the gateway does not serve.
    ['GET', `${API}/calls/../../../manager/api/v1/calls/514`],
    ['GET', `${API}/calls/%2e%2e/%2e%2e/%2e%2e/manager/api/v1/calls/514`],
    ['GET', `//evil.example/manager/api/v1/calls/514`],
    // Encoded slashes stay encoded: no route has them.
    ['GET', `${API}/calls/514%2Fcustomer_flag`],
    ['GET', `${API}/calls%2F514`],
    ['PATCH', `${API}/calls/scheduled%2F514%2Fcancel`],
    ['GET', `${API}/calls/514%00`],
    // Ids that are not digits, and huge ones.
    ['GET', `${API}/calls/abc`],
    ['GET', `${API}/calls/-514`],
    ['GET', `${API}/calls/5.14`],
    ['GET', `${API}/calls/1e3`],
    ['GET', `${API}/calls/0x202`],
    ['GET', `${API}/calls/%35%31%34`],
    ['GET', `${API}/calls/514;id=1`],
    ['GET', `${API}/calls/${'9'.repeat(16)}`],
    ['GET', `${API}/calls/${'9'.repeat(400)}`],
    ['PATCH', `${API}/calls/scheduled/${'1'.repeat(16)}/cancel`],
  ];
  for (const [method, path] of notFound) {
    it(`${method} ${path.slice(0, 80)} → 404, nothing at the tenant`, async () => {
      const { result, received } = await watching(() => chain.raw(method, path));
      assertProblem(result, 404);
      assert.deepEqual(received, []);
    });
  }

  const notAllowed = [
    ['GET', `${API}/calls`, 'POST'],
    ['PUT', `${API}/calls`, 'POST'],
    ['DELETE', `${API}/calls`, 'POST'],
    ['PATCH', `${API}/calls`, 'POST'],
    ['POST', `${API}/calls/514`, 'GET'],
    ['DELETE', `${API}/calls/514`, 'GET'],
    ['PATCH', `${API}/calls/514`, 'GET'],
    ['GET', `${API}/calls/scheduled/514/cancel`, 'PATCH'],
    ['POST', `${API}/calls/scheduled/514/cancel`, 'PATCH'],
    ['POST', `${API}/wait_times?lang=en&menu_id=9`, 'GET'],
    // Traversal that lands on a route still needs that route's method.
    ['GET', `${API}/calls/../calls`, 'POST'],
    ['GET', `${API}/calls/%2e%2e/calls`, 'POST'],
    ['GET', `${API}/calls?call_type=Voice%20Outbound%20(API)&agent_email=admin@somedomain.com`, 'POST'],
  ];
  for (const [method, path, allow] of notAllowed) {
    it(`${method} ${path.slice(0, 80)} → 405 (Allow: ${allow}), nothing at the tenant`, async () => {
      const { result, received } = await watching(() =>
        chain.raw(method, path, {
          headers: { 'Content-Type': 'application/json' },
          body: method === 'GET' ? undefined : JSON.stringify(booking()),
        }),
      );
      assertProblem(result, 405, 'Method not allowed');
      assert.equal(result.headers.get('allow'), allow);
      assert.deepEqual(received, []);
    });
  }

  it('HEAD of a read is 405 without a body, and reaches nothing', async () => {
    const { result, received } = await watching(() => chain.raw('HEAD', `${API}/calls/514`));
    assert.equal(result.status, 405);
    assert.equal(result.text, '');
    assert.deepEqual(received, []);
  });

  it('an outbound call cannot be placed: outbound fields alone are refused before the tenant', async () => {
    const outbound = {
      call_type: 'Voice Outbound (API)',
      agent_email: 'admin@somedomain.com',
      end_user_number: '+1 859-657-9625',
      outbound_number: '+1 339-219-5276',
      lang: 'en',
    };
    for (const body of [
      outbound,
      { ...outbound, call_type: 'OutboundCall' },
      { ...outbound, ticket_id: '71450', end_user_number: undefined },
    ]) {
      const { result, received } = await watching(() => chain.send('POST', `${API}/calls`, { body }));
      assertProblem(result, 400, 'menu_id is required');
      assert.deepEqual(received, []);
    }
  });
});

describe('booking', () => {
  it('rebuilds the request from allowed fields only: the exact body the tenant received', async () => {
    const scheduledAt = new Date(Date.now() + 3 * 3_600_000);
    const local = new Date(scheduledAt.getTime() + 9 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+09:00');
    const text = JSON.stringify({
      call_type: 'Voice Outbound (API)',
      menu_id: '9',
      end_user_number: '+1 (859) 657-9625',
      scheduled_at: local,
      lang: 'ja',
      recording_permission: 'recording_permission_granted',
      agent_email: 'admin@somedomain.com',
      outbound_number: '+1 339-219-5276',
      ticket_id: '71450',
      call_id: null,
      menu_path: { materialized_path: '50' },
      end_user: { id: 1 },
      status: 'assigned',
      constructor: { prototype: { admin: true } },
    }).replace(/^\{/, '{"__proto__":{"admin":true},');
    const { result, received } = await watching(() =>
      chain.send('POST', `${API}/calls`, { body: text, headers: { 'Content-Type': 'application/json' } }),
    );
    assert.equal(result.status, 201, result.text);
    assert.equal(received.length, 1);
    assert.equal(received[0].method, 'POST');
    assert.equal(received[0].path, `${API}/calls`);
    assert.deepEqual(bodyOf(received[0]), {
      call_type: SCHEDULED,
      menu_id: 9,
      end_user_number: '+18596579625',
      lang: 'ja',
      scheduled_at: new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000).toISOString(),
      recording_permission: 'recording_permission_granted',
    });
    for (const key of [
      '__proto__',
      'constructor',
      'admin',
      'agent_email',
      'outbound_number',
      'ticket_id',
      'menu_path',
      'end_user',
      'status',
    ]) {
      assert.ok(!received[0].body.includes(`"${key}"`), `${key} reached the tenant`);
    }
  });

  for (const ask of [
    'Voice Outbound (API)',
    'OutboundCall',
    INBOUND,
    'IncomingCall',
    'InvalidCallType',
    42,
    undefined,
  ]) {
    it(`call_type ${JSON.stringify(ask)} is booked as ${SCHEDULED}`, async () => {
      const { result, received } = await watching(() =>
        chain.send('POST', `${API}/calls`, { body: booking({ call_type: ask }) }),
      );
      assert.equal(result.status, 201, result.text);
      assert.equal(result.body.call_type, SCHEDULED);
      assert.deepEqual(
        received.map((r) => bodyOf(r).call_type),
        [SCHEDULED],
      );
    });
  }

  it('with callNow an inbound ask is sent as inbound, without a time; any other ask stays scheduled', async () => {
    const callNow = await chainOf({ callNow: true });
    const inbound = await watching(() =>
      callNow.send('POST', `${API}/calls`, {
        body: { call_type: INBOUND, menu_id: 9, end_user_number: '+82-10-6861-2345', call_id: 514 },
      }),
    );
    assert.equal(inbound.result.status, 201, inbound.result.text);
    assert.deepEqual(bodyOf(inbound.received[0]), {
      call_type: INBOUND,
      menu_id: 9,
      end_user_number: '+821068612345',
      lang: 'en',
    });
    const outbound = await watching(() =>
      callNow.send('POST', `${API}/calls`, { body: booking({ call_type: 'Voice Outbound (API)' }) }),
    );
    assert.equal(outbound.result.status, 201, outbound.result.text);
    assert.equal(bodyOf(outbound.received[0]).call_type, SCHEDULED);
  });

  it('ticket_id passes only with allowTicketId, and only as a plain id', async () => {
    const dropped = await watching(() => chain.send('POST', `${API}/calls`, { body: booking({ ticket_id: '76517' }) }));
    assert.equal(dropped.result.status, 201);
    assert.equal('ticket_id' in bodyOf(dropped.received[0]), false);
    const tickets = await chainOf({ allowTicketId: true });
    const passed = await watching(() =>
      tickets.send('POST', `${API}/calls`, { body: booking({ ticket_id: '76517' }) }),
    );
    assert.equal(passed.result.status, 201, passed.result.text);
    assert.equal(bodyOf(passed.received[0]).ticket_id, '76517');
    for (const ticket of [76517, '../../x', 'a b', { id: 1 }]) {
      const refused = await watching(() =>
        tickets.send('POST', `${API}/calls`, { body: booking({ ticket_id: ticket }) }),
      );
      assertProblem(refused.result, 400, 'ticket_id is not well formed');
      assert.deepEqual(refused.received, []);
    }
  });

  const refusals = [
    ['no menu', { menu_id: undefined }, 'menu_id is required'],
    ['a menu the site does not offer (the tenant has it)', { menu_id: 50 }, 'menu_id 50 is not found'],
    ['an unknown menu', { menu_id: 9999 }, 'menu_id 9999 is not found'],
    ['a malformed menu', { menu_id: 'menu_999' }, 'menu_id is not well formed'],
    ['a menu id that is a float', { menu_id: 9.5 }, 'menu_id is not well formed'],
    ['a language the site does not offer (the tenant does)', { lang: 'es' }, "Language 'es' is not available"],
    ['a language nobody offers', { lang: 'fr' }, "Language 'fr' is not available"],
    ['an unknown language', { lang: 'xy' }, "Language 'xy' is not found"],
    ['no number', { end_user_number: undefined }, 'end_user_number is required'],
    ['a malformed number', { end_user_number: '+1 999-657-12' }, 'end_user_number is not well formed'],
    ['a short number', { end_user_number: '123123' }, 'end_user_number is not well formed'],
    ['a number that is not a string', { end_user_number: 18596579625 }, 'end_user_number is not well formed'],
    ['no time', { scheduled_at: undefined }, 'scheduled_at is required'],
    ['a past time', { scheduled_at: inHours(-1) }, 'scheduled_at must be in the future'],
    ['a time too far ahead', { scheduled_at: inHours(24 * 31) }, 'scheduled_at must be within 30 days'],
    ['a time without a zone', { scheduled_at: inHours(2).replace('Z', '') }, 'scheduled_at is not well formed'],
    ['a time in words', { scheduled_at: 'tomorrow at noon' }, 'scheduled_at is not well formed'],
    [
      'a time as epoch seconds',
      { scheduled_at: Math.floor(Date.now() / 1000) + 7200 },
      'scheduled_at is not well formed',
    ],
    ['an impossible date', { scheduled_at: '2030-02-30T10:00:00Z' }, 'scheduled_at is not well formed'],
    [
      'a recording permission outside the three',
      { recording_permission: 'granted' },
      'recording_permission must be one of recording_permission_not_asked, recording_permission_denied, recording_permission_granted',
    ],
    ['a malformed call_id', { call_id: 'abc' }, 'call_id is not well formed'],
  ];
  for (const [name, fields, message] of refusals) {
    it(`refuses ${name}: 400 "${message}", nothing at the tenant`, async () => {
      const { result, received } = await watching(() => chain.send('POST', `${API}/calls`, { body: booking(fields) }));
      assertProblem(result, 400, message);
      assert.deepEqual(received, []);
    });
  }

  it("the tenant's own refusal comes back in its own words", async () => {
    tenant.mock.world.menus[9].state = 'after_hours';
    try {
      const { result, received } = await watching(() => chain.send('POST', `${API}/calls`, { body: booking() }));
      assertProblem(result, 400, "Menu is in 'after hours' state, can't accept incoming calls");
      assert.equal(received.length, 1);
    } finally {
      tenant.mock.world.menus[9].state = 'open';
    }
  });

  it('a visitor sees a trimmed call: no numbers, no recording, no menu internals, no agent ids', async () => {
    const { answer, id, capability } = await book(chain);
    const allowed = [
      'id',
      'status',
      'call_type',
      'lang',
      'created_at',
      'queued_at',
      'assigned_at',
      'connected_at',
      'ends_at',
      'scheduled_at',
      'fail_reason',
      'agent_info',
    ];
    assert.deepEqual(
      Object.keys(answer.body).filter((key) => !allowed.includes(key)),
      [],
    );
    Object.assign(tenant.mock.world.calls[id], {
      status: 'assigned',
      agent_info: { id: 1, name: 'Admin UJET', agent_number: '+1 555 0100', avatar_url: 'https://x/y.png' },
    });
    await chain.restart();
    const read = await chain.send('GET', `${API}/calls/${id}`, { headers: withCapability(capability) });
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(
      Object.keys(read.body).filter((key) => !allowed.includes(key)),
      [],
    );
    assert.deepEqual(read.body.agent_info, { name: 'Admin UJET' });
    for (const leak of ['8596579625', '339-219-5276', '555 0100', 'avatar', 'menu', 'participants', 'recording'])
      assert.ok(!read.text.includes(leak), leak);
  });
});

describe('capabilities', () => {
  let first;
  let second;
  let notFoundText;

  before(async () => {
    first = await book(chain, { end_user_number: '+1 859-657-1001' });
    second = await book(chain, { end_user_number: '+1 859-657-1002' });
    assert.match(first.capability, /^v1\.\d+\.\d+\.[\w-]{43}$/);
    // Reads go to the tenant, not to the cache the bookings filled.
    await chain.restart();
  });

  /** A read and a cancel with `capability` on `id`: both 404 with the same body, and no tenant request. */
  async function refused(capability, id = first.id, on = chain) {
    for (const [method, path] of [
      ['GET', `${API}/calls/${id}`],
      ['PATCH', `${API}/calls/scheduled/${id}/cancel`],
    ]) {
      const { result, received } = await watching(() => on.send(method, path, { headers: withCapability(capability) }));
      assertProblem(result, 404);
      notFoundText ??= result.text;
      assert.equal(result.text, notFoundText, 'every refusal reads the same');
      assert.equal(result.headers.get('ccai-capability'), null);
      assert.deepEqual(received, []);
    }
  }

  /** `text` with the character at `at` changed (to another one, whatever it was). */
  const flip = (text, at) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  const tamper = (capability, index, change) => {
    const parts = capability.split('.');
    parts[index] = change(parts[index]);
    return parts.join('.');
  };

  it('lasts at least a day past a call booked further ahead than its TTL, as long as the form keeps the booking', async () => {
    const expiry = (capability) => Number(capability.split('.')[2]) * 1000;
    const near = await book(chain, { end_user_number: '+1 859-657-1003' });
    const scheduledAt = Date.now() + 20 * 86_400_000;
    const far = await book(chain, {
      end_user_number: '+1 859-657-1004',
      scheduled_at: new Date(scheduledAt).toISOString(),
    });
    const ttl = expiry(near.capability) - Date.now();
    assert.ok(ttl > 6.9 * 86_400_000 && ttl <= 7 * 86_400_000, `a call in 2 hours: the 7-day TTL (${ttl} ms)`);
    const day = 86_400_000;
    const farExpiry = expiry(far.capability);
    assert.ok(
      farExpiry >= Math.floor(scheduledAt / 1000) * 1000 + day - 1000 && farExpiry <= scheduledAt + day,
      `a call in 20 days: a day after it (${new Date(farExpiry).toISOString()})`,
    );
    const read = await chain.send('GET', `${API}/calls/${far.id}`, { headers: withCapability(far.capability) });
    assert.equal(read.status, 200, read.text);
  });

  it('the genuine capability reads the call (and the tenant is asked)', async () => {
    const { result, received } = await watching(() =>
      chain.send('GET', `${API}/calls/${first.id}`, { headers: withCapability(first.capability) }),
    );
    assert.equal(result.status, 200, result.text);
    assert.equal(result.body.id, first.id);
    assert.deepEqual(
      received.map((r) => `${r.method} ${r.path}`),
      [`GET /manager/api/v1/calls/${first.id}`],
    );
  });

  it('missing or empty: 404', async () => {
    await refused(undefined);
    await refused('');
  });

  it('forged: a changed signature, id or expiry is 404', async () => {
    await refused(tamper(first.capability, 3, (signature) => flip(signature, 0)));
    await refused(tamper(first.capability, 3, (signature) => flip(signature, 20)));
    await refused(tamper(first.capability, 3, (signature) => signature.slice(0, -1)));
    await refused(tamper(first.capability, 3, () => 'A'.repeat(43)));
    await refused(tamper(first.capability, 2, (expiry) => String(Number(expiry) + 86_400)));
    await refused(tamper(first.capability, 2, (expiry) => `0${expiry}`));
    await refused(
      tamper(first.capability, 1, () => String(second.id)),
      second.id,
    );
    await refused(tamper(first.capability, 0, () => 'v2'));
    await refused(`${first.capability}.x`);
    await refused(first.capability.toLowerCase());
    await refused(`${first.capability} `.repeat(2).trim());
    await refused('x'.repeat(5000));
  });

  it('foreign: a genuine capability for one call does not open another', async () => {
    await refused(first.capability, second.id);
    await refused(second.capability, first.id);
    await refused(first.capability, 514);
  });

  it('from a gateway with another secret: 404', async () => {
    const other = await chainOf({ secret: 'another-gateway-secret' });
    const theirs = await book(other, { end_user_number: '+1 859-657-1003' });
    await refused(theirs.capability, theirs.id);
    await refused(first.capability, first.id, other);
  });

  it('replayed after a restart with a different secret: 404; with the same secret it still works', async () => {
    await chain.restart({ secret: 'rotated-secret' });
    try {
      await refused(first.capability);
    } finally {
      await chain.restart({ secret: SECRET });
    }
    const again = await chain.send('GET', `${API}/calls/${first.id}`, { headers: withCapability(first.capability) });
    assert.equal(again.status, 200, again.text);
  });

  it('expired: 404 once the clock passes its expiry, not before', async () => {
    let skew = 0;
    const clocked = await chainOf({ capabilityTtl: '1h', now: () => Date.now() + skew });
    const mine = await book(clocked, { end_user_number: '+1 859-657-1006' });
    // A call in 2 hours: valid until a day after it (past the 1 h TTL), as long as the form keeps it.
    const expiry = Date.parse(mine.answer.body.scheduled_at) + 86_400_000;
    skew = expiry - Date.now() - 60_000;
    const early = await clocked.send('GET', `${API}/calls/${mine.id}`, { headers: withCapability(mine.capability) });
    assert.equal(early.status, 200, early.text);
    skew = expiry - Date.now() + 60_000;
    await refused(mine.capability, mine.id, clocked);
    // Its expiry moved forward by hand is a forgery, not a renewal.
    await refused(
      tamper(mine.capability, 2, (expiry) => String(Number(expiry) + 7_200)),
      mine.id,
      clocked,
    );
  });

  it('an unknown call with a genuine-looking capability reads exactly like a refused one', async () => {
    const other = await chainOf({ secret: SECRET });
    const ghost = await book(other, { end_user_number: '+1 859-657-1005' });
    delete tenant.mock.world.calls[ghost.id];
    const fresh = await chainOf({ secret: SECRET });
    const { result, received } = await watching(() =>
      fresh.send('GET', `${API}/calls/${ghost.id}`, { headers: withCapability(ghost.capability) }),
    );
    assert.equal(result.status, 404);
    assert.equal(result.text, notFoundText);
    assert.equal(received.length, 1, 'the tenant was asked: the capability was genuine');
  });

  it("rebooking with call_id needs that call's capability; the child is sent with call_id and no menu", async () => {
    const rebooking = { menu_id: undefined, call_id: first.id, end_user_number: '+1 859-657-1006' };
    for (const capability of [
      undefined,
      second.capability,
      tamper(first.capability, 3, (signature) => flip(signature, 0)),
    ]) {
      const { result, received } = await watching(() =>
        chain.send('POST', `${API}/calls`, { body: booking(rebooking), headers: withCapability(capability) }),
      );
      assertProblem(result, 404);
      assert.equal(result.text, notFoundText);
      assert.deepEqual(received, []);
    }
    const { result, received } = await watching(() =>
      chain.send('POST', `${API}/calls`, { body: booking(rebooking), headers: withCapability(first.capability) }),
    );
    assert.equal(result.status, 201, result.text);
    assert.equal(received.length, 1);
    const sent = bodyOf(received[0]);
    assert.equal(sent.call_id, first.id);
    assert.equal('menu_id' in sent, false);
    assert.notEqual(result.headers.get('ccai-capability'), first.capability);
  });

  it('cancel: only with the capability; 200 with the call, then 204', async () => {
    const mine = await book(chain, { end_user_number: '+1 859-657-1007' });
    await refused(second.capability, mine.id);
    const cancelled = await chain.send('PATCH', `${API}/calls/scheduled/${mine.id}/cancel`, {
      headers: withCapability(mine.capability),
    });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal(tenant.mock.world.calls[mine.id].status, 'cancelled');
    const again = await chain.send('PATCH', `${API}/calls/scheduled/${mine.id}/cancel`, {
      headers: withCapability(mine.capability),
    });
    assert.equal(again.status, 204);
  });
});

describe('sizes and content types', () => {
  const MAX = 16 * 1024;
  /** A booking padded with an ignored field to exactly `size` bytes. */
  function padded(size) {
    const base = JSON.stringify({ ...booking({ end_user_number: '+1 859-657-2001' }), padding: '' });
    return base.replace('"padding":""', `"padding":"${'x'.repeat(size - base.length)}"`);
  }

  // On connections of their own: the node adapter leaves a body the gateway did not read in the
  // kept-alive connection, and the next request sent on it stalls until the socket is reset.
  it('a body of exactly 16 KB is read; one byte more is 413 and reaches nothing', async () => {
    assert.equal(Buffer.byteLength(padded(MAX)), MAX);
    const atLimit = await chain.raw('POST', `${API}/calls`, {
      body: padded(MAX),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(atLimit.status, 201, atLimit.text);
    const { result, received } = await watching(() =>
      chain.raw('POST', `${API}/calls`, { body: padded(MAX + 1), headers: { 'Content-Type': 'application/json' } }),
    );
    assertProblem(result, 413);
    assert.deepEqual(received, []);
  });

  it('a chunked body over 16 KB is 413 without a Content-Length', async () => {
    const text = padded(64 * 1024);
    const chunks = Array.from({ length: 16 }, (_, i) => text.slice(i * 4096, (i + 1) * 4096));
    const { result, received } = await watching(() =>
      chain.raw('POST', `${API}/calls`, { body: chunks, headers: { 'Content-Type': 'application/json' } }),
    );
    assertProblem(result, 413);
    assert.deepEqual(received, []);
  });

  it('a Content-Length claiming more than 16 KB is 413 at once', async () => {
    const { result, received } = await watching(() =>
      rawExchange(
        `POST ${API}/calls HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{}`,
      ),
    );
    assert.match(result, /^HTTP\/1\.1 413 /);
    assert.deepEqual(received, []);
  });

  it('a Content-Length claiming less than is sent: only that much is read, never a 5xx', async () => {
    const body = padded(40 * 1024);
    const { result, received } = await watching(() =>
      rawExchange(
        `POST ${API}/calls HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n${body}`,
      ),
    );
    const statuses = [...result.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    assert.equal(statuses[0], 400);
    assert.ok(
      statuses.every((status) => status < 500),
      String(statuses),
    );
    assert.deepEqual(received, []);
  });

  for (const type of [
    undefined,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    'text/json',
    'application/json-patch',
  ]) {
    it(`Content-Type ${type ?? '(none)'} → 415, nothing at the tenant`, async () => {
      const headers = type ? { 'Content-Type': type } : {};
      const { result, received } = await watching(() =>
        chain.raw('POST', `${API}/calls`, { headers, body: JSON.stringify(booking()) }),
      );
      assertProblem(result, 415);
      assert.deepEqual(received, []);
    });
  }

  for (const text of [
    '[]',
    '[{"menu_id":9}]',
    '"text"',
    '42',
    'null',
    'true',
    '',
    '{',
    '{"menu_id":9',
    "{'menu_id':9}",
  ]) {
    it(`a body of ${JSON.stringify(text)} → 400 Missing parameters`, async () => {
      const { result, received } = await watching(() =>
        chain.send('POST', `${API}/calls`, { body: text, headers: { 'Content-Type': 'application/json' } }),
      );
      assertProblem(result, 400, 'Missing parameters');
      assert.deepEqual(received, []);
    });
  }

  it('a body that is not UTF-8 → 400 Missing parameters', async () => {
    const { result, received } = await watching(() =>
      chain.send('POST', `${API}/calls`, {
        body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    assertProblem(result, 400, 'Missing parameters');
    assert.deepEqual(received, []);
  });
});

/** Sends `text` on a fresh TCP connection and returns everything the gateway wrote until it closed. */
function rawExchange(text) {
  const { hostname, port } = new URL(chain.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve(Buffer.concat(chunks).toString('latin1'))
        : reject(error),
    );
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(5_000, () => socket.destroy());
    socket.end(text);
  });
}

describe('CORS', () => {
  it('an allowed origin gets exactly its origin, Ccai-Capability exposed, Vary: Origin', async () => {
    const answer = await chain.send('POST', `${API}/calls`, {
      body: booking({ end_user_number: '+1 859-657-3001' }),
      origin: ALLOWED_ORIGIN,
    });
    assert.equal(answer.status, 201, answer.text);
    assert.equal(answer.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.ok(answer.headers.get('access-control-expose-headers').split(/,\s*/).includes('Ccai-Capability'));
    assert.match(answer.headers.get('vary') ?? '', /Origin/);
    assert.ok(answer.headers.get('ccai-capability'));
  });

  it('an allowed origin gets CORS on refusals too, so the page can read the message', async () => {
    const answer = await chain.send('POST', `${API}/calls`, { body: booking({ lang: 'fr' }), origin: ALLOWED_ORIGIN });
    assertProblem(answer, 400, "Language 'fr' is not available");
    assert.equal(answer.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  });

  it('the preflight is answered for the route: its methods and the capability header', async () => {
    for (const [path, method] of [
      [`${API}/calls`, 'POST'],
      [`${API}/calls/514`, 'GET'],
      [`${API}/calls/scheduled/514/cancel`, 'PATCH'],
    ]) {
      const { result, received } = await watching(() =>
        chain.raw('OPTIONS', path, {
          headers: {
            Origin: ALLOWED_ORIGIN,
            'Access-Control-Request-Method': method,
            'Access-Control-Request-Headers': 'content-type, ccai-capability',
          },
        }),
      );
      assert.equal(result.status, 204);
      assert.equal(result.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      assert.ok(result.headers.get('access-control-allow-methods').split(/,\s*/).includes(method));
      assert.ok(
        result.headers.get('access-control-allow-headers').toLowerCase().split(/,\s*/).includes('ccai-capability'),
      );
      assert.deepEqual(received, []);
    }
  });

  for (const origin of [
    'https://evil.example',
    'null',
    'https://www.example.com.evil.example',
    'http://www.example.com',
    'https://www.example.com:8443',
    'https://WWW.EXAMPLE.COM',
    '*',
  ]) {
    it(`origin ${origin} is refused, preflight and request alike, and reaches nothing`, async () => {
      const { result: preflight } = await watching(() =>
        chain.raw('OPTIONS', `${API}/calls`, { headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } }),
      );
      assert.equal(preflight.status, 403);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      const { result, received } = await watching(() =>
        chain.send('POST', `${API}/calls`, { body: booking(), origin }),
      );
      assertProblem(result, 403);
      assert.equal(result.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(received, []);
    });
  }

  // The target stays on this host: `//evil.example/apps/…` is a path here, and no route's.
  it("a path that names another host ('//evil.example/…') does not make that host's pages same-origin", async () => {
    const origin = 'http://evil.example';
    for (const [method, path, body] of [
      ['POST', `//evil.example${API}/calls`, JSON.stringify(booking({ end_user_number: '+1 859-657-3002' }))],
      ['GET', `//evil.example${API}/wait_times?lang=en&menu_id=9`],
    ]) {
      const { result, received } = await watching(() =>
        chain.raw(method, path, { headers: { Origin: origin, 'Content-Type': 'application/json' }, body }),
      );
      assertProblem(result, 404);
      assert.equal(result.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(received, []);
    }
  });

  it("a page of the gateway's own origin needs no CORS and is not refused", async () => {
    const answer = await chain.send('GET', `${API}/wait_times?lang=en&menu_id=9`, {
      origin: new URL(chain.url).origin,
    });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
  });

  it('a request without Origin (a server) is served without CORS headers', async () => {
    const answer = await chain.send('GET', `${API}/wait_times?lang=en&menu_id=9`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
  });
});

describe("the visitor's headers stay with the gateway", () => {
  it("a visitor's Authorization, cookies and capability are never forwarded: the tenant sees the gateway's Basic only", async () => {
    const visitor = {
      Authorization: `Basic ${Buffer.from('visitor:their-password').toString('base64')}`,
      Cookie: 'session=visitor-cookie-value',
      'X-Api-Key': 'visitor-api-key',
      'X-Forwarded-For': '203.0.113.9',
    };
    const mine = await book(chain, { end_user_number: '+1 859-657-4001' }, visitor);
    await chain.restart();
    const from = tenant.requests.length;
    const headers = { ...visitor, 'Ccai-Capability': mine.capability };
    assert.equal((await chain.send('GET', `${API}/calls/${mine.id}`, { headers })).status, 200);
    assert.equal((await chain.send('GET', `${API}/wait_times?lang=en&menu_id=10`, { headers })).status, 200);
    assert.equal((await chain.send('PATCH', `${API}/calls/scheduled/${mine.id}/cancel`, { headers })).status, 200);
    const received = [tenant.requests[from - 1], ...since(tenant, from)];
    assert.equal(received.length, 4);
    for (const request of received) {
      assert.equal(request.headers.authorization, BASIC);
      const values = Object.values(request.headers).join('\n');
      for (const value of [...Object.values(visitor), mine.capability])
        assert.ok(!values.includes(value), `${value} reached the tenant`);
    }
  });
});

describe('agent routes', () => {
  let agents;
  before(async () => {
    agents = await chainOf({
      authorize: (request) => (request.headers.get('Cookie') === 'agent_session=ok-7731' ? { id: 'agent-7' } : null),
    });
  });
  const AGENT = { Cookie: 'agent_session=ok-7731' };
  const flagsPath = `${API}/calls/514/customer_flag`;

  it('without an identity from authorize: 404 for GET and PATCH, nothing at the tenant', async () => {
    for (const headers of [{}, { Cookie: 'agent_session=forged' }, { Authorization: 'Bearer agent-token' }]) {
      for (const method of ['GET', 'PATCH']) {
        const { result, received } = await watching(() =>
          agents.send(method, flagsPath, { headers, body: method === 'PATCH' ? { bad_actor: true } : undefined }),
        );
        assertProblem(result, 404);
        assert.deepEqual(received, []);
      }
    }
  });

  it("with one: GET reads the flags, with the gateway's credentials and not the agent's cookie", async () => {
    const { result, received } = await watching(() => agents.send('GET', flagsPath, { headers: AGENT }));
    assert.equal(result.status, 200, result.text);
    assert.deepEqual(result.body, { verified_customer: true, bad_actor: false, repeat_customer: false });
    assert.equal(received.length, 1);
    assert.equal(received[0].path, flagsPath);
    assert.equal(received[0].headers.authorization, BASIC);
    assert.equal(received[0].headers.cookie, undefined);
  });

  it('PATCH sends exactly the booleans given', async () => {
    const { result, received } = await watching(() =>
      agents.send('PATCH', flagsPath, { headers: AGENT, body: { bad_actor: true, repeat_customer: false } }),
    );
    assert.equal(result.status, 200, result.text);
    assert.equal(result.body.bad_actor, true);
    assert.deepEqual(bodyOf(received[0]), { bad_actor: true, repeat_customer: false });
    tenant.mock.world.flags[514] = { verified_customer: true, bad_actor: false, repeat_customer: false };
  });

  for (const body of [
    {},
    { bad_actor: 'true' },
    { bad_actor: 1 },
    { repeat_customers: true },
    { bad_actor: true, agent_email: 'admin@somedomain.com' },
    { verified_customer: null },
    [true],
  ]) {
    it(`PATCH ${JSON.stringify(body)} is refused, nothing at the tenant`, async () => {
      const { result, received } = await watching(() => agents.send('PATCH', flagsPath, { headers: AGENT, body }));
      assertProblem(result, 400);
      assert.deepEqual(received, []);
    });
  }

  it('an unknown call is 404 from the tenant, told as the gateway tells it', async () => {
    const { result, received } = await watching(() =>
      agents.send('GET', `${API}/calls/424242/customer_flag`, { headers: AGENT }),
    );
    assertProblem(result, 404);
    assert.equal(received.length, 1);
  });
});

describe("the tenant's faults", () => {
  let faulty;
  let mine;
  before(async () => {
    faulty = await chainOf({ upstreamTimeoutMs: 400 });
    mine = await book(faulty, { end_user_number: '+1 859-657-5001' });
  });
  const read = () => faulty.send('GET', `${API}/calls/${mine.id}`, { headers: withCapability(mine.capability) });
  const fresh = () => faulty.restart();

  async function withFault(fault, act) {
    tenant.setFault(fault);
    try {
      return await act();
    } finally {
      tenant.setFault(null);
    }
  }

  for (const [name, fault, status] of [
    ['a 500 with a revealing body', { status: 500, body: '{"message":"PG::ConnectionBad at /srv/app/db.rb:42"}' }, 502],
    [
      'a 503 with HTML',
      { status: 503, headers: { 'Content-Type': 'text/html' }, body: '<h1>Service Unavailable</h1>' },
      502,
    ],
    ['a 200 with malformed JSON', { status: 200, body: '{"id": 1,' }, 502],
    ['a 200 that is not a call', { status: 200, body: '{"message":"ok"}' }, 502],
    ['a cut connection', { drop: true }, 502],
    ['an answer slower than upstreamTimeoutMs', { delayMs: 1_500 }, 504],
  ]) {
    it(`${name} → ${status} for a read and a booking, with a message of our own`, async () => {
      await fresh();
      const answers = await withFault(
        () => fault,
        async () => [
          await read(),
          await faulty.send('POST', `${API}/calls`, { body: booking({ end_user_number: '+1 859-657-5002' }) }),
        ],
      );
      for (const answer of answers) {
        assertProblem(answer, status);
        assert.ok(!/PG::|srv|Service Unavailable/.test(answer.text), answer.text);
      }
    });
  }

  it('a tenant that refuses our credentials → 502, and the wrong token appears nowhere', async () => {
    const wrong = await chainOf({ apiToken: WRONG_TOKEN });
    const { result, received } = await watching(() =>
      wrong.send('POST', `${API}/calls`, { body: booking({ end_user_number: '+1 859-657-5003' }) }),
    );
    assertProblem(result, 502);
    assert.equal(received.length, 1);
    assert.equal(
      received[0].headers.authorization,
      `Basic ${Buffer.from(`${SUBDOMAIN}:${WRONG_TOKEN}`).toString('base64')}`,
    );
    const read = await wrong.send('GET', `${API}/calls/${mine.id}`, { headers: withCapability(mine.capability) });
    assertProblem(read, 502);
    for (const line of [...wrong.lines, ...wrong.answers.map(answerText)])
      assert.ok(!line.includes(WRONG_TOKEN) && !line.includes('Unauthorized'), line);
  });

  it("a tenant's Retry-After beyond the gateway's longest pause is told as that pause, not as given", async () => {
    const capped = await chainOf();
    const ours = await book(capped, { end_user_number: '+1 859-657-5006' });
    await capped.restart();
    const read = () => capped.send('GET', `${API}/calls/${ours.id}`, { headers: withCapability(ours.capability) });
    const limited = await withFault(() => ({ status: 429, headers: { 'Retry-After': '86400' } }), read);
    assertProblem(limited, 429);
    // The gateway holds its tenant traffic back for at most five minutes, and says so.
    const paused = await capped.send('GET', `${API}/wait_times?lang=en&menu_id=9`);
    assertProblem(paused, 429);
    assert.ok(Number(paused.headers.get('retry-after')) <= 300, paused.headers.get('retry-after'));
    assert.equal(limited.headers.get('retry-after'), paused.headers.get('retry-after'));
  });

  it("a tenant's 429 with Retry-After → 429 with Retry-After, and all upstream traffic waits that long", async () => {
    // The default timeout lets requests wait out a one-second pause instead of being told 429.
    const patient = await chainOf();
    const ours = await book(patient, { end_user_number: '+1 859-657-5005' });
    await patient.restart();
    const readOurs = () => patient.send('GET', `${API}/calls/${ours.id}`, { headers: withCapability(ours.capability) });
    const limited = await withFault(
      (request) =>
        request.path.startsWith('/manager/')
          ? { status: 429, headers: { 'Retry-After': '1' }, body: '{"message":"Too many"}' }
          : null,
      readOurs,
    );
    assertProblem(limited, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    const pausedAt = tenant.requests.at(-1).at;
    const from = tenant.requests.length;
    const started = Date.now();
    const later = await Promise.all([
      readOurs(),
      patient.send('GET', `${API}/wait_times?lang=ja&menu_id=9`),
      patient.send('POST', `${API}/calls`, { body: booking({ end_user_number: '+1 859-657-5004' }) }),
    ]);
    assert.deepEqual(
      later.map((answer) => answer.status),
      [200, 200, 201],
    );
    assert.ok(Date.now() - started >= 800, 'the answers waited for the pause');
    const received = since(tenant, from);
    assert.equal(received.length, 3);
    for (const request of received)
      assert.ok(request.at - pausedAt >= 990, `a request reached the tenant ${request.at - pausedAt} ms after its 429`);
  });
});

describe('credentials and personal data', () => {
  it('no answer of this suite (status line, headers, body) and no log line holds the token, the Basic credentials or the secret', () => {
    const answers = chains.flatMap((started) => started.answers);
    const lines = chains.flatMap((started) => started.lines);
    assert.ok(answers.length > 150, `only ${answers.length} answers`);
    assert.ok(lines.length >= answers.length - 10, 'a log line per request');
    const secrets = [
      ...SECRETS,
      WRONG_TOKEN,
      Buffer.from(`${SUBDOMAIN}:${WRONG_TOKEN}`).toString('base64'),
      'rotated-secret',
      'another-gateway-secret',
    ];
    for (const text of [...answers.map(answerText), ...lines]) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `found ${secret} in ${text.slice(0, 200)}`);
    }
  });

  it('no answer carries a wildcard in Access-Control-Allow-Origin or -Expose-Headers', () => {
    for (const { headers } of chains.flatMap((started) => started.answers)) {
      for (const name of [
        'access-control-allow-origin',
        'access-control-expose-headers',
        'access-control-allow-headers',
      ]) {
        assert.ok(!(headers.get(name) ?? '').includes('*'), `${name}: ${headers.get(name)}`);
      }
    }
  });

  it('log lines hold no phone number and no capability, even one put in the path by a visitor', async () => {
    const mine = await book(chain, { end_user_number: '+1 859-657-6001' });
    const [, id, expiry, signature] = mine.capability.split('.');
    const paths = [
      `${API}/calls/${mine.id}?capability=${mine.capability}`,
      `${API}/calls/${mine.id}?ccai_capability=${mine.capability}`,
      `${API}/calls/${mine.id}?c=${encodeURIComponent(mine.capability)}`,
      `${API}/calls/${mine.capability}`,
      `${API}/calls/${mine.id}/${signature}`,
      `${API}/wait_times?lang=en&menu_id=9&end_user_number=%2B1%20859-657-6001`,
      `${API}/wait_times?lang=en&menu_id=9&n=+18596576001`,
      `${API}/calls/+1-859-657-6001`,
    ];
    for (const path of paths) await chain.send('GET', path);
    const lines = chains.flatMap((started) => started.lines);
    const numbers = ['859-657', '8596576', '859 657', '859%20657', '6576001', '657-6001'];
    for (const line of lines) {
      for (const text of [mine.capability, signature, encodeURIComponent(mine.capability), ...numbers])
        assert.ok(!line.includes(text), `found ${text} in ${line}`);
      assert.ok(!line.includes(`${id}.${expiry}`), line);
    }
  });
});
