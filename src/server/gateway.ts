/**
 * `createGateway`: the Web-standard handler between the widgets and the tenant. It holds the API
 * token, lets a visitor do only what a visitor may (book on the site's menus; read and cancel the
 * calls they booked, proven by a capability), keeps the tenant within its budget, and coalesces
 * reads. Every path it does not list is 404; every error body is `{"message": …}`.
 */
import type { CustomerFlagsUpdate } from '../core/client.js';
import { CUSTOMER_FLAG_NAMES, KEPT_AFTER_CALL_MS } from '../core/calls.js';
import { offeredLanguage, offeredMenu, parseBooking } from './booking.js';
import { createCapabilitySigner, randomSecret } from './capability.js';
import { createCallFeed } from './call-feed.js';
import { createCoalescingCache } from './coalescing-cache.js';
import { CAPABILITY_HEADER, EVENTS_HEADER } from '../core/client.js';
import { createCors } from './cors.js';
import { HttpError, empty, json, problem, readJsonObject } from './http.js';
import { createVisitorLimits } from './limits.js';
import { logLine } from './log.js';
import { parseDuration, type ConnectionInfo, type Gateway, type GatewayOptions } from './options.js';
import { createSessionEvents } from './session-events.js';
import { createMemoryShared } from './shared.js';
import { trimCall, trimWaitTime } from './trim.js';
import { createTenantClient, upstreamFailure } from './upstream.js';

const NOT_FOUND = 'Resource not found';
const CALL_NOT_FOUND = 'Call not found';
const WAIT_TIMES_FRESH_MS = 30_000;

interface Context {
  request: Request;
  url: URL;
  /** The route's captured id, when it has one. */
  id: string;
  client: string;
  /** The host's adapter writes event streams itself (`ConnectionInfo.directBodies`). */
  direct: boolean;
}

type Handler = (context: Context) => Promise<Response>;

interface Route {
  name: string;
  pattern: RegExp;
  methods: Record<string, Handler>;
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value === ''))
    throw new TypeError(`createGateway: ${what} is required`);
  return value;
}

function positive(value: number | undefined, fallback: number, what: string): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result <= 0)
    throw new TypeError(`createGateway: ${what} must be a positive number, got ${value}`);
  return result;
}

export function createGateway(options: GatewayOptions): Gateway {
  const tenantUrl = new URL(required(options.tenantUrl, 'tenantUrl')).origin;
  const menus = new Set(required(options.menus, 'menus'));
  for (const menu of menus)
    if (!Number.isSafeInteger(menu) || menu <= 0) throw new TypeError(`createGateway: menu ${menu} is not a menu id`);
  const languages = options.languages?.length ? [...options.languages] : ['en'];
  const now = options.now ?? Date.now;
  const ttlMs = parseDuration(options.capabilityTtl ?? '7d');
  if (ttlMs === undefined)
    throw new TypeError(`createGateway: capabilityTtl ${String(options.capabilityTtl)} is not a duration`);
  const timeoutMs = positive(options.upstreamTimeoutMs, 10_000, 'upstreamTimeoutMs');
  const limits = options.limits ?? {};
  const log = options.log === false ? undefined : (options.log ?? ((line: string) => console.log(line)));
  const observer = options.observer;

  const shared = options.shared ?? createMemoryShared({ now });
  const signer = createCapabilitySigner(options.secret || randomSecret(), ttlMs, now);
  const cors = createCors(options.origins ?? []);
  const visitors = createVisitorLimits(
    {
      bookingsPerHour: positive(limits.bookingsPerHour, 5, 'limits.bookingsPerHour'),
      readsPerSecond: positive(limits.readsPerSecond, 20, 'limits.readsPerSecond'),
      bookingsPerNumberPerDay: positive(limits.bookingsPerNumberPerDay, 3, 'limits.bookingsPerNumberPerDay'),
    },
    shared.limiter,
  );
  const budget = shared.upstream({
    // Instances that keep their limits in memory share the tenant's budget in equal parts.
    rps: positive(options.upstreamRps, 10, 'upstreamRps'),
    instances: positive(options.instances, 1, 'instances'),
    queueSize: positive(limits.upstreamQueueSize, 100, 'limits.upstreamQueueSize'),
    // Shorter than the tenant's timeout, so a request that waited too long is told 429 (try later), not 504.
    maxWaitMs: Math.min(5_000, timeoutMs / 2),
    requestMs: timeoutMs,
  });
  const tenant = createTenantClient({
    tenantUrl,
    subdomain: required(options.subdomain, 'subdomain'),
    apiToken: required(options.apiToken, 'apiToken'),
    callReadPath: options.callReadPath ?? '/manager/api/v1/calls/{id}',
    timeoutMs,
    budget,
    observer,
    fetch: options.fetch,
  });
  const calls = shared.calls;
  const readCall = async (id: string) => trimCall(await tenant.getCall(id, { retries: 0 }));
  const feed = createCallFeed({
    calls,
    read: readCall,
    now,
    ...options.feed,
    ...(observer?.streams ? { onStreams: observer.streams } : {}),
  });
  const sessionEvents = options.webhook ? createSessionEvents(options.webhook, shared) : undefined;
  const waitTimes = createCoalescingCache<Record<string, unknown>[]>({
    now,
    freshness: () => WAIT_TIMES_FRESH_MS,
    maxEntries: 1_000,
  });
  const bookingPolicy = {
    menus,
    languages,
    callNow: options.callNow ?? false,
    allowTicketId: options.allowTicketId ?? false,
    horizonMs: positive(options.horizonDays, 30, 'horizonDays') * 86_400_000,
    now,
  };

  /** 404 unless `request` carries a genuine capability for call `id`: nothing to tell ids apart by. */
  async function owned(request: Request, id: string | number): Promise<void> {
    if (!(await signer.verify(request.headers.get(CAPABILITY_HEADER), id))) throw new HttpError(404, CALL_NOT_FOUND);
  }

  function observeQueue(): void {
    observer?.queueDepth?.(budget.waiting);
  }

  const book: Handler = async ({ request, client }) => {
    const booking = parseBooking(await readJsonObject(request), bookingPolicy);
    if (booking.parentCallId !== undefined) await owned(request, booking.parentCallId);
    await visitors.booking(client, booking.number);
    observeQueue();
    const asked = now();
    let result;
    try {
      result = await tenant.createCall(booking.request);
    } catch (error) {
      throw upstreamFailure(error);
    }
    if (result.kind === 'accepted') return json(202, {});
    const call = trimCall(result.call);
    await calls.put(String(call.id), call, asked);
    // Valid at least until a day after the call's time: the booking form keeps a booking that long
    // (its status, Cancel call, Change time), and a call may be booked further ahead than the TTL.
    const scheduledAt = Date.parse(call.scheduled_at ?? '');
    const until = Number.isNaN(scheduledAt) ? 0 : scheduledAt + KEPT_AFTER_CALL_MS;
    return json(201, call, { [CAPABILITY_HEADER]: await signer.issue(call.id, until) });
  };

  const read: Handler = async ({ request, id, client }) => {
    await visitors.read(client);
    await owned(request, id);
    observeQueue();
    try {
      // No visitor's signal: the read may be serving others who joined it.
      const { value, coalesced } = await calls.read(id, () => readCall(id));
      if (coalesced) observer?.coalesced?.();
      // The live stream of this call, relative to this URL: widgets that see it stop polling.
      return json(200, value, { [EVENTS_HEADER]: `${id}/events` });
    } catch (error) {
      throw upstreamFailure(error, { notFound: CALL_NOT_FOUND });
    }
  };

  const cancel: Handler = async ({ request, id, client }) => {
    await visitors.read(client);
    await owned(request, id);
    observeQueue();
    const asked = now();
    try {
      const result = await tenant.cancelScheduledCall(id);
      if (result.kind === 'already-cancelled') return empty(204);
      const call = trimCall(result.call);
      await calls.put(id, call, asked);
      return json(200, call);
    } catch (error) {
      throw upstreamFailure(error, { notFound: CALL_NOT_FOUND });
    }
  };

  const readWaitTimes: Handler = async ({ url, client }) => {
    await visitors.read(client);
    for (const name of url.searchParams.keys()) {
      if (name !== 'lang' && name !== 'menu_id') throw new HttpError(400, `${name.slice(0, 32)} is not accepted`);
    }
    const lang = url.searchParams.get('lang');
    if (!lang) throw new HttpError(400, 'lang is required');
    offeredLanguage(lang, languages);
    const menuText = url.searchParams.get('menu_id');
    if (menuText === null) throw new HttpError(400, 'menu_id is required');
    const menuId = offeredMenu(menuText, menus);
    observeQueue();
    try {
      const { value, coalesced } = await waitTimes.get(`${lang}|${menuId}`, async () => {
        const entries = await tenant.getWaitTimes({ lang, menuId });
        return entries.filter((entry) => entry.menu_id === menuId).map(trimWaitTime);
      });
      if (coalesced) observer?.coalesced?.();
      return json(200, value);
    } catch (error) {
      throw upstreamFailure(error);
    }
  };

  /** Agents only: the host's own login decides, and without it the routes do not exist. */
  const flags =
    (write: boolean): Handler =>
    async ({ request, id }) => {
      // A login check that fails is no login: the route stays as absent as without one.
      const agent = await Promise.resolve()
        .then(() => options.authorize?.(request))
        .catch(() => undefined);
      if (!agent) throw new HttpError(404, NOT_FOUND);
      let update: CustomerFlagsUpdate = {};
      if (write) {
        const body = await readJsonObject(request);
        const unknown = Object.keys(body).find((key) => !(CUSTOMER_FLAG_NAMES as readonly string[]).includes(key));
        if (unknown !== undefined) throw new HttpError(400, `${unknown.slice(0, 32)} is not a customer flag`);
        for (const name of CUSTOMER_FLAG_NAMES) {
          if (name in body && typeof body[name] !== 'boolean')
            throw new HttpError(400, `${name} must be true or false`);
        }
        update = body as CustomerFlagsUpdate;
        if (Object.keys(update).length === 0) throw new HttpError(400, 'Missing parameters');
      }
      observeQueue();
      try {
        const value = write ? await tenant.updateCustomerFlags(id, update) : await tenant.getCustomerFlags(id);
        return json(200, value);
      } catch (error) {
        throw upstreamFailure(error, { notFound: CALL_NOT_FOUND });
      }
    };

  /**
   * Live push. `EventSource` cannot send headers, so the capability may come as `?capability=`
   * (the request log redacts it). Opening a stream counts as one read of the visitor's.
   */
  const events: Handler = async ({ request, url, id, client, direct }) => {
    await visitors.read(client);
    const capability = request.headers.get(CAPABILITY_HEADER) ?? url.searchParams.get('capability');
    if (!(await signer.verify(capability, id))) throw new HttpError(404, CALL_NOT_FOUND);
    const lastEventId = request.headers.get('Last-Event-ID');
    return feed.open(id, lastEventId && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : undefined, direct);
  };

  const sessionEventsRoute: Handler = async ({ request }) => sessionEvents!.handle(request);

  // Degraded: the shared store is away and this instance runs on its own share; it still serves.
  const healthz: Handler = async () =>
    json(200, { status: draining ? 'draining' : shared.degraded ? 'degraded' : 'ok' });

  const routes: Route[] = [
    { name: 'healthz', pattern: /^\/healthz$/, methods: { GET: healthz } },
    { name: 'book', pattern: /^\/apps\/api\/v1\/calls$/, methods: { POST: book } },
    { name: 'read', pattern: /^\/apps\/api\/v1\/calls\/(\d{1,15})$/, methods: { GET: read } },
    { name: 'events', pattern: /^\/apps\/api\/v1\/calls\/(\d{1,15})\/events$/, methods: { GET: events } },
    ...(sessionEvents
      ? [
          {
            name: 'session_events',
            pattern: /^\/webhooks\/ccai\/session-events$/,
            methods: { POST: sessionEventsRoute },
          },
        ]
      : []),
    { name: 'cancel', pattern: /^\/apps\/api\/v1\/calls\/scheduled\/(\d{1,15})\/cancel$/, methods: { PATCH: cancel } },
    { name: 'wait_times', pattern: /^\/apps\/api\/v1\/wait_times$/, methods: { GET: readWaitTimes } },
    ...(options.authorize
      ? [
          {
            name: 'customer_flag',
            pattern: /^\/apps\/api\/v1\/calls\/(\d{1,15})\/customer_flag$/,
            methods: { GET: flags(false), PATCH: flags(true) },
          },
        ]
      : []),
  ];

  function clientAddress(request: Request, info: ConnectionInfo | undefined): string {
    if (options.trustProxy) {
      // The entry the (one) trusted proxy appended; those before it are the caller's to invent.
      const forwarded = request.headers.get('X-Forwarded-For')?.split(',').pop()?.trim();
      if (forwarded) return forwarded.slice(0, 64);
    }
    return info?.clientAddress ?? 'unknown';
  }

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;

  async function answer(
    request: Request,
    url: URL,
    client: string,
    direct: boolean,
  ): Promise<{ response: Response; route: string }> {
    const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
    if (!route) return { response: problem(404, NOT_FOUND), route: 'none' };
    let corsHeaders: Record<string, string> = {};
    try {
      if (request.method === 'OPTIONS') {
        return { response: empty(204, cors.preflight(request, url, Object.keys(route.methods))), route: route.name };
      }
      corsHeaders = cors.check(request, url);
      const handler = Object.hasOwn(route.methods, request.method) ? route.methods[request.method] : undefined;
      if (!handler) throw new HttpError(405, 'Method not allowed', { Allow: Object.keys(route.methods).join(', ') });
      if (draining && route.name !== 'healthz')
        throw new HttpError(503, 'The gateway is shutting down', { 'Retry-After': '1' });
      const id = route.pattern.exec(url.pathname)?.[1] ?? '';
      const response = await handler({ request, url, id, client, direct });
      for (const [name, value] of Object.entries(corsHeaders)) response.headers.set(name, value);
      return { response, route: route.name };
    } catch (error) {
      if (error instanceof HttpError)
        return {
          response: problem(error.status, error.message, { ...error.headers, ...corsHeaders }),
          route: route.name,
        };
      throw error;
    }
  }

  const gateway = async (request: Request, info?: ConnectionInfo): Promise<Response> => {
    const started = now();
    inFlight++;
    let url: URL | undefined;
    let route = 'none';
    let response: Response;
    let failure: string | undefined;
    try {
      url = new URL(request.url);
      ({ response, route } = await answer(request, url, clientAddress(request, info), info?.directBodies === true));
    } catch (error) {
      // A fault of ours, never the visitor's input: logged without the request's contents.
      failure = error instanceof Error ? error.name : 'Error';
      response = problem(500, 'Internal error');
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
    const durationMs = now() - started;
    observer?.request?.({ route, method: request.method, status: response.status, durationMs });
    log?.(
      logLine(
        {
          method: request.method,
          route,
          path: url ? (url.pathname + url.search).slice(0, 512) : '',
          status: response.status,
          durationMs,
          client: clientAddress(request, info),
          ...(failure ? { error: failure } : {}),
        },
        now(),
      ),
    );
    return response;
  };

  return Object.defineProperties(gateway, {
    inFlight: { get: () => inFlight },
    drain: {
      value: () => {
        draining = true;
        // Streams never end by themselves: their clients reconnect, to an instance that is not stopping.
        feed.closeAll();
        if (inFlight === 0) return Promise.resolve();
        return new Promise<void>((resolve) => {
          drained = resolve;
        });
      },
    },
  }) as Gateway;
}
