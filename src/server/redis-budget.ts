/** The tenant's budget shared in Redis: part of `redis-shared.ts`, apart for its length. */
import type { Redis } from 'ioredis';
import { BudgetExceeded, type UpstreamBudget } from './limits.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the next turn to send a request to the tenant, by Redis's clock (one clock for every
 * instance): granted (0) when the tenant is not paused and the last turn, whichever instance took
 * it, is at least `spacing` ms old; else the ms to wait. KEYS: the last turn, the pause.
 */
const TAKE_SCRIPT = `
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local spacing = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]))
if last and now < last + spacing then return last + spacing - now end
redis.call('SET', KEYS[1], now, 'PX', spacing * 2)
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
  ccaiTake(last: string, pause: string, spacingMs: number): Promise<number>;
  ccaiPause(pause: string, ms: number): Promise<number>;
};

/**
 * The tenant's budget over every instance. The requirement is the tenant's: at most `rps` requests
 * in any window of one second, [t, t + 1 s), wherever t falls. Turns are therefore spaced, not
 * counted per window (a fixed window — rate-limiter-flexible's Redis limiters count whole seconds —
 * lets 2 × rps through around its edge): any rps + 1 consecutive turns span at least
 * rps × spacing = 1.2 s. What the tenant sees is each turn plus the time from taking it to arriving
 * there, which differs between requests (an instance starved of CPU sends its request later than
 * the next one); while that difference stays under 200 ms, no second at the tenant holds more than
 * `rps`. One Redis script takes a turn, atomically and by Redis's own clock, so instances need not
 * agree on the time.
 *
 * A 429 from the tenant pauses every instance for its `Retry-After` (a key with that expiry, checked
 * by the same script), not only the one that received it. Waiters queue here first-in first-out;
 * only the first one asks Redis. Redis away: the instance's own budget at `rps / instances`.
 */
export function createRedisBudget(
  redis: Redis,
  keyPrefix: string,
  { rps, queueSize, maxWaitMs }: { rps: number; queueSize: number; maxWaitMs: number },
  fallback: UpstreamBudget,
  available: () => boolean,
): UpstreamBudget {
  const spacingMs = Math.ceil(1200 / rps);
  const client = redis as Scripted;
  client.defineCommand('ccaiTake', { numberOfKeys: 2, lua: TAKE_SCRIPT });
  client.defineCommand('ccaiPause', { numberOfKeys: 1, lua: PAUSE_SCRIPT });
  const lastKey = `${keyPrefix}:last`;
  const pauseKey = `${keyPrefix}:pause`;
  interface Waiter {
    resolve(): void;
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
        let wait: number;
        try {
          wait = await client.ccaiTake(lastKey, pauseKey, spacingMs);
        } catch {
          // Redis went away while this one waited: its turn comes from this instance's share.
          queue.shift();
          fallback.take(head.signal).then(head.resolve, head.reject);
          continue;
        }
        if (wait <= 0) {
          queue.shift();
          head.resolve();
          continue;
        }
        // A wait longer than a turn is a pause: newcomers that cannot outlast it are told at once.
        if (wait > spacingMs) pausedUntil = Math.max(pausedUntil, Date.now() + wait);
        await sleep(Math.min(wait, 100));
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
      if (queue.length >= queueSize) return Promise.reject(new BudgetExceeded(spacingMs * queueSize));
      return new Promise<void>((resolve, reject) => {
        const settle = (outcome: () => void) => {
          if (waiter.done) return;
          waiter.done = true;
          clearTimeout(timer);
          outcome();
        };
        const waiter: Waiter = {
          resolve: () => settle(resolve),
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
