/**
 * `SharedState` in Redis (ioredis), for several gateway instances: every limit through
 * rate-limiter-flexible's `RateLimiterRedis`, the per-call cache with a single-flight lock, the
 * change feed over pub/sub, leases, and the webhook's dedupe. Node-only: `ccai-gateway --redis`
 * (or a host's own server) creates it and hands it to `createGateway` as `shared`.
 *
 * When Redis cannot be reached, each operation falls back to this instance's memory at once
 * (commands are not queued while disconnected, and time out after `commandTimeoutMs`): limits per
 * instance, the tenant's budget at `rps / instances`, every instance reading for its own watchers.
 * ioredis reconnects by itself, and the pub/sub connection subscribes again.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { createRedisBudget } from './redis-budget.js';
import { isTerminalStatus } from '../core/calls.js';
import { callFreshnessMs } from './coalescing-cache.js';
import { HISTORY_LENGTH, createMemoryShared, type CallEvent, type CallStore, type SharedState } from './shared.js';
import type { VisitorCall } from './trim.js';

export interface RedisSharedOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** Longest a read of the tenant may hold the single-flight lock (its timeout and budget wait). */
  lockMs?: number;
  /** A Redis command without an answer after this fails over to memory (default 1000). */
  commandTimeoutMs?: number;
  /** Key and channel prefix, so that several sites may share one Redis (default `ccai:`). */
  prefix?: string;
  /** Told when Redis becomes reachable (`false` → `true`) or not. */
  onAvailability?: (available: boolean) => void;
}

/** How long the states of a call stay in Redis after their last change. */
const CALL_TTL_MS = 86_400_000;
const POLL_LOCK_MS = 50;

/**
 * Stores a call, and when it changed: a new event id, the history, and the publication, atomically.
 * A state older than the stored one (`v`, see `supersedes` in shared.ts), or not final where the
 * stored one is (`f`), is dropped. Answers the stored entry after it, and 1 when this state was taken.
 */
const PUT_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local version = tonumber(ARGV[5])
local final = tonumber(ARGV[6])
local id = 0
if current then
  local entry = cjson.decode(current)
  if (entry.f == 1 and final == 0) or version < (tonumber(entry.v) or 0) then
    return {current, 0}
  end
  id = entry.id
  if entry.call == ARGV[1] then
    local same = cjson.encode({id = id, call = ARGV[1], at = tonumber(ARGV[2]), v = version, f = final})
    redis.call('SET', KEYS[1], same, 'PX', ARGV[3])
    return {same, 1}
  end
end
id = id + 1
local entry = cjson.encode({id = id, call = ARGV[1], at = tonumber(ARGV[2]), v = version, f = final})
redis.call('SET', KEYS[1], entry, 'PX', ARGV[3])
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', KEYS[3], entry)
return {entry, 1}
`;

/** Takes a free lease or renews our own. */
const LEASE_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** Deletes a lock or lease only if it is still ours. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

interface Stored {
  id: number;
  /** The call as JSON, compared as text. */
  call: string;
  at: number;
}

type Commands = Redis & {
  ccaiPut(
    call: string,
    hist: string,
    channel: string,
    json: string,
    at: number,
    ttl: number,
    length: number,
    version: number,
    final: 0 | 1,
  ): Promise<[string, number]>;
  ccaiLease(key: string, holder: string, ttlMs: number): Promise<number>;
  ccaiRelease(key: string, holder: string): Promise<number>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects to Redis (in the background: it may be down now and come later). */
export function createRedisShared(
  options: RedisSharedOptions,
): SharedState & { ready(timeoutMs: number): Promise<boolean> } {
  const prefix = options.prefix ?? 'ccai:';
  const commandTimeout = options.commandTimeoutMs ?? 1000;
  const lockMs = options.lockMs ?? 15_000;
  // Reconnect for ever, quickly at first, then every 2 s.
  const retryStrategy = (times: number) => Math.min(100 * times, 2000);
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout,
    connectTimeout: 2000,
    retryStrategy,
  }) as Commands;
  // Subscriptions asked for while Redis is away wait for it; on reconnect ioredis subscribes again.
  const subscriber = new Redis(options.url, { maxRetriesPerRequest: null, connectTimeout: 2000, retryStrategy });
  redis.defineCommand('ccaiPut', { numberOfKeys: 3, lua: PUT_SCRIPT });
  redis.defineCommand('ccaiLease', { numberOfKeys: 1, lua: LEASE_SCRIPT });
  redis.defineCommand('ccaiRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  // Errors are the availability below; unhandled they would end the process.
  redis.on('error', () => undefined);
  subscriber.on('error', () => undefined);

  const local = createMemoryShared();
  const available = () => redis.status === 'ready' && subscriber.status === 'ready';
  let wasAvailable = false;
  const report = () => {
    const now = available();
    if (now !== wasAvailable) options.onAvailability?.(now);
    wasAvailable = now;
  };
  for (const client of [redis, subscriber]) for (const event of ['ready', 'close', 'end']) client.on(event, report);

  const instanceId = randomBytes(9).toString('base64url');
  const key = (kind: string, id: string) => `${prefix}${kind}:${id}`;

  const calls = createRedisCallStore({ redis, subscriber, local: local.calls, available, key, lockMs, instanceId });

  const shared: SharedState & { ready(timeoutMs: number): Promise<boolean> } = {
    calls,
    limiter(name, points, duration) {
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}${name}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        // Redis down: this instance counts on its own.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}${name}`, points, duration }),
      });
    },
    upstream(budget) {
      const fallback = local.upstream(budget);
      return createRedisBudget(redis, `${prefix}upstream`, budget, fallback, available);
    },
    async firstSeen(name, ttlMs) {
      if (!available()) return local.firstSeen(name, ttlMs);
      try {
        return (await redis.set(key('seen', name), '1', 'PX', ttlMs, 'NX')) === 'OK';
      } catch {
        return local.firstSeen(name, ttlMs);
      }
    },
    get degraded() {
      return !available();
    },
    async ready(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (!available() && Date.now() < until) await sleep(25);
      return available();
    },
    async close() {
      redis.disconnect();
      subscriber.disconnect();
    },
  };
  return shared;
}

interface StoreParts {
  redis: Commands;
  subscriber: Redis;
  local: CallStore;
  available: () => boolean;
  key: (kind: string, id: string) => string;
  lockMs: number;
  instanceId: string;
}

function createRedisCallStore({ redis, subscriber, local, available, key, lockMs, instanceId }: StoreParts): CallStore {
  const inFlight = new Map<string, Promise<{ value: VisitorCall; coalesced: boolean }>>();
  const listeners = new Map<string, Set<(event: CallEvent) => void>>();
  const channelPrefix = key('changes', '');

  subscriber.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const event = eventOf(message);
    for (const listener of [...(listeners.get(channel.slice(channelPrefix.length)) ?? [])]) if (event) listener(event);
  });

  const parse = (text: string | null): Stored | undefined => {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as Stored;
    } catch {
      return undefined;
    }
  };

  /** Stores in Redis, or (Redis away) in memory, where this instance's watchers hear of it. */
  async function put(id: string, call: VisitorCall, version: number): Promise<{ call: VisitorCall; stored: boolean }> {
    if (available()) {
      try {
        const [entry, stored] = await redis.ccaiPut(
          key('call', id),
          key('history', id),
          key('changes', id),
          JSON.stringify(call),
          Date.now(),
          CALL_TTL_MS,
          HISTORY_LENGTH,
          version,
          isTerminalStatus(call.status) ? 1 : 0,
        );
        return { call: stored === 1 ? call : (eventOf(entry)?.call ?? call), stored: stored === 1 };
      } catch {
        // Fall through: at least this instance's watchers learn of it.
      }
    }
    return local.put(id, call, version);
  }

  async function readShared(
    id: string,
    read: () => Promise<VisitorCall>,
  ): Promise<{ value: VisitorCall; coalesced: boolean }> {
    const started = Date.now();
    let stored: Stored | undefined;
    try {
      stored = parse(await redis.get(key('call', id)));
    } catch {
      return local.read(id, read);
    }
    if (stored) {
      const call = JSON.parse(stored.call) as VisitorCall;
      if (stored.at + callFreshnessMs(call, Date.now()) > Date.now()) return { value: call, coalesced: true };
    }
    const token = `${instanceId}.${randomBytes(6).toString('base64url')}`;
    let locked: boolean;
    try {
      locked = (await redis.set(key('lock', id), token, 'PX', lockMs, 'NX')) === 'OK';
    } catch {
      return local.read(id, read);
    }
    if (!locked) {
      // Another instance is reading: its answer lands in Redis; wait for it while the lock holds.
      const until = started + lockMs;
      while (Date.now() < until) {
        await sleep(POLL_LOCK_MS);
        try {
          const [value, lock] = await Promise.all([redis.get(key('call', id)), redis.exists(key('lock', id))]);
          const latest = parse(value);
          if (latest && latest.at >= started) return { value: JSON.parse(latest.call) as VisitorCall, coalesced: true };
          if (!lock) break;
        } catch {
          break;
        }
      }
    }
    try {
      // True as of when it was asked: a state learnt while it was under way is newer.
      const version = Date.now();
      const value = await read();
      return { value: (await put(id, value, version)).call, coalesced: false };
    } finally {
      if (locked) await redis.ccaiRelease(key('lock', id), token).catch(() => undefined);
    }
  }

  return {
    read(id, read) {
      if (!available()) return local.read(id, read);
      // One Redis round of waiting per instance, however many of its visitors ask.
      let pending = inFlight.get(id);
      if (pending) return pending.then(({ value }) => ({ value, coalesced: true }));
      pending = readShared(id, read).finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
      return pending;
    },
    put,
    async since(id, lastEventId) {
      if (!available()) return local.since(id, lastEventId);
      try {
        if (lastEventId === undefined) {
          const current = eventOf(await redis.get(key('call', id)));
          return current ? [current] : [];
        }
        const history = (await redis.lrange(key('history', id), 0, -1)).map(eventOf).filter((event) => !!event);
        const latest = history.at(-1);
        if (!latest) return [];
        const reaches = history[0]!.id <= lastEventId + 1 && lastEventId <= latest.id;
        return reaches ? history.filter((event) => event.id > lastEventId) : [latest];
      } catch {
        return local.since(id, lastEventId);
      }
    },
    subscribe(id, listener) {
      // Redis's channel normally; this instance's memory for what it learnt while Redis was away.
      // A state that arrives both ways is sent once: the feed compares with what each stream was sent.
      let set = listeners.get(id);
      if (!set) {
        listeners.set(id, (set = new Set()));
        void subscriber.subscribe(key('changes', id)).catch(() => undefined);
      }
      set.add(listener);
      const leaveLocal = local.subscribe(id, listener);
      return () => {
        leaveLocal();
        set.delete(listener);
        if (set.size === 0 && listeners.get(id) === set) {
          listeners.delete(id);
          void subscriber.unsubscribe(key('changes', id)).catch(() => undefined);
        }
      };
    },
    async lease(id, ttlMs) {
      // Redis away: every instance reads for its own watchers (within its share of the budget).
      if (!available()) return true;
      try {
        return (await redis.ccaiLease(key('lease', id), instanceId, ttlMs)) === 1;
      } catch {
        return true;
      }
    },
    async release(id) {
      await redis.ccaiRelease(key('lease', id), instanceId).catch(() => undefined);
    },
  };
}

function eventOf(text: string | null): CallEvent | undefined {
  if (!text) return undefined;
  try {
    const stored = JSON.parse(text) as Stored;
    return { id: stored.id, call: JSON.parse(stored.call) as VisitorCall };
  } catch {
    return undefined;
  }
}
