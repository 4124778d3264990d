/**
 * The live-push phase of `npm run bench:gateway` (`--only push` runs it alone): 100, 1,000 and
 * 10,000 concurrent watchers of `calls` live calls over three `ccai-gateway` processes sharing a
 * `redis-server` of its own, in front of the mock tenant in a process of its own. The same harness
 * as the scale-out tests (`test/node/redis-harness.mjs`).
 *
 * The watchers are raw sockets in `CLIENTS` worker processes (this script with `--watchers-role`), each
 * parsing no more than it must: the event's status, and the time it arrived. One Node process
 * parsing 10,000 streams with `http.request` and `JSON.parse` was, on these 2 cores, the slowest
 * part of what it measured.
 *
 * Per size, with every stream open:
 * - **memory per open stream**: the three gateway processes' memory after a full garbage
 *   collection (`scripts/bench-gateway-memory.mjs`, preloaded there with `--expose-gc`), after the
 *   streams opened minus before, over the number of streams: resident memory (RSS) and the V8 heap
 *   in use. The watchers' own memory is in other processes and not counted;
 * - **the tenant's requests/s** over `seconds` of watching (peak in any sliding second, and mean):
 *   the lease holders' reads, every 5 s per live call;
 * - **push latency** from a change to the watcher, p50/p99/max, two ways: the platform's session
 *   event (one webhook batch moving every call) reaching every watcher, and a change at the
 *   tenant itself, which waits for the holder's next read (up to 5 s by design).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startMockTenant } from '../dist/node/server/mock-tenant.js';
import {
  WEBHOOK,
  busiestSecond,
  callAtTenant,
  signerFor,
  sleep,
  startInstance,
  startRedis,
} from '../test/node/redis-harness.mjs';

const SUBDOMAIN = 'bench';
const TOKEN = 'bench-token-not-a-secret';
const SECRET = 'bench-secret-not-a-secret-0123456789';
/** Streams each worker opens at once: the two workers together stay under a listen backlog of 511. */
const OPEN_BATCH = 200;
/** Worker processes holding the watchers' sockets. */
const CLIENTS = 2;
const MEMORY_HOOK = fileURLToPath(new URL('./bench-gateway-memory.mjs', import.meta.url));

/** Each instance's memory after a full collection: `[{ rss, heapUsed, … }]` in bytes. */
async function collectedMemory(instances) {
  return Promise.all(
    instances.map(async (instance) => {
      const seen = (instance.stderr.match(/bench-memory /g) ?? []).length;
      instance.child.kill('SIGUSR2');
      for (let i = 0; i < 200 && (instance.stderr.match(/bench-memory /g) ?? []).length === seen; i++) await sleep(25);
      return JSON.parse(instance.stderr.slice(instance.stderr.lastIndexOf('bench-memory ') + 13).split('\n')[0]);
    }),
  );
}

const percentile = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function measureSize(size, { instances, tenant, clients, ids, capabilities, seconds }) {
  const load = loadavg()[0];
  const before = await collectedMemory(instances);
  const opening = Date.now();
  // Watcher i watches call i % calls through instance i % 3, in worker i % CLIENTS.
  const streams = Array.from({ length: size }, (_, i) => ({
    url: instances[i % 3].url,
    id: ids[i % ids.length],
    capability: capabilities[i % ids.length],
  }));
  await Promise.all(
    clients.map((client, c) => client.ask({ open: streams.filter((_, i) => i % CLIENTS === c), batch: OPEN_BATCH })),
  );
  const counts = async () => (await Promise.all(clients.map((client) => client.ask({ counts: true })))).flat();
  // Latency is measured once every stream is open: streams still being accepted would queue the fan-out.
  const until = Date.now() + 240_000;
  let lacking = size;
  while (Date.now() < until && (lacking = (await counts()).reduce((n, c) => n + (c.status ? 0 : 1), 0)) > 0)
    await sleep(200);
  const unopened = lacking;
  const openMs = Date.now() - opening;
  await sleep(3_000);
  const after = await collectedMemory(instances);
  const perStream = (field) =>
    after.reduce((sum, memory, i) => sum + memory[field] - before[i][field], 0) / 1024 / (size - unopened || 1);

  // Watching: what the tenant receives while every stream is open and nothing changes.
  const started = Date.now();
  await sleep(seconds * 1000);
  const watched = (await tenant.arrivals(started)).filter((at) => at < started + seconds * 1000).map((at) => ({ at }));
  const tenantPeak = busiestSecond(watched);
  const tenantMean = watched.length / seconds;

  /** Each watcher's first arrival of `status` (ms since the epoch), after `from`; missing ones counted. */
  async function arrivals(status, from, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let times = [];
    while (Date.now() < deadline) {
      times = (await Promise.all(clients.map((client) => client.ask({ arrivals: status })))).flat();
      if (times.filter((at) => at !== null).length >= size - unopened) break;
      await sleep(100);
    }
    const got = times.filter((at) => at !== null);
    return { latencies: got.map((at) => at - from), missed: size - unopened - got.length };
  }

  // A session event per call, in one batch, as the platform delivers them.
  const batch = {
    count: ids.length,
    events: ids.map((id, i) => ({
      event_id: `bench-${size}-${id}`,
      timestamp: Date.now() + i,
      type: 'connected',
      call_id: id,
    })),
  };
  // The platform's own state moves with its event: the holder's next read agrees with it.
  await tenant.set(ids, 'connected');
  const sent = Date.now();
  await fetch(`${instances[0].url}/webhooks/ccai/session-events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`${WEBHOOK.user}:${WEBHOOK.password}`).toString('base64')}`,
    },
    body: JSON.stringify(batch),
  });
  const webhook = await arrivals('connected', sent, 30_000);

  // A change at the tenant: seen at the holder's next read, then pushed.
  const changed = Date.now();
  await tenant.set(ids, 'finished');
  const atTenant = await arrivals('finished', changed, 30_000);

  await Promise.all(clients.map((client) => client.ask({ close: true })));
  await sleep(2_000);
  const round = (value) => (value === null ? null : Math.round(value));
  const summary = ({ latencies, missed }) => ({
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: latencies.length ? round(Math.max(...latencies)) : null,
    missed,
  });
  return {
    watchers: size,
    calls: ids.length,
    loadAverage: Math.round(load * 10) / 10,
    unopened,
    openSeconds: Math.round(openMs / 100) / 10,
    memoryPerStreamKb: Math.round(perStream('rss') * 10) / 10,
    heapPerStreamKb: Math.round(perStream('heapUsed') * 10) / 10,
    rssBeforeMb: before.map((memory) => Math.round(memory.rss / 1048576)),
    rssAfterMb: after.map((memory) => Math.round(memory.rss / 1048576)),
    tenantPeakPerSecond: tenantPeak,
    tenantMeanPerSecond: Math.round(tenantMean * 100) / 100,
    webhookPushMs: summary(webhook),
    tenantChangePushMs: summary(atTenant),
  };
}

/**
 * A worker holding watchers: raw sockets that send the request `EventSource` would and read only
 * each event's status and arrival time. Asked over IPC: `open` (streams, in batches), `counts`
 * (which have had their first event: those count as open from then on), `arrivals` (of a status:
 * the first time each open stream saw it, or null), `close`.
 */
function watchersRole() {
  let sockets = [];
  process.on('message', async ({ ask, open, batch, counts, arrivals, close }) => {
    let answer = true;
    if (open) {
      for (let i = 0; i < open.length; i += batch) {
        await Promise.all(open.slice(i, i + batch).map((stream) => watcher(stream)));
      }
    } else if (counts) {
      // A stream counts as open once it had its first event; latencies are taken over those only.
      for (const socket of sockets) socket.opened ||= socket.first.size > 0;
      answer = sockets.map((socket) => ({ status: socket.opened }));
    } else if (arrivals) {
      answer = sockets.filter((socket) => socket.opened).map((socket) => socket.first.get(arrivals) ?? null);
    } else if (close) {
      for (const socket of sockets) socket.destroy();
      sockets = [];
    }
    process.send({ ask, answer });
  });
  function watcher({ url, id, capability }) {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.first = new Map();
      sockets.push(socket);
      socket.setEncoding('utf8');
      socket.on('connect', () => {
        socket.write(
          `GET /apps/api/v1/calls/${id}/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
            `Accept: text/event-stream\r\nCcai-Capability: ${capability}\r\n\r\n`,
        );
      });
      // Only what the bench needs: each `"status":"…"` in the data, stamped as it arrives. A batch
      // waits for its answers' first bytes, not just the connections: connections faster than the
      // gateways accept them overflow the listen backlog, and dropped SYNs are retried seconds later.
      socket.on('data', (text) => {
        resolve();
        const now = Date.now();
        for (const match of text.matchAll(/"status":"([a-z_]+)"/g)) {
          if (!socket.first.has(match[1])) socket.first.set(match[1], now);
        }
      });
      socket.on('error', () => resolve());
    });
  }
  process.send({ ready: true });
}

async function startClients() {
  return Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const child = fork(fileURLToPath(import.meta.url), ['--watchers-role'], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let next = 0;
      const pending = new Map();
      child.on('message', (message) => {
        if (message.ready) return;
        pending.get(message.ask)?.(message.answer);
        pending.delete(message.ask);
      });
      await once(child, 'message');
      return {
        ask: (what) =>
          new Promise((resolve) => {
            const ask = ++next;
            pending.set(ask, resolve);
            child.send({ ask, ...what });
          }),
        close: () => child.kill(),
      };
    }),
  );
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
if (process.argv.includes('--watchers-role')) watchersRole();

async function measureWarmUp({ instances, clients, ids, capabilities }) {
  const streams = Array.from({ length: 600 }, (_, i) => ({
    url: instances[i % 3].url,
    id: ids[i % ids.length],
    capability: capabilities[i % ids.length],
  }));
  await Promise.all(
    clients.map((client, c) => client.ask({ open: streams.filter((_, i) => i % CLIENTS === c), batch: OPEN_BATCH })),
  );
  await sleep(3_000);
  await Promise.all(clients.map((client) => client.ask({ close: true })));
  await sleep(2_000);
}

/** Runs the push phase for each of `sizes` watchers; returns one result per size. */
export async function runPush({ sizes = [100, 1_000, 10_000], calls = 40, seconds = 20 } = {}) {
  const redis = await startRedis();
  const tenant = await startTenantProcess();
  const clients = await startClients();
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
        nodeArgs: ['--expose-gc', '--import', MEMORY_HOOK],
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
    await measureWarmUp({ instances, clients, ...warm });
    const results = [];
    for (const size of sizes) {
      console.error(`bench-gateway: push phase, ${size} watchers of ${calls} calls over 3 instances…`);
      results.push(await measureSize(size, { instances, tenant, clients, ...(await freshCalls()), seconds }));
    }
    return results;
  } finally {
    await Promise.all(instances.map((instance) => instance.kill('SIGKILL')));
    for (const client of clients) client.close();
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
    `| memory per open stream after GC, RSS / V8 heap (3 gateway processes) | ${results.map((r) => `${r.memoryPerStreamKb} / ${r.heapPerStreamKb} KB`).join(' | ')} |`,
    `| load average (1 min) when the size started | ${results.map((r) => r.loadAverage).join(' | ')} |`,
    `| streams opened in | ${results.map((r) => `${r.openSeconds} s`).join(' | ')} |`,
    `| watchers that missed an event / never opened | ${results.map((r) => `${r.webhookPushMs.missed + r.tenantChangePushMs.missed} / ${r.unopened}`).join(' | ')} |`,
  ];
  return lines.join('\n');
}
