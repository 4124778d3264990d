/**
 * The state instances of the gateway may share: limits, the per-call cache with its change feed,
 * the lease that says which instance reads a watched call, and the webhook's dedupe. This module
 * defines it and keeps it in memory (one instance, or any runtime without Redis); the Redis
 * version lives in `redis-shared.ts`, Node-only, and is handed to `createGateway` as `shared`, so
 * the handler's module graph never holds a Redis client (it must still bundle for Workers).
 */
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import { isTerminalStatus } from '../core/calls.js';
import { callFreshnessMs } from './coalescing-cache.js';
import { createUpstreamBudget, type UpstreamBudget } from './limits.js';
import type { VisitorCall } from './trim.js';

/** One state of a call as watchers see it: `id` grows by one with every change (the SSE event id). */
export interface CallEvent {
  id: number;
  call: VisitorCall;
}

/**
 * Which of two states of a call wins, whatever order they arrive in. Each state carries the time
 * (ms) it is true as of: a read of the tenant the time it *started* (what it answers may be that
 * old), a webhook event its own `timestamp`, a cancel's or a booking's answer the time it was
 * asked. A state older than the one stored is dropped (a read that started before a session event
 * and finished after it cannot undo it), and a final status is never replaced by one that is not.
 * Equal times: the newer arrival wins.
 */
export function supersedes(
  stored: { version: number; final: boolean } | undefined,
  next: { version: number; final: boolean },
): boolean {
  if (!stored) return true;
  if (stored.final && !next.final) return false;
  return next.version >= stored.version;
}

export interface CallStore {
  /**
   * The call fresh from the store, joined to a read in flight (on any instance), or read now with
   * `read`. What it answers is the store's state after the read: a newer one learnt meanwhile wins.
   */
  read(id: string, read: () => Promise<VisitorCall>): Promise<{ value: VisitorCall; coalesced: boolean }>;
  /**
   * A value learnt otherwise (a cancel's answer, a webhook event), true as of `version` (ms, see
   * {@link supersedes}): stored and published if it is newer and differs. Resolves with the
   * store's state after it, and whether this value was taken.
   */
  put(id: string, call: VisitorCall, version: number): Promise<{ call: VisitorCall; stored: boolean }>;
  /** The states after `lastEventId`, oldest first; the latest alone when the history no longer reaches back. */
  since(id: string, lastEventId: number | undefined): Promise<CallEvent[]>;
  /** Every change of call `id` from now on, whichever instance learnt it. Returns the unsubscribe. */
  subscribe(id: string, listener: (event: CallEvent) => void): () => void;
  /** Takes or renews the lease to read call `id` for `ttlMs`; false while another instance holds it. */
  lease(id: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up (nobody here watches the call any more). */
  release(id: string): Promise<void>;
}

/** A rate-limiter-flexible limiter, as the gateway uses one. */
export interface KeyedLimiter {
  /** Resolves when a point was left; rejects with a `RateLimiterRes` (`msBeforeNext`) when not. */
  consume(key: string): Promise<unknown>;
}

export interface SharedState {
  calls: CallStore;
  /** `points` per `durationSeconds` per key, for one purpose (`prefix`). */
  limiter(prefix: string, points: number, durationSeconds: number): KeyedLimiter;
  /**
   * The tenant's budget: `rps` over every instance sharing this state. Instances that cannot share
   * it (memory, or Redis away) each take `rps / instances`.
   */
  upstream(options: {
    rps: number;
    instances: number;
    queueSize: number;
    maxWaitMs: number;
    /** The longest a request to the tenant may take (its timeout): the longest one may count as in flight. */
    requestMs: number;
  }): UpstreamBudget;
  /** True the first time `key` is seen within `ttlMs` (webhook event ids). */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
  /** The shared store cannot be reached: each instance is on its own (and says so on /healthz). */
  readonly degraded: boolean;
  close(): Promise<void>;
}

/** States kept per call for `Last-Event-ID` resumes: far more than a call goes through. */
export const HISTORY_LENGTH = 32;

interface Entry {
  event: CallEvent;
  json: string;
  /** When the value was last read or told (ms). */
  at: number;
  /** The time the value is true as of (see {@link supersedes}). */
  version: number;
  history: CallEvent[];
}

/**
 * The calls of one instance, in memory: the cache and single flight the gateway always had, plus
 * the change feed. Leases are always this instance's. Least recently used entries go past
 * `maxEntries`, except those someone is subscribed to.
 */
export function createMemoryCallStore({
  now = Date.now,
  maxEntries = 10_000,
}: { now?: () => number; maxEntries?: number } = {}): CallStore {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<VisitorCall>>();
  const listeners = new Map<string, Set<(event: CallEvent) => void>>();

  function store(id: string, call: VisitorCall, version: number): { call: VisitorCall; stored: boolean } {
    const entry = entries.get(id);
    const final = isTerminalStatus(call.status);
    if (
      entry &&
      !supersedes({ version: entry.version, final: isTerminalStatus(entry.event.call.status) }, { version, final })
    )
      return { call: entry.event.call, stored: false };
    const json = JSON.stringify(call);
    entries.delete(id);
    if (entry && entry.json === json) {
      entries.set(id, { ...entry, at: now(), version });
      return { call: entry.event.call, stored: true };
    }
    const event = { id: (entry?.event.id ?? 0) + 1, call };
    const history = [...(entry?.history ?? []), event].slice(-HISTORY_LENGTH);
    entries.set(id, { event, json, at: now(), version, history });
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries) break;
      if (!listeners.has(key)) entries.delete(key);
    }
    for (const listener of [...(listeners.get(id) ?? [])]) listener(event);
    return { call, stored: true };
  }

  return {
    async read(id, read) {
      const entry = entries.get(id);
      if (entry && entry.at + callFreshnessMs(entry.event.call, now()) > now()) {
        entries.delete(id);
        entries.set(id, entry);
        return { value: entry.event.call, coalesced: true };
      }
      const pending = inFlight.get(id);
      if (pending) return { value: await pending, coalesced: true };
      const version = now();
      const reading = read().then((value) => store(id, value, version).call);
      inFlight.set(id, reading);
      try {
        return { value: await reading, coalesced: false };
      } finally {
        inFlight.delete(id);
      }
    },
    async put(id, call, version) {
      return store(id, call, version);
    },
    async since(id, lastEventId) {
      const entry = entries.get(id);
      if (!entry) return [];
      if (lastEventId === undefined) return [entry.event];
      const newer = entry.history.filter((event) => event.id > lastEventId);
      // A resume from before the kept history (or from another store's numbering): the latest state.
      const reaches = entry.history[0] !== undefined && entry.history[0].id <= lastEventId + 1;
      return reaches && lastEventId <= entry.event.id ? newer : [entry.event];
    },
    subscribe(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(id) === set) listeners.delete(id);
      };
    },
    async lease() {
      return true;
    },
    async release() {},
  };
}

/** Everything in this instance's memory: what the gateway does without `--redis`. */
export function createMemoryShared({ now = Date.now }: { now?: () => number } = {}): SharedState {
  const seen = new Map<string, number>();
  return {
    calls: createMemoryCallStore({ now }),
    limiter: (prefix, points, duration) => new RateLimiterMemory({ keyPrefix: prefix, points, duration }),
    upstream: ({ rps, instances, queueSize, maxWaitMs }) =>
      createUpstreamBudget({ rps: rps / instances, queueSize, maxWaitMs }),
    async firstSeen(key, ttlMs) {
      const time = now();
      // Expired keys go as new ones come: the map holds at most one TTL's worth of keys.
      for (const [old, until] of seen) {
        if (until > time) break;
        seen.delete(old);
      }
      if ((seen.get(key) ?? 0) > time) return false;
      seen.delete(key);
      seen.set(key, time + ttlMs);
      return true;
    },
    degraded: false,
    async close() {},
  };
}
