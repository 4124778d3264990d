/**
 * The gateway's limits, on rate-limiter-flexible: per visitor address, per phone number, and the
 * tenant's own budget (one shared queue in front of every request the tenant receives).
 */
// The modules themselves, not the package's index: that one also loads the cluster limiter, which
// needs `node:cluster`, and the gateway must run in Deno, Bun and Workers too.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import RateLimiterQueue from 'rate-limiter-flexible/lib/RateLimiterQueue.js';
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes.js';
import { HttpError, retryAfterSeconds } from './http.js';

export interface VisitorLimits {
  /** Counts one booking of `address` and of `number`; 429 when either is over its limit. */
  booking(address: string, number: string): Promise<void>;
  /** Counts one read (status, cancel, wait times) of `address`; 429 when over. */
  read(address: string): Promise<void>;
}

/** A limiter of `points` per `duration` seconds for one purpose: in memory, or shared (see `shared.ts`). */
export type LimiterFactory = (prefix: string, points: number, duration: number) => Limiter;

interface Limiter {
  consume(key: string): Promise<unknown>;
}

const memoryLimiter: LimiterFactory = (keyPrefix, points, duration) =>
  new RateLimiterMemory({ keyPrefix, points, duration });

export function createVisitorLimits(
  limits: {
    bookingsPerHour: number;
    readsPerSecond: number;
    bookingsPerNumberPerDay: number;
  },
  limiter: LimiterFactory = memoryLimiter,
): VisitorLimits {
  const bookings = limiter('book', limits.bookingsPerHour, 3600);
  const perNumber = limiter('number', limits.bookingsPerNumberPerDay, 86_400);
  const reads = limiter('read', limits.readsPerSecond, 1);
  return {
    async booking(address, number) {
      await consume(bookings, address, 'Too many bookings from this address; try again later');
      await consume(perNumber, number, 'Too many bookings for this phone number; try again later');
    },
    async read(address) {
      await consume(reads, address, 'Too many requests; slow down');
    },
  };
}

async function consume(limiter: Limiter, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      throw new HttpError(429, message, { 'Retry-After': retryAfterSeconds(rejection.msBeforeNext) });
    throw rejection;
  }
}

/** The tenant's budget was not reached in time, or its queue is full. */
export class BudgetExceeded extends Error {
  constructor(readonly retryAfterMs: number) {
    super('The contact center is busy; try again shortly');
  }
}

export interface UpstreamBudget {
  /**
   * Resolves when one request may be sent to the tenant, with what to call once it is answered or
   * failed (a budget may count the request until then); rejects with {@link BudgetExceeded}.
   */
  take(signal?: AbortSignal): Promise<() => void>;
  /** Holds every request back for `ms` (the tenant answered 429). */
  pause(ms: number): void;
  /** Requests waiting now. */
  readonly waiting: number;
}

const KEY = 'tenant';
const settled = () => undefined;

/**
 * At most `rps` requests in any second, evenly spaced: one token per `1100 / rps` ms (10 %
 * headroom, so that network jitter between two requests cannot put an 11th into some second the
 * tenant counts). A sliding second never holds more than `rps` of them, which fixed one-second
 * windows cannot promise at their boundary. Waiters queue first-in first-out, at most `queueSize`
 * of them and each at most `maxWaitMs`.
 */
export function createUpstreamBudget({
  rps,
  queueSize,
  maxWaitMs,
}: {
  rps: number;
  queueSize: number;
  maxWaitMs: number;
}): UpstreamBudget {
  const spacingSeconds = Math.ceil(1100 / rps) / 1000;
  const limiter = new RateLimiterMemory({ keyPrefix: 'upstream', points: 1, duration: spacingSeconds });
  const queue = new RateLimiterQueue(limiter, { maxQueueSize: queueSize });
  let waiting = 0;
  let pausedUntil = 0;
  return {
    get waiting() {
      return waiting;
    },
    async take(signal) {
      const pausedFor = pausedUntil - Date.now();
      if (pausedFor > maxWaitMs) throw new BudgetExceeded(pausedFor);
      waiting++;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const expired = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new BudgetExceeded(1000)), maxWaitMs);
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
        const expiresUnixAt = Math.ceil((Date.now() + maxWaitMs) / 1000);
        await Promise.race([queue.removeTokens(1, KEY, expiresUnixAt), expired]);
        return settled;
      } catch (error) {
        if (error instanceof BudgetExceeded || signal?.aborted) throw error;
        // RateLimiterQueueError: the queue is full, or the wait expired inside it.
        throw new BudgetExceeded(Math.ceil(spacingSeconds * 1000 * queueSize));
      } finally {
        clearTimeout(timer);
        waiting--;
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      // Blocking the key holds the queue until then: every waiter and newcomer waits its turn.
      void limiter.block(KEY, ms / 1000);
    },
  };
}
