/**
 * The live-push phase of `npm run bench:gateway` (`--only push` runs it alone): 100, 1,000 and
 * 10,000 concurrent watchers of `calls` live calls over three `ccai-gateway` processes sharing a
 * `redis-server` of its own, in front of the mock tenant (in this process, which also holds
 * every watcher's socket). The same harness as the scale-out tests (`test/node/redis-harness.mjs`).
 *
 * Per size, with every stream open:
 * - **memory per open stream**: the three processes' resident memory (VmRSS) after the streams
 *   opened and settled, minus before, over the number of streams;
 * - **the tenant's requests/s** over `seconds` of watching (peak in any sliding second, and mean):
 *   the lease holders' reads, every 5 s per live call;
 * - **push latency** from a change to the watcher, p50/p99/max, two ways: the platform's session
 *   event (one webhook batch moving every call) reaching every watcher, and a change at the
 *   tenant itself, which waits for the holder's next read (up to 5 s by design).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startMockTenant } from '../dist/node/server/mock-tenant.js';
import {
  WEBHOOK,
  busiestSecond,
  callAtTenant,
  openStream,
  signerFor,
  sleep,
  startInstance,
  startRedis,
} from '../test/node/redis-harness.mjs';

const SUBDOMAIN = 'bench';
const TOKEN = 'bench-token-not-a-secret';
const SECRET = 'bench-secret-not-a-secret-0123456789';
const OPEN_BATCH = 250;

async function rssKb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

const percentile = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Resolves when every stream has `count` events, or after `timeoutMs` (the stragglers are counted). */
async function allHave(streams, count, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && streams.some((stream) => stream.events.length < count)) await sleep(50);
  return streams.filter((stream) => stream.events.length < count).length;
}

/** Like `allHave`, for the first event with `status`. */
async function reaching(streams, status, timeoutMs) {
  const lacking = () => streams.filter((stream) => !stream.events.some((event) => event.call.status === status));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && lacking().length > 0) await sleep(50);
  return lacking().length;
}

async function measureSize(size, { instances, tenant, ids, capabilities, seconds }) {
  const before = await Promise.all(instances.map((instance) => rssKb(instance.child.pid)));
  const streams = [];
  const opening = Date.now();
  for (let i = 0; i < size; i += OPEN_BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(size, i + OPEN_BATCH); j++) {
      const call = j % ids.length;
      const stream = openStream(instances[j % 3].url, ids[call], { capability: capabilities[call] });
      batch.push(stream);
    }
    streams.push(...batch);
    await Promise.all(batch.map((stream) => stream.opened.catch(() => undefined)));
  }
  const unopened = await allHave(streams, 1, 60_000);
  const openMs = Date.now() - opening;
  await sleep(3_000);
  const after = await Promise.all(instances.map((instance) => rssKb(instance.child.pid)));
  const perStreamKb = (after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)) / size;

  // Watching: what the tenant receives while every stream is open and nothing changes.
  const started = Date.now();
  await sleep(seconds * 1000);
  const watched = (await tenant.arrivals(started)).filter((at) => at < started + seconds * 1000).map((at) => ({ at }));
  const tenantPeak = busiestSecond(watched);
  const tenantMean = watched.length / seconds;

  // A session event per call, in one batch, as the platform delivers them.
  let sent = Date.now();
  const batch = {
    count: ids.length,
    events: ids.map((id, i) => ({
      event_id: `bench-${size}-${id}`,
      timestamp: sent + i,
      type: 'connected',
      call_id: id,
    })),
  };
  // The platform's own state moves with its event: the holder's next read agrees with it.
  await tenant.set(ids, 'connected');
  sent = Date.now();
  await fetch(`${instances[0].url}/webhooks/ccai/session-events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`${WEBHOOK.user}:${WEBHOOK.password}`).toString('base64')}`,
    },
    body: JSON.stringify(batch),
  });
  // The first event with the new status: the holder's read may bring the same status with other times too.
  const arrival = (stream, status) => stream.events.find((event) => event.call.status === status)?.at;
  const missedWebhook = await reaching(streams, 'connected', 30_000);
  const webhookLatency = streams
    .map((s) => arrival(s, 'connected'))
    .filter((at) => at !== undefined)
    .map((at) => at - sent);

  // A change at the tenant: seen at the holder's next read, then pushed.
  const changed = Date.now();
  await tenant.set(ids, 'finished');
  const missedTenant = await reaching(streams, 'finished', 30_000);
  const tenantLatency = streams
    .map((s) => arrival(s, 'finished'))
    .filter((at) => at !== undefined)
    .map((at) => at - changed);

  for (const stream of streams) stream.close();
  await sleep(2_000);
  const round = (value) => (value === null ? null : Math.round(value));
  return {
    watchers: size,
    calls: ids.length,
    unopened,
    openSeconds: Math.round(openMs / 100) / 10,
    memoryPerStreamKb: Math.round(perStreamKb * 10) / 10,
    rssBeforeMb: before.map((kb) => Math.round(kb / 1024)),
    rssAfterMb: after.map((kb) => Math.round(kb / 1024)),
    tenantPeakPerSecond: tenantPeak,
    tenantMeanPerSecond: Math.round(tenantMean * 100) / 100,
    webhookPushMs: {
      p50: round(percentile(webhookLatency, 50)),
      p99: round(percentile(webhookLatency, 99)),
      max: round(Math.max(...webhookLatency)),
      missed: missedWebhook,
    },
    tenantChangePushMs: {
      p50: round(percentile(tenantLatency, 50)),
      p99: round(percentile(tenantLatency, 99)),
      max: round(Math.max(...tenantLatency)),
      missed: missedTenant,
    },
  };
}

/**
 * The mock tenant in a process of its own: its arrival times are stamped by an event loop that
 * has nothing else to do, not by this one, which holds up to 10,000 streams.
 */
async function startTenantProcess() {
  const child = fork(fileURLToPath(import.meta.url), ['--tenant'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let next = 0;
  const pending = new Map();
  child.on('message', (message) => {
    if (message.ready) return;
    pending.get(message.ask)?.(message.answer);
    pending.delete(message.ask);
  });
  const ask = (what) =>
    new Promise((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      child.send({ ask: id, ...what });
    });
  const [ready] = await once(child, 'message');
  return {
    origin: ready.origin,
    set: (ids, status) => ask({ set: { ids, status } }),
    arrivals: (from) => ask({ arrivals: from }),
    close: () => child.kill(),
  };
}

async function tenantRole() {
  const tenant = await startMockTenant({ auth: { user: SUBDOMAIN, password: TOKEN } });
  process.on('message', ({ ask, set, arrivals }) => {
    if (set) for (const id of set.ids) tenant.mock.world.calls[id].status = set.status;
    const answer =
      arrivals === undefined
        ? true
        : tenant.requests.filter((request) => request.at >= arrivals).map((request) => request.at);
    process.send({ ask, answer });
  });
  process.send({ ready: true, origin: tenant.origin });
}

if (process.argv.includes('--tenant')) await tenantRole();

/** Runs the push phase for each of `sizes` watchers; returns one result per size. */
export async function runPush({ sizes = [100, 1_000, 10_000], calls = 40, seconds = 20 } = {}) {
  const redis = await startRedis();
  const tenant = await startTenantProcess();
  const instances = await Promise.all(
    [0, 1, 2].map(() =>
      startInstance({
        tenant,
        redisUrl: redis.url,
        secret: SECRET,
        subdomain: SUBDOMAIN,
        token: TOKEN,
        // One address for every watcher here: its per-visitor limit must not be what is measured.
        args: ['--reads-per-second', '1000000'],
      }),
    ),
  );
  try {
    const signer = signerFor(SECRET);
    // New live calls for each size: the last size finished its own.
    const freshCalls = async () => {
      const ids = [];
      for (let i = 0; i < calls; i++) ids.push(await callAtTenant(tenant, { subdomain: SUBDOMAIN, token: TOKEN }));
      return { ids, capabilities: await Promise.all(ids.map((id) => signer.issue(id))) };
    };
    // Warm-up (code compiled, pools grown), so that the first size's memory is the streams' own.
    const warm = await freshCalls();
    const warming = Array.from({ length: 600 }, (_, i) =>
      openStream(instances[i % 3].url, warm.ids[i % calls], { capability: warm.capabilities[i % calls] }),
    );
    await allHave(warming, 1, 30_000);
    for (const stream of warming) stream.close();
    await sleep(2_000);
    const results = [];
    for (const size of sizes) {
      console.error(`bench-gateway: push phase, ${size} watchers of ${calls} calls over 3 instances…`);
      results.push(await measureSize(size, { instances, tenant, ...(await freshCalls()), seconds }));
    }
    return results;
  } finally {
    await Promise.all(instances.map((instance) => instance.kill('SIGKILL')));
    tenant.close();
    await redis.stop();
  }
}

export function pushTable(results) {
  const lines = [
    '| watchers over 3 instances (40 live calls) | ' +
      results.map((r) => r.watchers.toLocaleString('en')).join(' | ') +
      ' |',
    '|---|' + results.map(() => '--:').join('|') + '|',
    `| tenant requests/s, peak in any 1 s / mean | ${results.map((r) => `${r.tenantPeakPerSecond} / ${r.tenantMeanPerSecond}`).join(' | ')} |`,
    `| push latency, session event → watcher, p50 / p99 / max | ${results.map((r) => `${r.webhookPushMs.p50} / ${r.webhookPushMs.p99} / ${r.webhookPushMs.max} ms`).join(' | ')} |`,
    `| push latency, change at the tenant → watcher, p50 / p99 / max | ${results.map((r) => `${r.tenantChangePushMs.p50} / ${r.tenantChangePushMs.p99} / ${r.tenantChangePushMs.max} ms`).join(' | ')} |`,
    `| memory per open stream (3 processes' RSS) | ${results.map((r) => `${r.memoryPerStreamKb} KB`).join(' | ')} |`,
    `| streams opened in | ${results.map((r) => `${r.openSeconds} s`).join(' | ')} |`,
    `| watchers that missed an event / never opened | ${results.map((r) => `${r.webhookPushMs.missed + r.tenantChangePushMs.missed} / ${r.unopened}`).join(' | ')} |`,
  ];
  return lines.join('\n');
}
