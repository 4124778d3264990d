/**
 * One upstream read serves every visitor and tab that asks for a call within its freshness window:
 * answers are cached for a time that follows the status, and reads already in flight are joined
 * (single flight). Capabilities are checked before the cache is asked, so it never answers anyone
 * who could not have read the call anyway. Failures are not cached: the next reader tries again.
 */
import { isTerminalStatus } from '../core/calls.js';
import type { VisitorCall } from './trim.js';

/**
 * How long an answer stays fresh, by what the call is doing: a live call a few seconds, a
 * scheduled one longer the further away its time is, a finished one for good.
 */
export function callFreshnessMs(call: VisitorCall, now: number): number {
  if (isTerminalStatus(call.status)) return Number.POSITIVE_INFINITY;
  if (call.status === 'scheduled' && call.scheduled_at) {
    const until = Date.parse(call.scheduled_at) - now;
    // Never past the time itself (then it starts to move), and never under a live call's 3 s.
    if (until > 60 * 60_000) return 5 * 60_000;
    if (until > 10 * 60_000) return Math.min(60_000, until);
    if (until > 0) return Math.max(3_000, Math.min(15_000, until));
  }
  return 3_000;
}

interface Entry<T> {
  value: T;
  freshUntil: number;
}

export interface CoalescingCache<T> {
  /** The value, fresh from the cache, joined to a read in flight, or read now with `read`. */
  get(key: string, read: () => Promise<T>): Promise<{ value: T; coalesced: boolean }>;
  /** A newer value learnt otherwise (a cancel's answer). */
  put(key: string, value: T): void;
  readonly size: number;
}

export interface CoalescingCacheOptions<T> {
  now: () => number;
  /** How long `value` stays fresh, in ms (`Infinity`: until evicted). */
  freshness: (value: T, now: number) => number;
  /** Least recently used entries go beyond this many. */
  maxEntries?: number;
}

export function createCoalescingCache<T>({
  now,
  freshness,
  maxEntries = 10_000,
}: CoalescingCacheOptions<T>): CoalescingCache<T> {
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const entries = new Map<string, Entry<T>>();
  const inFlight = new Map<string, Promise<T>>();

  function put(key: string, value: T): void {
    entries.delete(key);
    entries.set(key, { value, freshUntil: now() + freshness(value, now()) });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  return {
    get size() {
      return entries.size;
    },
    put,
    async get(key, read) {
      const entry = entries.get(key);
      if (entry && entry.freshUntil > now()) {
        entries.delete(key);
        entries.set(key, entry);
        return { value: entry.value, coalesced: true };
      }
      const pending = inFlight.get(key);
      if (pending) return { value: await pending, coalesced: true };
      const reading = read().then((value) => {
        put(key, value);
        return value;
      });
      inFlight.set(key, reading);
      try {
        return { value: await reading, coalesced: false };
      } finally {
        inFlight.delete(key);
      }
    },
  };
}
