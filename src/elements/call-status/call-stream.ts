/**
 * A gateway's live event stream of a call (Server-Sent Events through `EventSource`), shared by
 * every `<ccai-call-status>` of the page that shows that call through that URL.
 *
 * Why shared and capped: a browser talking HTTP/1.1 has six connections per host for everything,
 * fetches included, and each open stream holds one. So one `EventSource` per URL, and at most
 * `MAX_STREAMS` at once on a page; elements beyond them poll as before.
 *
 * `EventSource` reconnects by itself (with `Last-Event-ID`) when a stream ends, e.g. when the
 * instance behind it stops; only a refusal (a status other than 200, which closes it for good) or
 * `FAILED_CONNECTS` failed attempts in a row make its elements fall back to polling, whose backoff,
 * `Retry-After` and notice then apply.
 */

export interface StreamListener {
  /** The data of one `status` event, parsed but unchecked. */
  status(data: unknown): void;
  /** The stream cannot be used: poll instead. */
  failed(): void;
}

/** Streams a page keeps open at once. */
export const MAX_STREAMS = 4;
const FAILED_CONNECTS = 3;

interface Shared {
  source: EventSource;
  listeners: Set<StreamListener>;
  /** The latest state, handed to an element that joins. */
  last: unknown;
  failures: number;
}

const streams = new Map<string, Shared>();

function end(url: string, shared: Shared): void {
  shared.source.close();
  if (streams.get(url) === shared) streams.delete(url);
  for (const listener of [...shared.listeners]) listener.failed();
  shared.listeners.clear();
}

function open(url: string): Shared {
  const shared: Shared = { source: new EventSource(url), listeners: new Set(), last: undefined, failures: 0 };
  shared.source.addEventListener('open', () => (shared.failures = 0));
  shared.source.addEventListener('status', (event) => {
    let data: unknown;
    try {
      data = JSON.parse((event as MessageEvent<string>).data);
    } catch {
      return;
    }
    shared.last = data;
    for (const listener of [...shared.listeners]) listener.status(data);
  });
  shared.source.addEventListener('error', () => {
    if (shared.source.readyState === EventSource.CLOSED || ++shared.failures >= FAILED_CONNECTS) end(url, shared);
  });
  return shared;
}

/**
 * Listens to the stream at `url`. Returns the way to stop listening (the stream closes when
 * nobody listens), or `undefined` when the page has no room for another stream (or no `EventSource`).
 */
export function listen(url: string, listener: StreamListener): (() => void) | undefined {
  let shared = streams.get(url);
  if (!shared) {
    if (typeof EventSource === 'undefined' || streams.size >= MAX_STREAMS) return undefined;
    streams.set(url, (shared = open(url)));
  }
  const joined = shared;
  joined.listeners.add(listener);
  if (joined.last !== undefined) {
    const last = joined.last;
    queueMicrotask(() => {
      if (joined.listeners.has(listener)) listener.status(last);
    });
  }
  return () => {
    joined.listeners.delete(listener);
    if (joined.listeners.size > 0) return;
    joined.source.close();
    if (streams.get(url) === joined) streams.delete(url);
  };
}
