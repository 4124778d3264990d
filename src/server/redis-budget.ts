/** The tenant's budget shared in Redis: part of `redis-shared.ts`, apart for its length. */
import type { Redis } from 'ioredis';
import { BudgetExceeded, type UpstreamBudget } from './limits.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes a turn to send a request to the tenant, by Redis's clock (one clock for every instance).
 * KEYS: the turns (a sorted set: token → when its request ended, or the latest it can end while
 * it is in flight), the pause. ARGV: rps, the window (ms), the longest a request lasts, the token.
 * Answers 0 when the turn is taken, minus the ms left while the tenant is paused, else the ms
 * until the oldest turn stops counting.
 */
const TAKE_SCRIPT = `
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return -paused end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rps = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < rps then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/** The request of turn ARGV[1] ended now (by Redis's clock): it counts for one window more. */
const SETTLE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0
`;

/** Pauses every instance for ARGV[1] ms, unless a longer pause holds already. */
const PAUSE_SCRIPT = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0
`;

type Scripted = Redis & {
  ccaiTake(
    turns: string,
    pause: string,
    rps: number,
    windowMs: number,
    requestMs: number,
    token: string,
  ): Promise<number>;
  ccaiSettle(turns: string, token: string): Promise<number>;
  ccaiPause(pause: string, ms: number): Promise<number>;
};

/** The window the tenant counts in: at most `rps` requests in every [t, t + 1 s). */
const WINDOW_MS = 1000;

/**
 * The tenant's budget over every instance. The requirement is the tenant's: at most `rps` requests
 * arriving in any window of one second, [t, t + 1 s), wherever t falls. A request arrives at the
 * tenant after its turn was taken and before its answer comes back, but where in between depends on
 * how long each process waits for a CPU, which on a busy machine is anything. So a request counts
 * from its turn until one second *after its answer* (or, while it is in flight, until the latest it
 * can end: its timeout), and a turn is given only while fewer than `rps` requests count. Then no
 * `rps + 1` requests can arrive within one second, however late each is sent: for the last of
 * them to get its turn, the first must have been answered a second before, so it arrived more than
 * a second before the last did. Fixed windows (rate-limiter-flexible's Redis limiters count whole
 * seconds) let twice `rps` through around their edge, and spacing turns evenly still lets the
 * requests bunch on their way. At a tenant answering in 50 ms this allows about `rps` requests per
 * 1.05 s; answers measured by Redis's clock, in one script, so instances need not agree on the time.
 *
 * A 429 from the tenant pauses every instance for its `Retry-After` (a key with that expiry, checked
 * by the same script), not only the one that received it. Waiters queue here first-in first-out;
 * only the first one asks Redis. Redis away: the instance's own budget at `rps / instances`.
 */
export function createRedisBudget(
  redis: Redis,
  keyPrefix: string,
  { rps, queueSize, maxWaitMs, requestMs }: { rps: number; queueSize: number; maxWaitMs: number; requestMs: number },
  fallback: UpstreamBudget,
  available: () => boolean,
): UpstreamBudget {
  // A whole number of requests: at 10/s over 3 instances in memory, each is allowed 3.33, in Redis 10.
  const allowed = Math.max(1, Math.floor(rps));
  // The in-flight bound outlasts the request's own timeout by a margin for the answer's way back.
  const holdMs = Math.ceil(requestMs) + 1000;
  const client = redis as Scripted;
  client.defineCommand('ccaiTake', { numberOfKeys: 2, lua: TAKE_SCRIPT });
  client.defineCommand('ccaiSettle', { numberOfKeys: 1, lua: SETTLE_SCRIPT });
  client.defineCommand('ccaiPause', { numberOfKeys: 1, lua: PAUSE_SCRIPT });
  const turnsKey = `${keyPrefix}:turns`;
  const pauseKey = `${keyPrefix}:pause`;
  const tokenPrefix = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}.`;
  let nextToken = 0;
  /** What a turn's taker calls once its request is answered: from then on it counts for one window more. */
  const settleOf = (token: string) => () => void client.ccaiSettle(turnsKey, token).catch(() => undefined);
  interface Waiter {
    resolve(settle: () => void): void;
    reject(error: unknown): void;
    signal: AbortSignal | undefined;
    done: boolean;
  }
  const queue: Waiter[] = [];
  let pumping = false;
  /** The latest pause this instance knows of (its own 429s, and the others' as the script reports them). */
  let pausedUntil = 0;

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const head = queue[0]!;
        if (head.done) {
          queue.shift();
          continue;
        }
        const token = tokenPrefix + nextToken++;
        let wait: number;
        try {
          wait = await client.ccaiTake(turnsKey, pauseKey, allowed, WINDOW_MS, holdMs, token);
        } catch {
          // Unanswered in time on a connection still up: the turn may have been taken or not, so
          // ask again (at worst one turn is wasted); a request sent on this instance's own share
          // meanwhile would be one the others do not count.
          if (available()) {
            await sleep(50);
            continue;
          }
          // Redis went away while this one waited: its turn comes from this instance's share.
          queue.shift();
          fallback.take(head.signal).then(head.resolve, head.reject);
          continue;
        }
        if (wait < 0) {
          // Paused (by any instance's 429): newcomers that cannot outlast it are told at once.
          pausedUntil = Math.max(pausedUntil, Date.now() - wait);
          await sleep(Math.min(-wait, 100));
          continue;
        }
        if (wait === 0) {
          queue.shift();
          // Taken by a waiter that gave up meanwhile: the turn ends unused.
          if (head.done) settleOf(token)();
          else head.resolve(settleOf(token));
          continue;
        }
        // Answers that come back end turns early: ask again soon rather than at the bound.
        await sleep(Math.min(wait, 50));
      }
    } finally {
      pumping = false;
    }
  }

  return {
    get waiting() {
      return queue.length + fallback.waiting;
    },
    take(signal) {
      if (!available()) return fallback.take(signal);
      const pausedFor = pausedUntil - Date.now();
      if (pausedFor > maxWaitMs) return Promise.reject(new BudgetExceeded(pausedFor));
      if (queue.length >= queueSize) return Promise.reject(new BudgetExceeded(Math.ceil((1000 * queueSize) / allowed)));
      return new Promise<() => void>((resolve, reject) => {
        const settle = (outcome: () => void) => {
          if (waiter.done) return;
          waiter.done = true;
          clearTimeout(timer);
          outcome();
        };
        const waiter: Waiter = {
          resolve: (settled) => settle(() => resolve(settled)),
          reject: (error) => settle(() => reject(error)),
          signal,
          done: false,
        };
        const timer = setTimeout(() => waiter.reject(new BudgetExceeded(1000)), maxWaitMs);
        signal?.addEventListener('abort', () => waiter.reject(signal.reason), { once: true });
        queue.push(waiter);
        void pump();
      });
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      fallback.pause(ms);
      // Every instance holds back, not only this one (Redis away: the others learn it from the tenant).
      if (available()) void client.ccaiPause(pauseKey, Math.ceil(ms)).catch(() => undefined);
    },
  };
}
