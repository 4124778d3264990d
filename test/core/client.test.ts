import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import {
  CAPABILITY_HEADER,
  CallsApiError,
  EVENTS_HEADER,
  callEventsUrl,
  createCallsClient,
  type CallsClient,
} from '../../src/core/index.js';
import { useWorker } from '../helpers/mock-api.js';

const api = (path: string) => `*/apps/api/v1${path}`;
const origin = location.origin;

const scheduled = {
  call_type: 'Voice Scheduled (API)',
  menu_id: 9,
  end_user_number: '+82-10-6861-2345',
  scheduled_at: '2030-01-01T10:00:00.000Z',
} as const;

/** Records what reached the server. */
function recorder() {
  const requests: { method: string; url: string; headers: Headers; body: string; at: number }[] = [];
  return {
    requests,
    async record(request: Request) {
      requests.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: await request.text(),
        at: performance.now(),
      });
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('CallsClient', () => {
  let client: CallsClient;

  const worker = useWorker();
  beforeEach(() => {
    client = createCallsClient({ baseUrl: origin, timeoutMs: 2000, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  });

  it('sends a scheduled call as JSON and returns the created call', async () => {
    const log = recorder();
    worker.use(
      http.post(api('/calls'), async ({ request }) => {
        await log.record(request);
        return HttpResponse.json(
          { id: 600, status: 'scheduled', scheduled_at: scheduled.scheduled_at, extra_key: 1 },
          { status: 201 },
        );
      }),
    );
    const result = await client.createCall(scheduled);
    expect(result.kind).to.equal('created');
    if (result.kind !== 'created') return;
    expect(result.call.id).to.equal(600);
    expect(result.call.extra_key, 'unknown keys are kept').to.equal(1);
    expect(log.requests[0]!.url).to.equal(`${origin}/apps/api/v1/calls`);
    expect(log.requests[0]!.headers.get('content-type')).to.equal('application/json');
    expect(JSON.parse(log.requests[0]!.body)).to.deep.equal(scheduled);
  });

  it('normalises a deprecated call type before sending', async () => {
    const log = recorder();
    worker.use(
      http.post(api('/calls'), async ({ request }) => {
        await log.record(request);
        return HttpResponse.json({ id: 1, status: 'scheduled' }, { status: 201 });
      }),
    );
    await client.createCall({ ...scheduled, call_type: 'ScheduledCall' });
    expect(JSON.parse(log.requests[0]!.body).call_type).to.equal('Voice Scheduled (API)');
  });

  it('refuses an invalid request with a validation error and sends nothing', async () => {
    const log = recorder();
    worker.use(
      http.post(
        api('/calls'),
        async ({ request }) => (await log.record(request), HttpResponse.json({}, { status: 201 })),
      ),
    );
    const missingTime = { ...scheduled, scheduled_at: undefined } as never;
    const error = await rejection(client.createCall(missingTime));
    expect(error).to.be.instanceOf(CallsApiError);
    expect((error as CallsApiError).kind).to.equal('validation');
    expect((error as CallsApiError).field).to.equal('scheduled_at');
    const badType = await rejection(client.createCall({ ...scheduled, call_type: 'Voice Fax' } as never));
    expect((badType as CallsApiError).message).to.equal('Invalid call type');
    const noMenu = await rejection(client.createCall({ ...scheduled, menu_id: undefined } as never));
    expect((noMenu as CallsApiError).message).to.equal('menu_id is required');
    const badId = await rejection(client.getCall('12; drop'));
    expect((badId as CallsApiError).kind).to.equal('validation');
    expect(log.requests).to.have.length(0);
  });

  it('returns 202 with the echoed parameters, or with nothing', async () => {
    worker.use(
      http.post(api('/calls'), () =>
        HttpResponse.json({ call_type: 'Voice Outbound (API)', lang: 'en' }, { status: 202 }),
      ),
    );
    const echoed = await client.createCall({
      call_type: 'Voice Outbound (API)',
      agent_email: 'a@b.c',
      end_user_number: '+18596579625',
    });
    expect(echoed).to.deep.equal({
      kind: 'accepted',
      status: 202,
      params: { call_type: 'Voice Outbound (API)', lang: 'en' },
    });
    worker.use(http.post(api('/calls'), () => new HttpResponse(null, { status: 202 })));
    const empty = await client.createCall({ call_type: 'OutboundCall', agent_email: 'a@b.c', ticket_id: '1' });
    expect(empty).to.deep.equal({ kind: 'accepted', status: 202, params: null });
  });

  it('rejects an HTTP error with the server message verbatim', async () => {
    worker.use(
      http.post(api('/calls'), () =>
        HttpResponse.json({ message: "Menu is in 'after hours' state, can't accept incoming calls" }, { status: 400 }),
      ),
    );
    const error = (await rejection(client.createCall(scheduled))) as CallsApiError;
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(400);
    expect(error.message).to.equal("Menu is in 'after hours' state, can't accept incoming calls");
    expect(error.body).to.deep.equal({ message: "Menu is in 'after hours' state, can't accept incoming calls" });
  });

  it('reports a non-JSON error body as an HTTP error and keeps the text', async () => {
    worker.use(
      http.get(
        api('/calls/7'),
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
      ),
    );
    const error = (await rejection(
      createCallsClient({ baseUrl: origin, retry: { retries: 0 } }).getCall(7),
    )) as CallsApiError;
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(502);
    expect(error.message).to.match(/502/);
    expect(error.body).to.equal('<h1>Bad gateway</h1>');
  });

  it('reports malformed JSON in a success as a parse error', async () => {
    worker.use(
      http.get(
        api('/calls/7'),
        () => new HttpResponse('{"id": 7, "status":', { status: 200, headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    const error = (await rejection(client.getCall(7))) as CallsApiError;
    expect(error.kind).to.equal('parse');
    expect(error.status).to.equal(200);
  });

  it('reports JSON that breaks the call schema as a parse error', async () => {
    worker.use(http.get(api('/calls/7'), () => HttpResponse.json({ id: 'seven', status: 'queued' })));
    const error = (await rejection(client.getCall(7))) as CallsApiError;
    expect(error.kind).to.equal('parse');
    expect(error.message).to.contain('id');
  });

  it('times out a slow response', async () => {
    worker.use(
      http.post(
        api('/calls'),
        async () => (await delay(1500), HttpResponse.json({ id: 1, status: 'scheduled' }, { status: 201 })),
      ),
    );
    const quick = createCallsClient({ baseUrl: origin, timeoutMs: 100 });
    const error = (await rejection(quick.createCall(scheduled))) as CallsApiError;
    expect(error.kind).to.equal('timeout');
    expect(error.status).to.equal(0);
  });

  it("rejects with the caller's abort reason and sends nothing once aborted", async () => {
    const log = recorder();
    worker.use(
      http.get(
        api('/calls/8'),
        async ({ request }) => (
          await log.record(request),
          await delay(1000),
          HttpResponse.json({ id: 8, status: 'queued' })
        ),
      ),
    );
    const controller = new AbortController();
    const pending = client.getCall(8, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    const before = log.requests.length;
    const again = await rejection(client.getCall(8, { signal: controller.signal }));
    expect((again as DOMException).name).to.equal('AbortError');
    expect(log.requests.length).to.equal(before);
  });

  it('reports a dropped connection as a network error and retries a read', async () => {
    const log = recorder();
    worker.use(http.get(api('/calls/9'), async ({ request }) => (await log.record(request), HttpResponse.error())));
    const error = (await rejection(client.getCall(9))) as CallsApiError;
    expect(error.kind).to.equal('network');
    expect(log.requests, 'one attempt and two retries').to.have.length(3);
  });

  it('lets one read opt out of retries', async () => {
    let attempts = 0;
    worker.use(http.get(api('/calls/9'), () => (attempts++, HttpResponse.error())));
    const error = (await rejection(client.getCall(9, { retries: 0 }))) as CallsApiError;
    expect(error.kind).to.equal('network');
    expect(attempts).to.equal(1);
  });

  it('recovers a read after a dropped connection', async () => {
    let attempts = 0;
    worker.use(
      http.get(api('/calls/9'), () =>
        ++attempts === 1 ? HttpResponse.error() : HttpResponse.json({ id: 9, status: 'connected' }),
      ),
    );
    const call = await client.getCall(9);
    expect(call.status).to.equal('connected');
    expect(attempts).to.equal(2);
  });

  it('honours Retry-After on a 429 for a read', async () => {
    const log = recorder();
    worker.use(
      http.get(api('/calls/10/customer_flag'), async ({ request }) => {
        await log.record(request);
        if (log.requests.length === 1)
          return HttpResponse.json({ message: 'Too many requests' }, { status: 429, headers: { 'Retry-After': '1' } });
        return HttpResponse.json({ verified_customer: true, bad_actor: false, repeat_customer: false });
      }),
    );
    const flags = await client.getCustomerFlags(10);
    expect(flags.verified_customer).to.equal(true);
    expect(log.requests).to.have.length(2);
    // The backoff configured here is at most 20 ms, so a gap of ~1 s can only come from Retry-After.
    expect(log.requests[1]!.at - log.requests[0]!.at).to.be.at.least(950);
  });

  it('gives a Retry-After longer than it will wait back to the caller', async () => {
    let attempts = 0;
    worker.use(
      http.get(
        api('/calls/11'),
        () => (
          attempts++,
          HttpResponse.json({ message: 'Slow down' }, { status: 429, headers: { 'Retry-After': '120' } })
        ),
      ),
    );
    const error = (await rejection(client.getCall(11))) as CallsApiError;
    expect(error.status).to.equal(429);
    expect(error.retryAfterMs).to.equal(120_000);
    expect(attempts).to.equal(1);
  });

  it('never retries a write by itself', async () => {
    const log = recorder();
    worker.use(
      http.patch(
        api('/calls/12/customer_flag'),
        async ({ request }) => (await log.record(request), HttpResponse.json({ message: 'Oops' }, { status: 503 })),
      ),
    );
    worker.use(http.post(api('/calls'), async ({ request }) => (await log.record(request), HttpResponse.error())));
    const patch = (await rejection(client.updateCustomerFlags(12, { bad_actor: true }))) as CallsApiError;
    expect(patch.status).to.equal(503);
    const post = (await rejection(client.createCall(scheduled))) as CallsApiError;
    expect(post.kind).to.equal('network');
    expect(log.requests.map((r) => r.method)).to.deep.equal(['PATCH', 'POST']);
  });

  it('calls the headers function for every request', async () => {
    const log = recorder();
    let issued = 0;
    worker.use(
      http.get(
        api('/calls/:id'),
        async ({ request }) => (await log.record(request), HttpResponse.json({ id: 13, status: 'queued' })),
      ),
    );
    const authed = createCallsClient({
      baseUrl: origin,
      headers: async () => ({ Authorization: `Bearer token-${++issued}` }),
    });
    await authed.getCall(13);
    await authed.getCall(13);
    expect(log.requests.map((r) => r.headers.get('authorization'))).to.deep.equal(['Bearer token-1', 'Bearer token-2']);
  });

  it('sends only the flags it is given, spelled repeat_customer, and reads either spelling back', async () => {
    const log = recorder();
    worker.use(
      http.patch(api('/calls/14/customer_flag'), async ({ request }) => {
        await log.record(request);
        return HttpResponse.json({ verified_customer: false, bad_actor: false, repeat_customers: true });
      }),
    );
    const flags = await client.updateCustomerFlags(14, { repeat_customer: true });
    expect(JSON.parse(log.requests[0]!.body)).to.deep.equal({ repeat_customer: true });
    expect(flags).to.deep.equal({ verified_customer: false, bad_actor: false, repeat_customer: true });
  });

  it('reads a call from a replaceable URL template', async () => {
    const log = recorder();
    worker.use(
      http.get(
        '*/support/callbacks/15.json',
        async ({ request }) => (await log.record(request), HttpResponse.json({ id: 15, status: 'scheduled' })),
      ),
    );
    const custom = createCallsClient({ baseUrl: `${origin}/support`, callUrl: '{baseUrl}/callbacks/{id}.json' });
    expect((await custom.getCall(15)).status).to.equal('scheduled');
    expect((await client.getCall(15, { url: `${origin}/support/callbacks/{id}.json` })).id).to.equal(15);
    expect(log.requests.map((r) => r.url)).to.deep.equal([
      `${origin}/support/callbacks/15.json`,
      `${origin}/support/callbacks/15.json`,
    ]);
  });

  it('tells a cancel from an already-cancelled call', async () => {
    worker.use(http.patch(api('/calls/scheduled/16/cancel'), () => HttpResponse.json({ id: 16, status: 'cancelled' })));
    worker.use(http.patch(api('/calls/scheduled/17/cancel'), () => new HttpResponse(null, { status: 204 })));
    const first = await client.cancelScheduledCall(16);
    expect(first.kind === 'cancelled' && first.call.status).to.equal('cancelled');
    expect(await client.cancelScheduledCall(17)).to.deep.equal({ kind: 'already-cancelled' });
  });

  it('builds the wait-times query', async () => {
    const log = recorder();
    worker.use(
      http.get(
        api('/wait_times'),
        async ({ request }) => (await log.record(request), HttpResponse.json([{ menu_id: 9, voice_call: 3, chat: 1 }])),
      ),
    );
    const waits = await client.getWaitTimes({ lang: 'en', menuId: 9, channelType: 'voice_call' });
    expect(waits[0]!.voice_call).to.equal(3);
    expect(new URL(log.requests[0]!.url).search).to.equal('?lang=en&menu_id=9&channel_type=voice_call');
  });

  it('passes credentials through to fetch', async () => {
    const seen: RequestInit[] = [];
    const spy: typeof fetch = async (_input, init) => (
      seen.push(init!),
      new Response(JSON.stringify({ id: 1, status: 'queued' }), { status: 200 })
    );
    await createCallsClient({ baseUrl: 'https://backend.example', fetch: spy, credentials: 'include' }).getCall(1);
    expect(seen[0]!.credentials).to.equal('include');
  });

  describe('a capability (the per-call token a gateway hands out)', () => {
    const capability = 'cap.601.c2VjcmV0';

    it('is read from the Ccai-Capability header of a 201', async () => {
      expect(CAPABILITY_HEADER).to.equal('Ccai-Capability');
      worker.use(
        http.post(api('/calls'), () =>
          HttpResponse.json(
            { id: 601, status: 'scheduled' },
            { status: 201, headers: { 'Ccai-Capability': capability } },
          ),
        ),
      );
      const result = await client.createCall(scheduled);
      expect(result).to.deep.include({ kind: 'created', capability });
    });

    it("is absent from the result when the server sends none (a site's own backend)", async () => {
      worker.use(http.post(api('/calls'), () => HttpResponse.json({ id: 602, status: 'scheduled' }, { status: 201 })));
      const result = await client.createCall(scheduled);
      expect(result.kind).to.equal('created');
      expect(result).not.to.have.property('capability');
    });

    it('is sent with a read, a cancel and a child call when given', async () => {
      const log = recorder();
      worker.use(
        http.get(
          api('/calls/603'),
          async ({ request }) => (await log.record(request), HttpResponse.json({ id: 603, status: 'scheduled' })),
        ),
        http.patch(
          api('/calls/scheduled/603/cancel'),
          async ({ request }) => (await log.record(request), HttpResponse.json({ id: 603, status: 'cancelled' })),
        ),
        http.post(
          api('/calls'),
          async ({ request }) => (
            await log.record(request),
            HttpResponse.json({ id: 604, status: 'scheduled' }, { status: 201 })
          ),
        ),
      );
      await client.getCall(603, { capability });
      await client.cancelScheduledCall(603, { capability });
      await client.createCall({ ...scheduled, menu_id: undefined, call_id: 603 }, { capability });
      expect(log.requests.map((r) => [r.method, r.headers.get(CAPABILITY_HEADER)])).to.deep.equal([
        ['GET', capability],
        ['PATCH', capability],
        ['POST', capability],
      ]);
    });

    it('sends no Ccai-Capability header when none is given', async () => {
      const log = recorder();
      worker.use(
        http.get(
          api('/calls/605'),
          async ({ request }) => (await log.record(request), HttpResponse.json({ id: 605, status: 'scheduled' })),
        ),
        http.patch(
          api('/calls/scheduled/605/cancel'),
          async ({ request }) => (await log.record(request), new HttpResponse(null, { status: 204 })),
        ),
        http.post(
          api('/calls'),
          async ({ request }) => (
            await log.record(request),
            HttpResponse.json({ id: 606, status: 'scheduled' }, { status: 201 })
          ),
        ),
      );
      await client.getCall(605);
      await client.cancelScheduledCall(605, { capability: '' });
      await client.createCall(scheduled);
      expect(log.requests).to.have.length(3);
      expect(log.requests.map((r) => r.headers.has(CAPABILITY_HEADER))).to.deep.equal([false, false, false]);
    });

    it("goes beside the client's own headers, through an injected fetch too", async () => {
      const seen: Headers[] = [];
      const spy: typeof fetch = async (_input, init) => (
        seen.push(new Headers(init!.headers)),
        new Response(JSON.stringify({ id: 607, status: 'scheduled' }), {
          status: 201,
          headers: { 'Ccai-Capability': 'from-gateway' },
        })
      );
      const custom = createCallsClient({
        baseUrl: 'https://gateway.example',
        fetch: spy,
        headers: { Authorization: 'Bearer t' },
      });
      const created = await custom.createCall(scheduled);
      expect(created.kind === 'created' && created.capability).to.equal('from-gateway');
      await custom.getCall(607, { capability: 'from-gateway' });
      expect(seen.map((headers) => [headers.get('authorization'), headers.get(CAPABILITY_HEADER)])).to.deep.equal([
        ['Bearer t', null],
        ['Bearer t', 'from-gateway'],
      ]);
    });
  });

  describe('a live event stream offered on a read (Ccai-Events)', () => {
    it("hands the read's headers and URL over, and resolves the offer against that URL with the capability in the query", async () => {
      expect(EVENTS_HEADER).to.equal('Ccai-Events');
      worker.use(
        http.get(api('/calls/604'), () =>
          HttpResponse.json({ id: 604, status: 'queued' }, { headers: { 'Ccai-Events': '604/events' } }),
        ),
      );
      let seen: string | undefined;
      const call = await client.getCall(604, {
        capability: 'v1.604.1.sig',
        onHeaders: (headers, url) => void (seen = callEventsUrl(headers, url, 'v1.604.1.sig')),
      });
      expect(call.status).to.equal('queued');
      expect(seen).to.equal(`${origin}/apps/api/v1/calls/604/events?capability=v1.604.1.sig`);
    });

    it('offers nothing when the answer names no stream', () => {
      expect(callEventsUrl(new Headers(), 'https://gw.example/apps/api/v1/calls/1')).to.equal(undefined);
    });

    it('checks a pushed call as a read would', async () => {
      expect((await client.parseCall({ id: 605, status: 'assigned' })).status).to.equal('assigned');
      const error = await rejection(client.parseCall({ id: 'x', status: 'assigned' }));
      expect(error).to.be.instanceOf(CallsApiError);
    });
  });

  describe("the server's time (the `Date` of its answers)", () => {
    const SERVER = Date.parse('2031-03-03T14:00:00Z');
    const withDate = (status: number, body: object | null = {}) =>
      body === null
        ? new HttpResponse(null, { status, headers: { Date: new Date(SERVER).toUTCString() } })
        : HttpResponse.json(body, { status, headers: { Date: new Date(SERVER).toUTCString() } });

    it('is unknown before any answer, and from an answer without Date', async () => {
      const device = createCallsClient({ baseUrl: origin, now: () => SERVER - 3_600_000 });
      expect(device.serverTimeOffsetMs).to.equal(undefined);
      expect(device.serverNow()).to.equal(SERVER - 3_600_000);
      worker.use(http.get(api('/wait_times'), () => HttpResponse.json([])));
      await device.getWaitTimes({ lang: 'en' });
      expect(device.serverTimeOffsetMs).to.equal(undefined);
    });

    it("is learnt from a success and from a refusal alike, against the client's clock", async () => {
      let device = SERVER - 3 * 3_600_000;
      const slow = createCallsClient({ baseUrl: origin, now: () => device });
      worker.use(http.get(api('/wait_times'), () => withDate(200, [])));
      await slow.getWaitTimes({ lang: 'en' });
      expect(slow.serverTimeOffsetMs).to.equal(3 * 3_600_000);
      device += 1000;
      expect(slow.serverNow()).to.equal(SERVER + 1000);

      const fast = createCallsClient({ baseUrl: origin, now: () => SERVER + 3 * 3_600_000 });
      worker.use(http.post(api('/calls'), () => withDate(400, { message: 'scheduled_at must be in the future' })));
      await rejection(fast.createCall(scheduled));
      expect(fast.serverTimeOffsetMs).to.equal(-3 * 3_600_000);
    });

    it('learnServerTime asks with one HEAD, takes any status, and never rejects', async () => {
      const log = recorder();
      const device = createCallsClient({ baseUrl: origin, now: () => SERVER - 60_000 });
      worker.use(
        http.head(api('/calls'), async ({ request }) => {
          await log.record(request);
          return withDate(405, null);
        }),
      );
      expect(await device.learnServerTime()).to.equal(60_000);
      expect(log.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).to.deep.equal([
        'HEAD /apps/api/v1/calls',
      ]);
      worker.use(http.head(api('/calls'), () => HttpResponse.error()));
      expect(await createCallsClient({ baseUrl: origin }).learnServerTime()).to.equal(undefined);
    });
  });
});
