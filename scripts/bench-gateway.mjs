/**
 * `npm run bench:gateway`: what the tenant sees when 500 visitors watch 50 calls for 60 s through
 * `ccai-gateway`, beside the same visitors polling the tenant directly. All on 127.0.0.1, over real
 * sockets, with the built server (`dist/node/server`).
 *
 * Two phases, one after the other, each in a fresh server process (this script forked with
 * `--serve`), so that the visitors (this process) and the servers (the child) each have a core:
 *
 * 1. **gateway**: the mock tenant (`startMockTenant`, Basic auth) and `createGateway` on
 *    `serve()` (default limits and budget: 10 req/s to the tenant, 20 reads/s per visitor address,
 *    5 bookings/h per address, 3 per number/day; `trustProxy` on, each visitor its own
 *    `X-Forwarded-For` address; every booking from its own address and number). The calls are
 *    booked through the gateway (each gets its `Ccai-Capability`), then every visitor reads its
 *    call with that capability. The gateway logs one JSON line per request, to /dev/null.
 * 2. **direct**: the same mock tenant alone; the calls are booked on it directly, and the visitors
 *    read `GET /manager/api/v1/calls/:id` on it with the tenant's Basic credentials, as a plain
 *    pass-through backend without coalescing would.
 *
 * The calls: 40 % live, 30 % scheduled 20–50 min ahead, 30 % days ahead. A live call is due
 * between 5 % and 35 % of the run, then the "platform" (the child, editing
 * `tenant.mock.world.calls[id]`) moves it scheduled → queued (+5 s) → assigned (+15 s) →
 * connected (+20 s) → finished (+40 s) — seconds scaled by duration / 60 s.
 *
 * The visitors: `visitors / calls` per call, arriving at uniformly random instants over the first
 * `ramp` seconds (default 10 s, at most a sixth of the run), each then polling as
 * `<ccai-call-status>` does: one read at a time, the next after `nextPollDelay` of
 * `src/internal/poll-policy.ts` (the element's own policy, loaded through Vite, with its jitter),
 * stopping at a final status, a 404, or the end of the run. `BENCH_POLICY=fixed` polls every 5 s
 * plus up to 20 % jitter instead. One keep-alive `http.Agent`; each read times out after 10 s; no
 * read starts after the end, and whatever is still in flight 12 s after it is abandoned.
 *
 * Reported per phase: the tenant's requests per second during the run (peak in any sliding
 * 1-second window, and mean), how many of those a tenant enforcing 10 per sliding second would have
 * refused (and how many visitors that would have hit), the share of visitor reads answered without
 * a tenant read (the gateway's observer: `coalesced` / reads), visitor latency p50/p99, status codes,
 * and how stale an answer was (a status the tenant had already left when the read was sent).
 *
 * Options (flag or environment): `--seconds N` / `BENCH_SECONDS` (60), `--visitors N` /
 * `BENCH_VISITORS` (500), `--calls N` / `BENCH_CALLS` (50), `--ramp N` / `BENCH_RAMP` (seconds),
 * `--policy element|fixed` / `BENCH_POLICY`, `--only gateway|direct|push`, `--watchers 100,1000,10000`
 * / `BENCH_WATCHERS` (the push phase's sizes). Prints markdown tables and writes
 * `bench-results/gateway.json`.
 *
 * 3. **push** (`scripts/bench-gateway-push.mjs`): the same status delivered by live push instead,
 *    to 100, 1,000 and 10,000 watchers over three instances sharing a `redis-server`.
 */
import { fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { TERMINAL_STATUSES } from '../dist/node/core/calls.js';
import { pushTable, runPush } from './bench-gateway-push.mjs';

const RATE_LIMIT = 10;
const USER = 'bench';
const PASSWORD = 'bench-token-not-a-secret';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const MENU = 10;
const CAPABILITY = 'Ccai-Capability';
const READ_TIMEOUT_MS = 10_000;
const GRACE_MS = 12_000;
const root = fileURLToPath(new URL('..', import.meta.url));

function option(flag, env, fallback) {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === `--${flag}` || arg.startsWith(`--${flag}=`));
  if (at >= 0) return args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  return process.env[env] ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// The server process: the mock tenant, and in the gateway phase the gateway in front of it.

async function serveRole() {
  const mode = option('serve', '', 'gateway');
  const { startMockTenant } = await import('../dist/node/server/mock-tenant.js');
  const tenant = await startMockTenant({ auth: { user: USER, password: PASSWORD }, cors: false });
  const counts = {
    reads: 0,
    readStatuses: {},
    readDurations: [],
    coalesced: 0,
    upstream: {},
    maxQueueDepth: 0,
    requests: {},
  };
  let served;
  if (mode === 'gateway') {
    const { createGateway } = await import('../dist/node/server/gateway.js');
    const { serve } = await import('../dist/node/server/node.js');
    const sink = createWriteStream('/dev/null');
    const gateway = createGateway({
      tenantUrl: tenant.origin,
      subdomain: USER,
      apiToken: PASSWORD,
      menus: [9, MENU],
      languages: ['en'],
      trustProxy: true,
      secret: 'bench-secret-0123456789abcdef0123456789abcdef',
      log: (line) => sink.write(`${line}\n`),
      observer: {
        request({ route, status, durationMs }) {
          const key = `${route} ${status}`;
          counts.requests[key] = (counts.requests[key] ?? 0) + 1;
          if (route === 'read') {
            counts.reads++;
            counts.readStatuses[status] = (counts.readStatuses[status] ?? 0) + 1;
            counts.readDurations.push(durationMs);
          }
        },
        upstream({ route, status }) {
          const key = `${route} ${status}`;
          counts.upstream[key] = (counts.upstream[key] ?? 0) + 1;
        },
        coalesced() {
          counts.coalesced++;
        },
        queueDepth(depth) {
          counts.maxQueueDepth = Math.max(counts.maxQueueDepth, depth);
        },
      },
    });
    served = await serve(gateway, { port: 0, host: '127.0.0.1' });
  }
  const applied = [];
  const timers = [];
  const cpuStart = process.cpuUsage();
  process.on('message', async (message) => {
    if (message.type === 'schedule') {
      for (const { id, at, patch } of message.transitions) {
        timers.push(
          setTimeout(
            () => {
              Object.assign(tenant.mock.world.calls[id], patch);
              applied.push({ id, status: patch.status, at: Date.now() });
            },
            Math.max(0, at - Date.now()),
          ),
        );
      }
    } else if (message.type === 'collect') {
      const cpu = process.cpuUsage(cpuStart);
      process.send({
        type: 'stats',
        requests: tenant.requests.map(({ at, method, path, headers }) => ({
          at,
          method,
          path,
          visitor: headers['x-bench-visitor'],
        })),
        applied,
        counts: mode === 'gateway' ? counts : undefined,
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    } else if (message.type === 'stop') {
      for (const timer of timers) clearTimeout(timer);
      await served?.close();
      await tenant.close();
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', tenant: tenant.origin, gateway: served?.url });
}

// ---------------------------------------------------------------------------------------------
// The visitors.

async function main() {
  const seconds = Number(option('seconds', 'BENCH_SECONDS', 60));
  const visitorCount = Number(option('visitors', 'BENCH_VISITORS', 500));
  const callCount = Number(option('calls', 'BENCH_CALLS', 50));
  const rampSeconds = Number(option('ramp', 'BENCH_RAMP', round(Math.min(10, seconds / 6), 1)));
  const policyName = option('policy', 'BENCH_POLICY', 'element');
  const only = option('only', '', '');
  for (const [name, value] of Object.entries({ seconds, visitorCount, callCount })) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  }
  if (!['element', 'fixed'].includes(policyName)) throw new Error(`--policy is element or fixed, got ${policyName}`);
  const config = { seconds, visitors: visitorCount, calls: callCount, rampSeconds, policy: policyName };

  // Everything stops by itself: nothing outlives this.
  const phases = only ? [only] : ['gateway', 'direct', 'push'];
  const watchdogMs = phases.length * (seconds * 1000 + callCount * 200 + 5_000 + GRACE_MS + 30_000) + 600_000;
  setTimeout(() => {
    console.error(`bench-gateway: still running after ${Math.round(watchdogMs / 1000)} s; giving up`);
    process.exit(2);
  }, watchdogMs).unref();

  const nextDelay = await loadPolicy(policyName);
  const loadBefore = loadavg().map((value) => round(value, 2));
  const results = {};
  for (const phase of phases) {
    if (phase === 'push') {
      // Live push over three instances and Redis (scripts/bench-gateway-push.mjs).
      const sizes = option('watchers', 'BENCH_WATCHERS', '100,1000,10000').split(',').map(Number);
      results.push = await runPush({ sizes, seconds: Math.min(seconds, 20) });
      continue;
    }
    console.error(`bench-gateway: ${phase} phase, ${visitorCount} visitors, ${callCount} calls, ${seconds} s…`);
    results[phase] = await runPhase(phase, config, nextDelay);
  }

  const report = {
    date: new Date().toISOString(),
    // The machine may be shared: the 1-, 5- and 15-minute load averages before and after.
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      loadBefore,
      loadAfter: loadavg().map((value) => round(value, 2)),
    },
    config,
    ...results,
  };
  await mkdir(`${root}bench-results`, { recursive: true });
  await writeFile(`${root}bench-results/gateway.json`, `${JSON.stringify(report, null, 2)}\n`);
  if (report.gateway || report.direct) console.log(table(report));
  if (report.push) console.log(`\nLive push (SSE over Redis pub/sub):\n\n${pushTable(report.push)}`);
  console.log(`\nJSON: bench-results/gateway.json`);
  process.exit(0);
}

async function loadPolicy(name) {
  if (name === 'fixed') {
    return ({ call }) => (call && TERMINAL_STATUSES.has(call.status) ? null : 5_000 * (1 + 0.2 * Math.random()));
  }
  const { runnerImport } = await import('vite');
  const path = fileURLToPath(new URL('../src/internal/poll-policy.ts', import.meta.url));
  const { module } = await runnerImport(path, { configFile: false, logLevel: 'error' });
  return module.nextPollDelay;
}

function startServer(mode) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', mode], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code) => reject(new Error(`server process exited (${code}) before "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return { child, next };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const iso = (ms) => new Date(ms).toISOString();

/**
 * One HTTP exchange; never rejects. A keep-alive connection the server closed just as it was reused
 * (ECONNRESET on a reused socket) is retried once on a new one, as browsers do; the time counts.
 */
async function exchange(agent, url, init = {}) {
  const started = performance.now();
  let answer = await attempt(agent, url, init);
  if (answer.staleSocket) {
    staleSocketRetries++;
    answer = await attempt(agent, url, init);
  }
  return { ...answer, ms: performance.now() - started };
}

let staleSocketRetries = 0;

function attempt(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = httpRequest(
      url,
      { method, agent, headers: { Accept: 'application/json', ...headers }, timeout: READ_TIMEOUT_MS },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', () => resolve({ status: 0, error: 'network', ms: performance.now() - started }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'BENCH_TIMEOUT' })));
    req.on('error', (error) =>
      resolve({
        status: 0,
        error: error.code === 'BENCH_TIMEOUT' ? 'timeout' : `network ${error.code ?? error.message}`,
        staleSocket: req.reusedSocket && error.code === 'ECONNRESET',
        ms: performance.now() - started,
      }),
    );
    if (body !== undefined) {
      req.setHeader('Content-Type', 'application/json');
      req.end(JSON.stringify(body));
    } else req.end();
  });
}

const retryAfterMs = (headers) => {
  const value = Number(headers?.['retry-after']);
  return Number.isFinite(value) ? value * 1000 : undefined;
};

/** What each call is, and when it is due. */
function planCalls(config, t0) {
  const live = Math.round(config.calls * 0.4);
  const soon = Math.round(config.calls * 0.3);
  const scale = config.seconds / 60;
  return Array.from({ length: config.calls }, (_, i) => {
    if (i < live) {
      const due = t0 + config.seconds * 1000 * (0.05 + (live > 1 ? (0.3 * i) / (live - 1) : 0));
      return { kind: 'live', scheduledAt: due, index: i, scale };
    }
    if (i < live + soon)
      return { kind: 'soon', scheduledAt: t0 + (20 + (30 * (i - live)) / Math.max(1, soon)) * 60_000 };
    return { kind: 'far', scheduledAt: t0 + (2 + (i % 7)) * 86_400_000 };
  });
}

/** The platform's moves for a live call: scheduled → queued → assigned → connected → finished. */
function transitionsOf(id, plan) {
  if (plan.kind !== 'live') return [];
  const s = (seconds) => plan.scheduledAt + seconds * 1000 * plan.scale;
  const agent = {
    id: 2000 + plan.index,
    name: 'Bench Agent',
    first_name: 'Bench',
    last_name: 'Agent',
    agent_number: null,
    avatar_url: null,
  };
  return [
    { id, at: s(5), patch: { status: 'queued', queued_at: iso(s(5)) } },
    { id, at: s(15), patch: { status: 'assigned', assigned_at: iso(s(15)), agent_info: agent } },
    { id, at: s(20), patch: { status: 'connected', connected_at: iso(s(20)) } },
    { id, at: s(40), patch: { status: 'finished', ends_at: iso(s(40)), call_duration: Math.round(20 * plan.scale) } },
  ];
}

async function book(phase, agent, urls, plans) {
  const booked = new Array(plans.length);
  let next = 0;
  let failures = 0;
  async function worker() {
    while (next < plans.length) {
      const i = next++;
      const body = {
        menu_id: MENU,
        lang: 'en',
        end_user_number: `+1201555${String(1000 + i).padStart(4, '0')}`,
        scheduled_at: iso(plans[i].scheduledAt),
      };
      for (let attempt = 0; ; attempt++) {
        const answer =
          phase === 'gateway'
            ? await exchange(agent, `${urls.gateway}/apps/api/v1/calls`, {
                method: 'POST',
                body,
                headers: { 'X-Forwarded-For': `10.9.${i >> 8}.${i & 255}` },
              })
            : await exchange(agent, `${urls.tenant}/apps/api/v1/calls`, {
                method: 'POST',
                body: { ...body, call_type: 'Voice Scheduled (API)' },
                headers: { Authorization: BASIC },
              });
        if (answer.status === 201) {
          booked[i] = { id: JSON.parse(answer.text).id, capability: answer.headers[CAPABILITY.toLowerCase()] };
          break;
        }
        if (answer.status === 429 && attempt < 10) {
          failures++;
          await sleep(retryAfterMs(answer.headers) ?? 1000);
          continue;
        }
        throw new Error(`booking ${i} (${phase}) answered ${answer.status}: ${answer.text ?? answer.error}`);
      }
    }
  }
  // Four at a time keeps the gateway's tenant budget busy without waiting long in its queue.
  await Promise.all(Array.from({ length: 4 }, worker));
  return { booked, retried429: failures };
}

async function runPhase(phase, config, nextDelay) {
  const { child, next } = startServer(phase);
  const urls = await next('ready');
  const agent = new Agent({ keepAlive: true, maxSockets: config.visitors + 8 });
  try {
    // Calls are booked with their times relative to t0, which leaves time for the bookings
    // (at most 10 a second through the gateway).
    const t0 = Date.now() + config.calls * 150 + 3_000;
    const plans = planCalls(config, t0);
    const bookingStarted = Date.now();
    const { booked, retried429 } = await book(phase, agent, urls, plans);
    const bookingMs = Date.now() - bookingStarted;
    if (Date.now() > t0) throw new Error(`booking took ${bookingMs} ms, past the planned start`);

    const transitions = booked.flatMap(({ id }, i) => transitionsOf(id, plans[i]));
    child.send({ type: 'schedule', transitions });
    const end = t0 + config.seconds * 1000;
    await sleep(t0 - Date.now());

    const reads = [];
    const retriesBefore = staleSocketRetries;
    const visitors = Array.from({ length: config.visitors }, (_, v) => {
      const callIndex = v % config.calls;
      return visit({
        v,
        callIndex,
        call: booked[callIndex],
        phase,
        urls,
        agent,
        t0,
        end,
        rampMs: config.rampSeconds * 1000,
        nextDelay,
        reads,
      });
    });
    const finished = await Promise.race([
      Promise.all(visitors).then(() => true),
      sleep(end - Date.now() + GRACE_MS).then(() => false),
    ]);
    const collectedAt = Date.now();
    const stats = await (child.send({ type: 'collect' }), next('stats'));
    child.send({ type: 'stop' });
    return summarize({
      phase,
      config,
      t0,
      end,
      collectedAt,
      reads,
      stats,
      plans,
      booked,
      bookingMs,
      retried429,
      abandoned: !finished,
      socketRetries: staleSocketRetries - retriesBefore,
    });
  } finally {
    agent.destroy();
    if (child.exitCode === null) {
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(3_000)]);
      if (child.exitCode === null) child.kill();
    }
  }
}

/** One visitor: `<ccai-call-status>`'s loop, one read at a time. */
async function visit({ v, callIndex, call, phase, urls, agent, t0, end, rampMs, nextDelay, reads }) {
  await sleep(t0 + Math.random() * rampMs - Date.now());
  const address = `10.${1 + (v >> 16)}.${(v >> 8) & 255}.${v & 255}`;
  const url =
    phase === 'gateway'
      ? `${urls.gateway}/apps/api/v1/calls/${call.id}`
      : `${urls.tenant}/manager/api/v1/calls/${call.id}`;
  const headers =
    phase === 'gateway'
      ? { [CAPABILITY]: call.capability, 'X-Forwarded-For': address }
      : { Authorization: BASIC, 'X-Bench-Visitor': String(v) };
  let current = null;
  let statusSince = 0;
  let consecutiveErrors = 0;
  let error;
  while (Date.now() < end) {
    const sent = Date.now();
    const answer = await exchange(agent, url, { headers });
    const received = Date.now();
    const record = { v, callIndex, sent, received, ms: answer.ms, status: answer.status || answer.error };
    reads.push(record);
    if (answer.status === 200) {
      const value = JSON.parse(answer.text);
      record.callStatus = value.status;
      if (value.status !== current?.status) statusSince = received;
      current = value;
      consecutiveErrors = 0;
      error = null;
    } else {
      consecutiveErrors++;
      error = {
        kind: answer.status ? 'http' : answer.error === 'timeout' ? 'timeout' : 'network',
        status: answer.status ?? 0,
        retryAfterMs: retryAfterMs(answer.headers),
      };
    }
    const delay = nextDelay({ call: current, now: Date.now(), statusSince, consecutiveErrors, error });
    if (delay === null || Date.now() + delay >= end) return;
    await sleep(delay);
  }
}

// ---------------------------------------------------------------------------------------------
// Figures.

/** The most timestamps in any window [t, t + 1000). */
function peakPerSecond(times) {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** The requests a tenant admitting at most `limit` in any sliding second would refuse (refused ones not counted). */
function overLimit(requests, limit) {
  const admitted = [];
  const refused = [];
  for (const request of [...requests].sort((a, b) => a.at - b.at)) {
    while (admitted.length && request.at - admitted[0] >= 1000) admitted.shift();
    if (admitted.length < limit) admitted.push(request.at);
    else refused.push(request);
  }
  return refused;
}

function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (value, digits = 1) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

function summarize({
  config,
  t0,
  collectedAt,
  reads,
  stats,
  plans,
  booked,
  bookingMs,
  retried429,
  abandoned,
  socketRetries,
}) {
  // The tenant's requests while the visitors watched (the bookings before t0 are setup).
  const during = stats.requests.filter((request) => request.at >= t0 && request.at <= collectedAt);
  const tenantReads = during.filter((request) => request.method === 'GET');
  const refused = overLimit(during, RATE_LIMIT);
  const statuses = {};
  for (const read of reads) statuses[read.status] = (statuses[read.status] ?? 0) + 1;
  const ok = reads.filter((read) => read.status === 200);

  // Staleness: the answer's status had already been left, by the tenant's clock, when the read was sent.
  const leftAt = new Map();
  const idIndex = new Map(booked.map(({ id }, i) => [id, i]));
  const byCall = new Map();
  for (const { id, status, at } of stats.applied) {
    const list = byCall.get(id) ?? [{ status: 'scheduled', at: -Infinity }];
    list.push({ status, at });
    byCall.set(id, list);
  }
  for (const [id, list] of byCall) {
    list.sort((a, b) => a.at - b.at);
    for (let k = 0; k < list.length; k++)
      leftAt.set(`${idIndex.get(id)}|${list[k].status}`, list[k + 1]?.at ?? Infinity);
  }
  const stale = [];
  const staleByStatus = {};
  for (const read of ok) {
    const left = leftAt.get(`${read.callIndex}|${read.callStatus}`);
    if (left === undefined || left >= read.sent) continue;
    const ms = read.received - left;
    stale.push(ms);
    const entry = (staleByStatus[read.callStatus] ??= { answers: 0, maxMs: 0 });
    entry.answers++;
    entry.maxMs = Math.max(entry.maxMs, ms);
  }

  const liveIndexes = new Set(plans.flatMap((plan, i) => (plan.kind === 'live' ? [i] : [])));
  const result = {
    seconds: config.seconds,
    booking: { calls: booked.length, ms: bookingMs, retried429 },
    visitorReads: reads.length,
    visitorReadsPerSecond: round(reads.length / config.seconds, 2),
    readsPerVisitor: round(reads.length / config.visitors, 2),
    readsOfLiveCalls: reads.filter((read) => liveIndexes.has(read.callIndex)).length,
    statuses,
    // Reads resent once on a new connection because the server had just closed the idle one.
    socketRetries,
    latencyMs: {
      p50: round(
        percentile(
          reads.map((read) => read.ms),
          50,
        ),
        2,
      ),
      p99: round(
        percentile(
          reads.map((read) => read.ms),
          99,
        ),
        2,
      ),
      max: round(
        percentile(
          reads.map((read) => read.ms),
          100,
        ),
        2,
      ),
    },
    tenant: {
      requests: during.length,
      reads: tenantReads.length,
      peakPerSecond: peakPerSecond(during.map((request) => request.at)),
      meanPerSecond: round(during.length / config.seconds, 2),
      overLimit: refused.length,
      overLimitShare: round(during.length ? (100 * refused.length) / during.length : 0, 1),
      visitorsOverLimit: new Set(refused.map((request) => request.visitor).filter(Boolean)).size,
      secondsOverLimit: overSeconds(during, t0),
    },
    stale: {
      answers: stale.length,
      share: round(ok.length ? (100 * stale.length) / ok.length : 0, 1),
      maxMs: stale.length ? Math.max(...stale) : 0,
      p99Ms: percentile(stale, 99) ?? 0,
      byStatus: staleByStatus,
    },
    transitions: stats.applied.length,
    serverCpuMs: Math.round(stats.cpuMs),
    abandoned,
  };
  if (stats.counts) {
    const counts = stats.counts;
    const answered = counts.readStatuses[200] ?? 0;
    result.gateway = {
      reads: counts.reads,
      readStatuses: counts.readStatuses,
      // The gateway's own time for a read (request in → response out), as its observer sees it.
      readMs: {
        p50: round(percentile(counts.readDurations, 50), 2),
        p99: round(percentile(counts.readDurations, 99), 2),
        max: round(percentile(counts.readDurations, 100), 2),
      },
      coalesced: counts.coalesced,
      coalescedShare: round(answered ? (100 * counts.coalesced) / answered : 0, 1),
      // The same, counted at the tenant: 1 − tenant reads / visitor reads.
      tenantSparedShare: round(reads.length ? 100 * (1 - tenantReads.length / reads.length) : 0, 1),
      upstream: counts.upstream,
      maxQueueDepth: counts.maxQueueDepth,
      // Bookings included: every request the tenant received from this gateway.
      peakPerSecondAll: peakPerSecond(stats.requests.map((request) => request.at)),
      tenantRequestsAll: stats.requests.length,
    };
  }
  return result;
}

/** Whole seconds (counted from t0) in which the tenant received more than the limit. */
function overSeconds(requests, t0) {
  const perSecond = new Map();
  for (const { at } of requests) {
    const second = Math.floor((at - t0) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  return [...perSecond.values()].filter((count) => count > RATE_LIMIT).length;
}

function table({ config, machine, gateway: g, direct: d }) {
  const cell = (phase, pick) => (phase ? pick(phase) : '—');
  const codes = (phase) =>
    Object.entries(phase.statuses)
      .sort()
      .map(([status, count]) => `${status}: ${count.toLocaleString('en-US')}`)
      .join(', ');
  const rows = [
    ['visitor reads (per visitor)', (p) => `${p.visitorReads.toLocaleString('en-US')} (${p.readsPerVisitor})`],
    ['visitor status codes', codes],
    ['visitor reads resent after a closed keep-alive connection', (p) => String(p.socketRetries)],
    ['visitor latency p50 / p99 / max', (p) => `${p.latencyMs.p50} / ${p.latencyMs.p99} / ${p.latencyMs.max} ms`],
    [
      'the gateway’s own time per read p50 / p99 / max',
      (p) => (p.gateway ? `${p.gateway.readMs.p50} / ${p.gateway.readMs.p99} / ${p.gateway.readMs.max} ms` : '—'),
    ],
    ['**tenant req/s, peak in any 1 s**', (p) => `**${p.tenant.peakPerSecond}**`],
    ['tenant req/s, mean', (p) => `${p.tenant.meanPerSecond} (${p.tenant.requests.toLocaleString('en-US')} requests)`],
    [
      `tenant requests over ${RATE_LIMIT}/s (sliding 1 s)`,
      (p) =>
        `${p.tenant.overLimit.toLocaleString('en-US')} (${p.tenant.overLimitShare} %)${p === d ? `, ${p.tenant.visitorsOverLimit} visitors hit` : ''}, ${p.tenant.secondsOverLimit} whole s over`,
    ],
    [
      'reads coalesced (no tenant read)',
      (p) =>
        p.gateway
          ? `${p.gateway.coalescedShare} % (${p.gateway.coalesced.toLocaleString('en-US')} of ${(p.gateway.readStatuses[200] ?? 0).toLocaleString('en-US')}); tenant spared ${p.gateway.tenantSparedShare} %`
          : '0 %',
    ],
    [
      'stale answers (status already left when sent)',
      (p) =>
        `${p.stale.answers} (${p.stale.share} %), max ${(p.stale.maxMs / 1000).toFixed(1)} s` +
        (p.stale.answers
          ? ` (${Object.entries(p.stale.byStatus)
              .map(([status, { answers, maxMs }]) => `${status} ${answers}, ≤ ${(maxMs / 1000).toFixed(1)} s`)
              .join('; ')})`
          : ''),
    ],
    ['server process CPU', (p) => `${(p.serverCpuMs / 1000).toFixed(1)} s`],
  ];
  const lines = [
    `${config.visitors} visitors, ${config.calls} calls, ${config.seconds} s, policy: ${config.policy === 'element' ? '`nextPollDelay` (the element’s)' : 'fixed 5 s + ≤ 20 % jitter'}, arrivals over ${config.rampSeconds} s; ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadBefore[0]} before, ${machine.loadAfter[0]} after`,
    '',
    '| | through the gateway | direct to the tenant |',
    '|---|--:|--:|',
    ...rows.map(([name, pick]) => `| ${name} | ${cell(g, pick)} | ${cell(d, pick)} |`),
  ];
  if (g?.gateway) {
    lines.push(
      '',
      `Gateway: tenant peak with the bookings included ${g.gateway.peakPerSecondAll} req/s (${g.gateway.tenantRequestsAll} requests in all; ${g.booking.calls} bookings in ${(g.booking.ms / 1000).toFixed(1)} s, ${g.booking.retried429} retried after 429); ` +
        `largest budget queue ${g.gateway.maxQueueDepth}; tenant answers ${JSON.stringify(g.gateway.upstream)}.`,
    );
  }
  for (const [name, phase] of [
    ['gateway', g],
    ['direct', d],
  ])
    if (phase?.abandoned)
      lines.push(
        `Note: ${name} phase — some visitors were still reading ${GRACE_MS / 1000} s after the end and were abandoned.`,
      );
  return lines.join('\n');
}

// Last, so that every declaration above is initialised.
if (process.argv.includes('--serve')) await serveRole();
else await main();
