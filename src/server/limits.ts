/**
 * The gateway's limits: per visitor address and per phone number on rate-limiter-flexible, and the
 * tenant's own budget (one queue in front of every request the tenant receives).
 */
// The modules themselves, not the package's index: that one also loads the cluster limiter, which
// needs `node:cluster`, and the gateway must run in Deno, Bun and Workers too.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
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

/**
 * At most `rps` requests arriving at the tenant in every window [t, t + 1 s). A request counts from
 * when it is let go until one second after its answer (or failure): it reached the tenant somewhere
 * in between, so however long a busy process takes to send it, no `rps + 1` requests can arrive
 * within one second (for the last of them to be let go, the first must have been answered a second
 * before). Spacing them evenly could not promise that: a request held up on its way bunches with
 * the next. Several instances that keep their budgets in memory each take a whole number, the
 * floor of their share. Waiters queue first-in first-out, at most `queueSize` of them and each at
 * most `maxWaitMs`. (`redis-budget.ts` is the same rule shared in Redis.)
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
  const allowed = Math.max(1, Math.floor(rps));
  interface Waiter {
    resolve(settle: () => void): void;
    reject(error: unknown): void;
  }
  const queue: Waiter[] = [];
  let inFlight = 0;
  /** When each answered request stops counting (its answer + 1 s), oldest first. */
  const ending: number[] = [];
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function settled(): void {
    inFlight--;
    ending.push(Date.now() + 1000);
    pump();
  }

  function pump(): void {
    const now = Date.now();
    while (ending.length > 0 && ending[0]! <= now) ending.shift();
    while (queue.length > 0 && now >= pausedUntil && inFlight + ending.length < allowed) {
      inFlight++;
      let once = false;
      queue.shift()!.resolve(() => {
        if (once) return;
        once = true;
        settled();
      });
    }
    // Wake when the pause ends or the oldest answered request stops counting.
    if (queue.length > 0 && timer === undefined) {
      const at = now < pausedUntil ? pausedUntil : ending[0];
      if (at !== undefined)
        timer = setTimeout(
          () => {
            timer = undefined;
            pump();
          },
          Math.max(1, at - now),
        );
    }
  }

  return {
    get waiting() {
      return queue.length;
    },
    take(signal) {
      const pausedFor = pausedUntil - Date.now();
      if (pausedFor > maxWaitMs) return Promise.reject(new BudgetExceeded(pausedFor));
      if (queue.length >= queueSize) return Promise.reject(new BudgetExceeded(Math.ceil((1000 * queueSize) / allowed)));
      return new Promise<() => void>((resolve, reject) => {
        const expiry = setTimeout(() => leave(new BudgetExceeded(1000)), maxWaitMs);
        const onAbort = () => leave(signal!.reason);
        const leave = (error: unknown) => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          clearTimeout(expiry);
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        };
        const waiter: Waiter = {
          resolve: (settle) => {
            clearTimeout(expiry);
            signal?.removeEventListener('abort', onAbort);
            resolve(settle);
          },
          reject: leave,
        };
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      clearTimeout(timer);
      timer = undefined;
      pump();
    },
  };
}
