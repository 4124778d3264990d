/**
 * The platform's External session events (Session Data Export) as a webhook:
 * `POST /webhooks/ccai/session-events` with `{count, events[]}` and HTTP Basic credentials the
 * site chose. A session state becomes a status at once, in the shared cache and on every watcher's
 * stream, with no read of the tenant:
 *
 * | event                | status                                                             |
 * |----------------------|--------------------------------------------------------------------|
 * | connected            | `connected` (`connected_at` = the event's time)                    |
 * | routing              | `queued`, unless the call is further along                         |
 * | agent accepted       | `assigned`, unless the call is further along                       |
 * | active               | `connected`                                                        |
 * | disconnected         | `finished` with `ends_at`; `failed` when the call never connected  |
 * | disposition submitted, anything else | acknowledged, no change                            |
 *
 * A status never moves back (a late "routing" after "connected" changes nothing), and a final
 * one is final. Events are taken once per `event_id` (deduplicated in the shared state for a
 * week), so a replayed batch changes nothing. Only calls the gateway knows (booked, read or
 * watched through it) are updated: the others are none of its visitors' business.
 */
import { isTerminalStatus } from '../core/calls.js';
import { HttpError, json, readJsonObject } from './http.js';
import type { SharedState } from './shared.js';
import type { VisitorCall } from './trim.js';

export interface WebhookCredentials {
  user: string;
  password: string;
}

/** Batches are larger than a visitor's request. */
const MAX_BATCH_BYTES = 1024 * 1024;
const DEDUPE_MS = 7 * 86_400_000;
const encoder = new TextEncoder();

type Kind = 'connected' | 'routing' | 'agent_accepted' | 'active' | 'disconnected' | 'other';

/** How far along a status is; a webhook never moves a call back. */
const RANK: Record<string, number> = { queued: 1, assigned: 2, connecting: 2, connected: 3 };
const rankOf = (status: string) => (isTerminalStatus(status) ? 9 : (RANK[status] ?? 0));

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Compares digests of equal length byte by byte without stopping early: the time says nothing. */
async function sameSecret(given: string, expected: Uint8Array): Promise<boolean> {
  const digest = await sha256(given);
  let difference = 0;
  for (let i = 0; i < digest.length; i++) difference |= digest[i]! ^ expected[i]!;
  return difference === 0;
}

function kindOf(event: Record<string, unknown>, nested: Record<string, unknown> | undefined): Kind {
  const names = ['event', 'type', 'event_type', 'state', 'status', 'name'];
  const raw = [event, nested ?? {}]
    .flatMap((source) => names.map((name) => source[name]))
    .find((value): value is string => typeof value === 'string');
  const text = (raw ?? '').toLowerCase().replace(/[^a-z]+/g, '_');
  if (text.includes('disconnect')) return 'disconnected';
  if (text.includes('disposition')) return 'other';
  if (text.includes('accept')) return 'agent_accepted';
  if (text.includes('routing')) return 'routing';
  if (text.includes('active')) return 'active';
  if (text.includes('connect') || text.includes('start')) return 'connected';
  return 'other';
}

/** The first object-valued property that names a call: where the platform nests an event's session. */
function nestedOf(event: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const value of Object.values(event)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'call_id' in value)
      return value as Record<string, unknown>;
  }
  return undefined;
}

const callIdOf = (value: unknown) =>
  (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) ||
  (typeof value === 'string' && /^\d{1,15}$/.test(value))
    ? String(Number(value))
    : undefined;

const isoOf = (value: unknown): string | undefined =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;

/** The call after `kind`, or `undefined` for no change. */
function applied(call: VisitorCall, kind: Kind, at: string, endsAt: string | undefined): VisitorCall | undefined {
  if (isTerminalStatus(call.status)) return undefined;
  const forward = (status: string, extra: Partial<VisitorCall> = {}) =>
    rankOf(status) > rankOf(call.status) ? { ...call, status, ...extra } : undefined;
  switch (kind) {
    case 'connected':
    case 'active':
      return forward('connected', { connected_at: call.connected_at ?? at });
    case 'routing':
      return forward('queued', { queued_at: call.queued_at ?? at });
    case 'agent_accepted':
      return forward('assigned', { assigned_at: call.assigned_at ?? at });
    case 'disconnected': {
      const connected = call.status === 'connected' || !!call.connected_at;
      return { ...call, status: connected ? 'finished' : 'failed', ends_at: endsAt ?? at };
    }
    default:
      return undefined;
  }
}

export interface SessionEvents {
  /** Answers one delivery: 401 for wrong credentials, 400 for a body that is not a batch, else 200. */
  handle(request: Request): Promise<Response>;
}

export function createSessionEvents(credentials: WebhookCredentials, shared: SharedState): SessionEvents {
  const expected = sha256(`Basic ${btoa(`${credentials.user}:${credentials.password}`)}`);

  return {
    async handle(request) {
      if (!(await sameSecret(request.headers.get('Authorization') ?? '', await expected)))
        throw new HttpError(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="ccai-gateway webhook"' });
      const body = await readJsonObject(request, MAX_BATCH_BYTES);
      if (!Array.isArray(body.events)) throw new HttpError(400, 'events must be an array');
      const events = body.events.filter(
        (event): event is Record<string, unknown> =>
          typeof event === 'object' && event !== null && !Array.isArray(event),
      );
      // In the order they happened, whatever order they came in.
      const timeOf = (event: Record<string, unknown>) => (typeof event.timestamp === 'number' ? event.timestamp : 0);
      events.sort((a, b) => timeOf(a) - timeOf(b));
      // One call's events in order; different calls' at once (a batch may move hundreds of calls,
      // each a few Redis round trips, and every watcher waits for its call's turn otherwise).
      const byCall = new Map<
        string,
        { event: Record<string, unknown>; kind: Kind; nested?: Record<string, unknown> }[]
      >();
      for (const event of events) {
        const eventId = event.event_id;
        if ((typeof eventId !== 'string' && typeof eventId !== 'number') || String(eventId).length > 200) continue;
        const nested = nestedOf(event);
        const id = callIdOf(event.call_id ?? nested?.call_id);
        const kind = kindOf(event, nested);
        if (id === undefined || kind === 'other') continue;
        let list = byCall.get(id);
        if (!list) byCall.set(id, (list = []));
        list.push({ event, kind, ...(nested ? { nested } : {}) });
      }
      let applies = 0;
      await Promise.all(
        [...byCall].map(async ([id, list]) => {
          for (const { event, kind, nested } of list) {
            if (!(await shared.firstSeen(`session-event:${String(event.event_id)}`, DEDUPE_MS))) continue;
            const [known] = await shared.calls.since(id, undefined);
            if (!known) continue;
            const happened = timeOf(event) || Date.now();
            const next = applied(
              known.call,
              kind,
              new Date(happened).toISOString(),
              isoOf(event.ends_at ?? nested?.ends_at),
            );
            if (!next) continue;
            // Ordered against the tenant's reads by when it happened; never later than now, so that a
            // sender's clock ahead of ours (or a typo) cannot hold the call's later reads back.
            if ((await shared.calls.put(id, next, Math.min(happened, Date.now()))).stored) applies++;
          }
        }),
      );
      return json(200, { received: body.events.length, applied: applies });
    },
  };
}
