// Real components for the scale-out suites: a `redis-server` of its own on a free port (Debian's
// package; `.ci/run` installs it), `ccai-gateway` processes (the built bin) sharing it, and an
// event-stream reader over a raw socket. Not a test file itself (no `.test.` in its name).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createServer, connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCapabilitySigner } from '../../dist/node/server/capability.js';

const BIN = fileURLToPath(new URL('../../bin/ccai-gateway.mjs', import.meta.url));
export const WEBHOOK = { user: 'ccai-export', password: 'webhook-password-7f3a9c1e' };

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `PING` answered with `+PONG` on a fresh connection. */
function pings(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
  });
}

/** A `redis-server` of this test's own, without persistence; `stop()` and `start()` it again on the same port. */
export async function startRedis() {
  const port = await freePort();
  let child;
  const redis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      for (let i = 0; i < 100 && !(await pings(port)); i++) await sleep(50);
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
  await redis.start();
  return redis;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `ccai-gateway` as its own process against `tenant`, sharing `redisUrl` (`nodeArgs` go to node
 * before the bin). Resolves once it listens: `{ url, adminUrl, stderr, kill(signal) }`.
 */
export async function startInstance({
  tenant,
  redisUrl,
  secret,
  subdomain,
  token,
  args = [],
  env = {},
  nodeArgs = [],
}) {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      BIN,
      '--tenant',
      tenant.origin,
      '--subdomain',
      subdomain,
      '--menus',
      '9,10',
      '--languages',
      'en',
      '--port',
      '0',
      '--admin-port',
      '0',
      '--instances',
      '3',
      ...(redisUrl ? ['--redis', redisUrl] : []),
      ...args,
    ],
    {
      env: {
        PATH: process.env.PATH,
        CCAI_API_TOKEN: token,
        CCAI_GATEWAY_SECRET: secret,
        CCAI_WEBHOOK_USER: WEBHOOK.user,
        CCAI_WEBHOOK_PASSWORD: WEBHOOK.password,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const instance = { child, stderr: '', url: '', adminUrl: '' };
  child.stderr.on('data', (chunk) => (instance.stderr += chunk));
  let stdout = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve((instance.url = match[1]));
    });
    child.on('exit', (code) => reject(new Error(`gateway exited (${code}): ${instance.stderr}`)));
  });
  instance.adminUrl = /admin \(\/metrics, \/healthz\) on (http:\/\/\S+)/.exec(instance.stderr)?.[1] ?? '';
  instance.kill = async (signal = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  return instance;
}

/** Capabilities the instances accept, made with their secret (as a booking through any of them would). */
export const signerFor = (secret) => createCapabilitySigner(secret, 3_600_000, Date.now);

/**
 * Reads `GET {url}/apps/api/v1/calls/{id}/events` as `EventSource` would (without reconnecting:
 * the tests decide where to). `events` collects `{ id, event, data, call, at }` (`at`: when it was read); `closed` resolves when the
 * server ends the stream or the connection drops.
 */
export function openStream(url, id, { capability, lastEventId, inQuery = false } = {}) {
  const { hostname, port } = new URL(url);
  const path = `/apps/api/v1/calls/${id}/events${inQuery ? `?capability=${encodeURIComponent(capability)}` : ''}`;
  const headers = { Accept: 'text/event-stream' };
  if (!inQuery && capability) headers['Ccai-Capability'] = capability;
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const stream = {
    events: [],
    comments: 0,
    status: 0,
    headers: undefined,
    lastEventId,
    closed: undefined,
    req: undefined,
  };
  let waiters = [];
  const notify = () => (waiters = waiters.filter((waiter) => !waiter()));
  stream.closed = new Promise((resolveClosed) => {
    stream.opened = new Promise((resolveOpened, rejectOpened) => {
      const req = httpRequest({ host: hostname, port, path, headers, agent: false }, (res) => {
        stream.status = res.statusCode;
        stream.headers = res.headers;
        resolveOpened(stream);
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = { event: 'message', data: '' };
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) stream.comments++;
              else if (line.startsWith('event: ')) event.event = line.slice(7);
              else if (line.startsWith('id: ')) event.id = line.slice(4);
              else if (line.startsWith('data: ')) event.data += line.slice(6);
            }
            if (event.data) {
              if (event.id !== undefined) stream.lastEventId = event.id;
              stream.events.push({ ...event, call: JSON.parse(event.data), at: Date.now() });
            }
          }
          notify();
        });
        res.on('end', () => resolveClosed());
        res.on('close', () => resolveClosed());
        res.on('error', () => resolveClosed());
      });
      req.on('error', (error) => (rejectOpened(error), resolveClosed()));
      req.end();
      stream.req = req;
    });
  });
  /** Resolves once `predicate(events)` holds; rejects after `timeoutMs`. */
  stream.until = (predicate, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`stream of call ${id}: still ${JSON.stringify(stream.events.map((e) => e.call.status))}`)),
        timeoutMs,
      );
      const check = () => {
        if (!predicate(stream.events)) return false;
        clearTimeout(timer);
        resolve(stream.events);
        return true;
      };
      if (!check()) waiters.push(check);
    });
  stream.statuses = () => stream.events.map((event) => event.call.status);
  stream.close = () => stream.req?.destroy();
  return stream;
}

/** Creates a call at the tenant directly (not through a gateway), so no gateway has it cached. */
export async function callAtTenant(tenant, { subdomain, token }, fields = {}) {
  const response = await fetch(`${tenant.origin}/apps/api/v1/calls`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`${subdomain}:${token}`).toString('base64')}`,
    },
    body: JSON.stringify({
      call_type: 'Voice Inbound (API)',
      menu_id: 9,
      end_user_number: '+1 859-657-9625',
      lang: 'en',
      ...fields,
    }),
  });
  if (response.status !== 201) throw new Error(`tenant refused: ${response.status} ${await response.text()}`);
  return (await response.json()).id;
}

/** The most requests in any one-second window [t, t + 1000) that starts at an arrival. */
export function busiestSecond(received) {
  const times = received.map((request) => request.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (j < times.length && times[j] < times[i] + 1000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}
