/** The tenant's budget shared in Redis: part of `redis-shared.ts`, apart for its length. */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { BudgetExceeded, type UpstreamBudget } from './limits.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The tenant's budget over every instance: time is cut into slots of `1200 / rps` ms and each slot is one point of a `RateLimiterRedis`, whoever takes it.
 * So no sliding second holds more than `rps` requests, whichever instances sent them (their
 * clocks must agree, as NTP keeps them). Waiters queue here first-in first-out; only the first
 * one asks Redis, once per slot. Redis away: the instance's own budget at `rps / instances`.
 */
export function createRedisBudget(
  redis: Redis,
  keyPrefix: string,
  { rps, queueSize, maxWaitMs }: { rps: number; queueSize: number; maxWaitMs: number },
  fallback: UpstreamBudget,
  available: () => boolean,
): UpstreamBudget {
  // 20 % headroom, twice the memory budget's: between taking a slot and reaching the tenant, a
  // request of one process among several (sharing cores) may be held up, and the next not.
  const slotMs = Math.ceil(1200 / rps);
  const slots = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: 1,
    duration: Math.max(1, Math.ceil((2 * slotMs) / 1000)),
    rejectIfRedisNotReady: true,
  });
  interface Waiter {
    resolve(): void;
    reject(error: unknown): void;
    signal: AbortSignal | undefined;
    done: boolean;
  }
  const queue: Waiter[] = [];
  let pumping = false;
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
        const paused = pausedUntil - Date.now();
        if (paused > 0) {
          await sleep(Math.min(paused, 100));
          continue;
        }
        const slot = Math.floor(Date.now() / slotMs);
        try {
          await slots.consume(String(slot));
          queue.shift();
          head.resolve();
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) {
            await sleep(Math.max(1, (slot + 1) * slotMs - Date.now()));
          } else {
            // Redis went away while this one waited: its turn comes from this instance's share.
            queue.shift();
            fallback.take(head.signal).then(head.resolve, head.reject);
          }
        }
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
      if (queue.length >= queueSize) return Promise.reject(new BudgetExceeded(slotMs * queueSize));
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
    },
  };
}
