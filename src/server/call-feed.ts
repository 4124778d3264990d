/**
 * Live status over Server-Sent Events, written on the platform's own streams (`ReadableStream`,
 * no library: the protocol is a few lines of text, and the handler must stay runtime-neutral).
 *
 * For each call watched here, this instance tries to take the call's lease (see `CallStore`); the
 * holder reads the tenant (every 5 s while the call moves, less often while its scheduled time is
 * far, never once it is final) and the store publishes each change to the watchers of every
 * instance. So the tenant's load follows the calls watched, not the visitors watching them. A
 * holder that dies stops renewing; its lease expires within `leaseMs` and another instance with
 * watchers takes it over at its next tick.
 *
 * Each change is one event `status` whose data is the trimmed call and whose id grows per change,
 * so `Last-Event-ID` resumes from the store's history without a gap. A comment line every
 * `heartbeatMs` keeps proxies from cutting a quiet stream.
 */
import { isTerminalStatus } from '../core/calls.js';
import { CallsApiError } from '../core/errors.js';
import { directBodies, type DirectSink } from './direct-body.js';
import type { CallEvent, CallStore } from './shared.js';
import type { VisitorCall } from './trim.js';

export interface CallFeedOptions {
  calls: CallStore;
  /** One read of the call at the tenant (through its budget), trimmed. */
  read(id: string): Promise<VisitorCall>;
  now: () => number;
  /** Default 15 s. */
  heartbeatMs?: number;
  /** How long a lease lasts without renewal: the longest a dead holder's calls go unread (default 9 s). */
  leaseMs?: number;
  /** How often a watched call's lease is renewed or tried (default 3 s). */
  tickMs?: number;
  /** Open streams changed. */
  onStreams?(count: number): void;
}

export interface CallFeed {
  /**
   * The event stream of call `id` (its capability already checked), resuming after `lastEventId`;
   * `direct`: written by the host's adapter (see `direct-body.ts`), else a `ReadableStream` body.
   */
  open(id: string, lastEventId: number | undefined, direct?: boolean): Response;
  /** Ends every stream (shutting down): their clients reconnect, to another instance. */
  closeAll(): void;
  readonly streams: number;
}

const LIVE_MS = 5_000;
const FAR_MAX_MS = 5 * 60_000;
const ERROR_BACKOFF_MS = [5_000, 10_000, 30_000, 60_000];
/** Unread chunks a stream may hold before its client is taken to be gone. */
const MAX_BACKLOG = 64;

/** What `EventSource` waits before reconnecting after the stream ends. */
const RETRY_MS = 2_000;

/** How long until the holder reads the call again: 5 s while it moves, a quarter of the wait while it is scheduled. */
export function feedIntervalMs(call: VisitorCall, now: number): number {
  if (isTerminalStatus(call.status)) return Number.POSITIVE_INFINITY;
  if (call.status === 'scheduled' && call.scheduled_at) {
    const until = Date.parse(call.scheduled_at) - now;
    if (until > 0) return Math.min(FAR_MAX_MS, Math.max(LIVE_MS, until / 4));
  }
  return LIVE_MS;
}

interface Stream {
  send(chunk: Uint8Array): void;
  close(): void;
  /** The call as last sent: a state already sent (from pub/sub and the history both) is not sent again. */
  lastSent: string | undefined;
}

interface Watched {
  streams: Set<Stream>;
  unsubscribe: () => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  nextReadAt: number;
  errors: number;
  final: boolean;
  stopped: boolean;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': keep-alive\n\n');
const RETRY = encoder.encode(`retry: ${RETRY_MS}\n\n`);

/**
 * Each event is serialised once, however many streams it goes to: the fan-out to thousands of
 * watchers writes one shared chunk, and each stream keeps a reference to one shared string.
 */
const encoded = new WeakMap<CallEvent, { json: string; chunk: Uint8Array }>();
function encode(event: CallEvent): { json: string; chunk: Uint8Array } {
  let result = encoded.get(event);
  if (!result) {
    const json = JSON.stringify(event.call);
    result = { json, chunk: encoder.encode(`event: status\nid: ${event.id}\ndata: ${json}\n\n`) };
    encoded.set(event, result);
  }
  return result;
}

export function createCallFeed({
  calls,
  read,
  now,
  heartbeatMs = 15_000,
  leaseMs = 9_000,
  tickMs = 3_000,
  onStreams,
}: CallFeedOptions): CallFeed {
  const watched = new Map<string, Watched>();
  const all = new Set<Stream>();
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  function counted(): void {
    onStreams?.(all.size);
    if (all.size > 0 && heartbeat === undefined) {
      // One timer for every stream, not one each: memory per stream stays small.
      heartbeat = setInterval(() => {
        for (const stream of all) stream.send(HEARTBEAT);
      }, heartbeatMs);
      (heartbeat as { unref?: () => void }).unref?.();
    } else if (all.size === 0 && heartbeat !== undefined) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  function deliver(stream: Stream, event: CallEvent): void {
    const { json, chunk } = encode(event);
    if (json === stream.lastSent) return;
    stream.lastSent = json;
    stream.send(chunk);
  }

  function watch(id: string): Watched {
    let entry = watched.get(id);
    if (entry) return entry;
    const created: Watched = {
      streams: new Set(),
      unsubscribe: () => undefined,
      timer: undefined,
      nextReadAt: 0,
      errors: 0,
      final: false,
      stopped: false,
    };
    created.unsubscribe = calls.subscribe(id, (event) => {
      if (isTerminalStatus(event.call.status)) created.final = true;
      for (const stream of created.streams) deliver(stream, event);
    });
    watched.set(id, created);
    entry = created;
    void tick(id, created);
    return entry;
  }

  async function tick(id: string, entry: Watched): Promise<void> {
    entry.timer = undefined;
    if (entry.stopped || entry.final) return void calls.release(id);
    let holder = false;
    try {
      holder = await calls.lease(id, leaseMs);
      if (holder && now() >= entry.nextReadAt) {
        const { value } = await calls.read(id, () => read(id));
        entry.errors = 0;
        entry.nextReadAt = now() + feedIntervalMs(value, now());
        if (isTerminalStatus(value.status)) entry.final = true;
      }
    } catch (error) {
      // An unknown call stays unknown; anything else is tried again, less and less often.
      if (error instanceof CallsApiError && error.status === 404) entry.final = true;
      entry.nextReadAt = now() + ERROR_BACKOFF_MS[Math.min(entry.errors++, ERROR_BACKOFF_MS.length - 1)]!;
    }
    if (entry.stopped || entry.final) return void calls.release(id);
    const wait = holder ? Math.min(tickMs, Math.max(0, entry.nextReadAt - now())) : tickMs;
    entry.timer = setTimeout(() => void tick(id, entry), wait);
  }

  function leave(id: string, stream: Stream): void {
    all.delete(stream);
    counted();
    const entry = watched.get(id);
    if (!entry || !entry.streams.delete(stream) || entry.streams.size > 0) return;
    entry.stopped = true;
    clearTimeout(entry.timer);
    entry.unsubscribe();
    watched.delete(id);
    void calls.release(id);
  }

  /** One watcher on `sink`: counted, fed the call's changes, sent what it missed. */
  function start(id: string, lastEventId: number | undefined, sink: DirectSink): Stream {
    let open = true;
    const stream: Stream = {
      lastSent: undefined,
      send(chunk) {
        if (open && !sink.write(chunk)) stream.close();
      },
      close() {
        if (!open) return;
        open = false;
        leave(id, stream);
        sink.end();
      },
    };
    all.add(stream);
    counted();
    watch(id).streams.add(stream);
    stream.send(RETRY);
    // Subscribed before asking the history: a change in between arrives both ways and is sent once.
    void calls.since(id, lastEventId).then(
      (events) => {
        for (const event of events) deliver(stream, event);
      },
      () => undefined,
    );
    return stream;
  }

  return {
    get streams() {
      return all.size;
    },
    open(id, lastEventId, direct = false) {
      const headers = {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        // nginx and some proxies buffer answers unless told not to.
        'X-Accel-Buffering': 'no',
      };
      if (direct) {
        // Nothing starts until the adapter attaches: a client gone before the head leaves nothing behind.
        const response = new Response(null, { status: 200, headers });
        directBodies.set(response, (sink) => start(id, lastEventId, sink).close);
        return response;
      }
      let stream!: Stream;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          stream = start(id, lastEventId, {
            // A client that stopped reading (its socket stalled) is let go rather than buffered for.
            write: (chunk) => (controller.desiredSize ?? 0) >= -MAX_BACKLOG && (controller.enqueue(chunk), true),
            end: () => controller.close(),
          });
        },
        cancel() {
          stream.close();
        },
      });
      return new Response(body, { status: 200, headers });
    },
    closeAll() {
      for (const stream of [...all]) stream.close();
    },
  };
}
