// The gateway fuzzed with fast-check over real sockets, in front of a Basic-auth mock tenant:
// arbitrary paths (sent unnormalised), methods, headers and bodies. Whatever comes in, the answer
// is never a 5xx, every error is a JSON `{message}`, and every request the tenant receives in the
// run is one of the shapes a visitor may cause (checked request by request, not just counted).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { API, BASIC, SCHEDULED, book, booking, since, startChain } from './gateway-harness.mjs';

const ALLOWED_ORIGIN = 'https://www.example.com';
const MENUS = [9, 10];
const LANGUAGES = ['en', 'ja'];
const RUNS = 200;
let chain;
/** The one call whose capability the fuzzer is given (so reads and cancels can get through). */
let known;
let other;

before(async () => {
  chain = await startChain({ origins: [ALLOWED_ORIGIN], menus: MENUS, languages: LANGUAGES });
  known = await book(chain, { end_user_number: '+1 859-657-9001' });
  other = await book(chain, { end_user_number: '+1 859-657-9002' });
});

after(() => chain.close());

const ALLOWED_BOOKING_KEYS = new Set([
  'call_type',
  'menu_id',
  'call_id',
  'end_user_number',
  'lang',
  'scheduled_at',
  'recording_permission',
]);

/** Why `received` is not a request a visitor may cause; `undefined` when it is one. */
function forbidden(received, sentAt) {
  if (received.headers.authorization !== BASIC) return 'credentials other than the gateway’s';
  if ('ccai-capability' in received.headers || 'cookie' in received.headers || 'origin' in received.headers)
    return 'a visitor header';
  const { method, path } = received;
  if (method === 'GET' && path === `/manager/api/v1/calls/${known.id}`) return undefined;
  if (method === 'PATCH' && path === `${API}/calls/scheduled/${known.id}/cancel`) return undefined;
  if (method === 'GET' && path.startsWith(`${API}/wait_times?`)) {
    const query = new URLSearchParams(path.slice(path.indexOf('?') + 1));
    const keys = [...query.keys()].sort().join(',');
    if (
      keys === 'lang,menu_id' &&
      LANGUAGES.includes(query.get('lang')) &&
      MENUS.map(String).includes(query.get('menu_id'))
    )
      return undefined;
    return `wait times asked with ${query}`;
  }
  if (method === 'POST' && path === `${API}/calls`) {
    let body;
    try {
      body = JSON.parse(received.body);
    } catch {
      return 'a booking that is not JSON';
    }
    const extra = Object.keys(body).filter((key) => !ALLOWED_BOOKING_KEYS.has(key));
    if (extra.length) return `booking fields ${extra}`;
    if (body.call_type !== SCHEDULED) return `call_type ${body.call_type}`;
    if ('menu_id' in body ? !MENUS.includes(body.menu_id) : body.call_id !== known.id)
      return `menu ${body.menu_id}, call ${body.call_id}`;
    if ('call_id' in body && body.call_id !== known.id) return `call_id ${body.call_id} without its capability`;
    if (!/^\+[1-9]\d{6,14}$/.test(body.end_user_number)) return `number ${body.end_user_number}`;
    if (!LANGUAGES.includes(body.lang)) return `lang ${body.lang}`;
    const when = Date.parse(body.scheduled_at);
    if (
      new Date(when).toISOString() !== body.scheduled_at ||
      when <= sentAt ||
      when > sentAt + 30 * 86_400_000 + 60_000
    )
      return `scheduled_at ${body.scheduled_at}`;
    if (
      'recording_permission' in body &&
      !/^recording_permission_(not_asked|denied|granted)$/.test(body.recording_permission)
    )
      return 'recording_permission';
    return undefined;
  }
  return `${method} ${path}`;
}

/** Sends one request, then checks the answer and everything the tenant received for it. */
async function exchange(send) {
  const from = chain.tenant.requests.length;
  const sentAt = Date.now();
  const answer = await send();
  assert.ok(answer.status < 500, `${answer.status} ${answer.text}`);
  if (answer.status >= 400 && answer.text !== '') {
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, answer.text);
    assert.deepEqual(Object.keys(answer.body ?? {}), ['message'], answer.text);
    assert.equal(typeof answer.body.message, 'string');
  }
  assert.ok(!(answer.headers.get('access-control-allow-origin') ?? '').includes('*'));
  const received = since(chain.tenant, from);
  assert.ok(received.length <= 1, `one visitor request caused ${received.length} tenant requests`);
  for (const request of received)
    assert.equal(forbidden(request, sentAt), undefined, `${request.method} ${request.path} ${request.body ?? ''}`);
  return { answer, received };
}

// ---- arbitraries ----------------------------------------------------------------------------

/** Resolved when generated: the calls are booked in `before`, after the arbitraries are built. */
const later = (get) => fc.constant(null).map(get);
const anyValue = fc.jsonValue({ maxDepth: 2 });

/** A character a request target may carry as is (Node refuses the rest); others become %XX. */
const pathSafe = (text) =>
  [...text]
    .map((char) =>
      /^[\x21-\x7e]$/.test(char) && char !== '#' ? char : encodeURIComponent(char).replace(/%(?![0-9A-F]{2})/g, '%25'),
    )
    .join('');

const segment = fc.oneof(
  fc.constantFrom(
    'apps',
    'api',
    'v1',
    'calls',
    'scheduled',
    'cancel',
    'customer_flag',
    'wait_times',
    'manager',
    'healthz',
    'metrics',
    '..',
    '.',
    '%2e%2e',
    '%2F',
    '',
    '514',
    'v2',
  ),
  later(() => String(known.id)),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.string({ maxLength: 24 }).map(pathSafe),
);
const query = fc.option(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('lang', 'menu_id', 'capability', 'menu_type'), fc.string({ maxLength: 10 })),
        fc.oneof(fc.constantFrom('en', 'ja', 'fr', '9', '10', '50', ''), fc.string({ maxLength: 16 })),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([key, value]) => `${pathSafe(key)}=${pathSafe(value)}`).join('&')}`),
  { nil: '' },
);
const path = fc
  .oneof(
    fc
      .constantFrom(
        `${API}/calls`,
        `${API}/calls/514`,
        `${API}/calls/scheduled/514/cancel`,
        `${API}/calls/514/customer_flag`,
        `${API}/wait_times`,
        '/manager/api/v1/calls/514',
        '/healthz',
      )
      .map((p) => p),
    later(() => `${API}/calls/${known.id}`),
    later(() => `${API}/calls/scheduled/${known.id}/cancel`),
    // '//…' and '/\…' too: targets that a URL resolver would read as another host ('//a:b', '/\4294967296').
    fc.array(segment, { minLength: 1, maxLength: 8 }).map((parts) => `/${parts.join('/')}`),
    fc.constantFrom(
      '//a:b/x',
      '/\\4294967296/515',
      '//evil.example/apps/api/v1/calls',
      '/\\evil.example/apps/api/v1/calls',
    ),
  )
  .chain((base) => query.map((q) => `${base}${q}`));

// TRACE too: no `Request` can hold it, and the adapter answers 400 for it.
const method = fc.constantFrom(
  'GET',
  'POST',
  'PATCH',
  'PUT',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PROPFIND',
  'SEARCH',
  'PURGE',
  'LOCK',
  'TRACE',
);

const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 60,
});
/** Headers that frame the message or switch protocols belong to node:http, not to the gateway. */
const FRAMING = new Set([
  'content-length',
  'transfer-encoding',
  'host',
  'connection',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'keep-alive',
  'proxy-connection',
  'http2-settings',
]);
const headerName = fc
  .string({
    unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&'*+.^`|~"),
    minLength: 1,
    maxLength: 20,
  })
  .filter((name) => !FRAMING.has(name.toLowerCase()));
const headers = fc
  .record(
    {
      'Content-Type': fc.oneof(
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'application/vnd.api+json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          '',
        ),
        headerValue,
      ),
      Origin: fc.oneof(
        fc.constantFrom(ALLOWED_ORIGIN, 'https://evil.example', 'null', 'http://127.0.0.1'),
        headerValue,
      ),
      'Ccai-Capability': fc.oneof(
        later(() => known.capability),
        later(() => other.capability),
        later(() =>
          known.capability.replace(/\.([\w-])([\w-]{42})$/, (_, first, rest) => `.${first === 'A' ? 'B' : 'A'}${rest}`),
        ),
        headerValue,
      ),
      Authorization: fc.oneof(fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer x'), headerValue),
      'X-Forwarded-For': headerValue,
      'Access-Control-Request-Method': fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'),
      'Content-Encoding': fc.constantFrom('gzip', 'br', 'identity'),
      Cookie: headerValue,
    },
    { requiredKeys: [] },
  )
  .chain((chosen) => fc.dictionary(headerName, headerValue, { maxKeys: 4 }).map((extra) => ({ ...extra, ...chosen })));

/** Mostly a value the gateway accepts, sometimes a spoiled one: so that many runs reach the tenant. */
const mostly = (valid, spoiled) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: spoiled, weight: 1 });
/** Usually absent. */
const rarely = (value) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: value, weight: 1 });
const phone = mostly(
  fc.constantFrom('+1 859-657-9625', '+18596579625', '+82-10-6861-2345', '+1 (859) 657 9625', '+44 20 7946 0958'),
  fc.oneof(
    fc.constantFrom('(859) 657-9625', '+1 999-657-12', '123123', undefined),
    fc.string({ maxLength: 20 }),
    anyValue,
  ),
);
const when = mostly(
  fc.integer({ min: 60, max: 29 * 86_400 }).map((seconds) => new Date(Date.now() + seconds * 1000).toISOString()),
  fc.oneof(
    fc
      .integer({ min: -2 * 86_400, max: 40 * 86_400 })
      .map((seconds) => new Date(Date.now() + seconds * 1000).toISOString().replace('Z', '+00:00')),
    fc.constantFrom('2030-02-30T10:00:00Z', 'tomorrow', '', '2019-09-15T00:19:14Z', undefined),
    anyValue,
  ),
);
/** A booking near enough to valid that many get through, with fields spoiled and extras added. */
const nearBooking = fc
  .record({
    call_type: fc.oneof(
      fc.constantFrom(
        'Voice Outbound (API)',
        'Voice Inbound (API)',
        'Voice Scheduled (API)',
        'OutboundCall',
        'IncomingCall',
        'ScheduledCall',
        undefined,
      ),
      anyValue,
    ),
    menu_id: mostly(
      fc.constantFrom(9, 10, '9'),
      fc.oneof(fc.constantFrom(undefined, 50, 9999, 0, -9, 9.5, 'menu_9'), anyValue),
    ),
    call_id: rarely(
      fc.oneof(
        later(() => known.id),
        later(() => String(known.id)),
        later(() => other.id),
        fc.constantFrom(514, 0, -1),
        anyValue,
      ),
    ),
    end_user_number: phone,
    scheduled_at: when,
    lang: mostly(
      fc.constantFrom('en', 'ja', undefined),
      fc.oneof(fc.constantFrom('es', 'fr', 'xy', 'EN', 'en-US'), anyValue),
    ),
    recording_permission: rarely(
      fc.oneof(fc.constantFrom('recording_permission_granted', 'recording_permission_denied', 'granted'), anyValue),
    ),
    ticket_id: rarely(anyValue),
    agent_email: rarely(fc.constant('admin@somedomain.com')),
    outbound_number: rarely(fc.constant('+1 339-219-5276')),
    status: rarely(anyValue),
  })
  .chain((fields) =>
    fc
      .dictionary(
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
          fc.string({ maxLength: 12 }),
        ),
        anyValue,
        { maxKeys: 3 },
      )
      .map((extra) => ({ fields, extra })),
  )
  .map(({ fields, extra }) => {
    // JSON text, so that keys such as __proto__ arrive as own keys, as an attacker's would.
    const extras = Object.entries(extra).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
    const text = JSON.stringify(fields);
    return extras.length ? `{${extras.join(',')}${text === '{}' ? '' : ','}${text.slice(1)}` : text;
  });

const body = fc.oneof(
  fc.constant(undefined),
  nearBooking,
  fc.object({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
);

// ---- properties -----------------------------------------------------------------------------

describe('fuzzing the gateway', () => {
  const reached = { total: 0, bookings: 0 };
  const tally = ({ received }) => {
    reached.total += received.length;
    reached.bookings += received.filter((request) => request.method === 'POST').length;
  };

  it(`arbitrary method, unnormalised path, headers and body (${RUNS} runs): no 5xx, JSON errors, nothing forbidden upstream`, async () => {
    await fc.assert(
      fc.asyncProperty(method, path, headers, body, async (verb, target, sent, payload) => {
        tally(
          await exchange(() => chain.raw(verb, target, { headers: sent, body: verb === 'HEAD' ? undefined : payload })),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it(`booking bodies with spoiled, extra and prototype keys (${RUNS} runs): only rebuilt bookings reach the tenant`, async () => {
    await fc.assert(
      fc.asyncProperty(nearBooking, fc.boolean(), async (text, withCapability) => {
        const headers = {
          'Content-Type': 'application/json',
          ...(withCapability ? { 'Ccai-Capability': known.capability } : {}),
        };
        const result = await exchange(() => chain.send('POST', `${API}/calls`, { body: text, headers }));
        tally(result);
        const { answer, received } = result;
        if (answer.status === 201) {
          assert.equal(received.length, 1);
          assert.ok(answer.headers.get('ccai-capability'));
        }
        const sentBody = JSON.parse(text);
        if (received.length === 1 && bodyHas(received[0], 'call_id'))
          assert.ok(withCapability && idOf(sentBody.call_id) === known.id, 'a rebooking without its capability');
      }),
      { numRuns: RUNS },
    );
  });

  it(`arbitrary headers on the three visitor routes (${RUNS} runs)`, async () => {
    const route = fc.constantFrom(
      ['POST', `${API}/calls`],
      ['GET', null],
      ['PATCH', null],
      ['GET', `${API}/wait_times?lang=en&menu_id=9`],
    );
    await fc.assert(
      fc.asyncProperty(route, headers, async ([verb, target], sent) => {
        const where =
          target ?? (verb === 'GET' ? `${API}/calls/${known.id}` : `${API}/calls/scheduled/${known.id}/cancel`);
        const payload = verb === 'POST' ? JSON.stringify(booking({ end_user_number: '+1 859-657-9003' })) : undefined;
        tally(await exchange(() => chain.raw(verb, where, { headers: sent, body: payload })));
      }),
      { numRuns: RUNS },
    );
  });

  it('the fuzzing did reach the tenant, so the checks above were not vacuous', () => {
    assert.ok(reached.bookings >= 20, `only ${reached.bookings} bookings reached the tenant`);
    assert.ok(reached.total > reached.bookings, 'no read or wait time reached the tenant');
    assert.ok(since(chain.tenant, 0).every((request) => request.headers.authorization === BASIC));
  });
});

const bodyHas = (received, key) => Object.hasOwn(JSON.parse(received.body), key);
const idOf = (value) => (typeof value === 'string' && /^[1-9]\d*$/.test(value) ? Number(value) : value);
