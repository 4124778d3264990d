/**
 * `ccai-gateway`: the config (`cli-config.ts`) into a gateway on a visitor port,
 * metrics on an optional admin port, and a graceful stop on SIGTERM/SIGINT. Without `--tenant` it
 * runs against the built-in mock tenant, so `npx ccai-gateway` works out of the box.
 * stdout carries the one "listening" line and the gateway's request log; everything else is stderr.
 */
import { randomBytes } from 'node:crypto';
import { createGateway } from './gateway.js';
import { createMetrics } from './metrics.js';
import { serve, type Served, type WebHandler } from './node.js';
import {
  MOCK_LANGUAGES,
  MOCK_MENUS,
  UsageError,
  configOf,
  flagsOf,
  helpText,
  refuseSecretFlags,
  type Config,
  type Env,
} from './cli-config.js';

export { helpText };

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Where SIGTERM and SIGINT are heard (the bin passes `process`); none in tests. */
  on?(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  off?(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

export interface CliHandle {
  /** The visitor URL, with the port actually bound. */
  url: string;
  adminUrl?: string;
  /** Stops accepting, lets requests in flight finish, closes the admin port and the mock tenant. */
  close(): Promise<void>;
  /** The exit code once stopped: 0 after a graceful stop, 1 on a second signal or a failed stop. */
  closed: Promise<number>;
}

/**
 * Runs `ccai-gateway`. Resolves with an exit code (help, bad usage: 2, failure to start: 1) or,
 * once listening, with a handle; it never exits the process itself.
 */
export async function main(argv: string[], env: Env, io: CliIo = process): Promise<CliHandle | number> {
  // The token and the secret never reach the output, even inside someone else's message.
  const hidden = [env.CCAI_API_TOKEN, env.CCAI_GATEWAY_SECRET, env.CCAI_WEBHOOK_PASSWORD, redisPassword(env)].filter(
    (value): value is string => !!value && value.length >= 6,
  );
  const redact = (text: string) => hidden.reduce((out, value) => out.replaceAll(value, '[redacted]'), text);
  const warn = (text: string) => void io.stderr.write(redact(`ccai-gateway: ${text}\n`));
  /** What to close after the visitor port: the admin port and the mock tenant. */
  const others: Array<() => Promise<void>> = [];
  let visitor: Served | undefined;
  let stopping = false;
  try {
    refuseSecretFlags(argv);
    const values = flagsOf(argv);
    if (values.help) {
      io.stdout.write(helpText());
      return 0;
    }
    const config = configOf(values, env);
    const tenant = await tenantOf(config, warn, others);
    let secret = config.secret;
    if (!secret) {
      secret = randomBytes(32).toString('base64url');
      warn(
        'CCAI_GATEWAY_SECRET is not set: using a secret made for this process, so capabilities given to visitors will not survive a restart (or work on another instance)',
      );
    }
    const metrics = config.adminPort === undefined ? undefined : createMetrics();
    const shared = config.redisUrl ? await sharedOf(config, warn, others) : undefined;
    const gateway = createGateway({
      ...config.options,
      ...tenant,
      secret,
      ...(shared ? { shared } : {}),
      ...(config.webhook ? { webhook: config.webhook } : {}),
      log: (line) => void io.stdout.write(redact(line) + '\n'),
      ...(metrics ? { observer: metrics.observer } : {}),
    });
    visitor = await serve(gateway, { port: config.port, host: config.host });
    let adminUrl: string | undefined;
    if (metrics) {
      // Health here is for load balancers: 503 once stopping, so they send no one new; and no log line per probe.
      const adminHandler: WebHandler = async (request) =>
        new URL(request.url).pathname === '/healthz'
          ? Response.json(
              { status: stopping ? 'draining' : shared?.degraded ? 'degraded' : 'ok' },
              { status: stopping ? 503 : 200, headers: { 'Cache-Control': 'no-store' } },
            )
          : metrics.handler(request);
      const admin = await serve(adminHandler, { port: config.adminPort!, host: config.host });
      others.push(() => admin.close());
      adminUrl = admin.url;
      warn(`admin (/metrics, /healthz) on ${admin.url}`);
    }
    const drain = () => ((stopping = true), gateway.drain());
    // The signals are heard before the line says it listens: whoever waits for that line may stop
    // it at once (a supervisor, a test), and a SIGTERM before the handler would kill it unclean.
    const handle = handleFor({ visitor, adminUrl, drain, others, io, warn });
    io.stdout.write(`ccai-gateway listening on ${visitor.url}\n`);
    return handle;
  } catch (error) {
    await Promise.allSettled([visitor?.close(), ...others.map((close) => close())]);
    if (error instanceof UsageError) {
      warn(`${error.message}\nRun ccai-gateway --help for every flag.`);
      return 2;
    }
    warn(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** The password in `REDIS_URL` (or `--redis`, which the environment does not see: it is redacted there too). */
function redisPassword(env: Env): string | undefined {
  const text = env.REDIS_URL;
  if (!text || !URL.canParse(text)) return undefined;
  return decodeURIComponent(new URL(text).password) || undefined;
}

/** Redis for shared state; the gateway starts even while Redis is away, and says so. */
async function sharedOf(config: Config, warn: (text: string) => void, cleanups: Array<() => Promise<void>>) {
  const { createRedisShared } = await import('./redis-shared.js');
  const where = new URL(config.redisUrl!).host;
  let started = false;
  const shared = createRedisShared({
    url: config.redisUrl!,
    // As long as a read of the tenant may take: its timeout and its wait for the budget.
    lockMs: (config.options.upstreamTimeoutMs ?? 10_000) + 5_000,
    onAvailability: (available) => {
      if (started)
        warn(
          available
            ? `Redis at ${where} is back: limits, cache and live push are shared again`
            : `Redis at ${where} is unreachable: degraded, this instance uses its own share of the limits until it is back`,
        );
    },
  });
  cleanups.push(() => shared.close());
  if (!(await shared.ready(3_000)))
    warn(`Redis at ${where} is unreachable: starting degraded (reconnecting in the background)`);
  started = true;
  return shared;
}

/** The tenant the gateway talks to: the one given, or the built-in mock started here. */
async function tenantOf(config: Config, warn: (text: string) => void, cleanups: Array<() => Promise<void>>) {
  if (config.tenantUrl) {
    const missing = [
      !config.subdomain && '--subdomain (CCAI_SUBDOMAIN)',
      !config.apiToken && 'CCAI_API_TOKEN',
      !config.menus && '--menus (CCAI_MENUS)',
    ].filter(Boolean);
    if (missing.length > 0)
      throw new UsageError(`with --tenant, ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required`);
    return {
      tenantUrl: config.tenantUrl,
      subdomain: config.subdomain!,
      apiToken: config.apiToken!,
      menus: config.menus!,
      languages: config.languages,
    };
  }
  let startMockTenant: typeof import('./mock-tenant.js').startMockTenant;
  try {
    ({ startMockTenant } = await import('./mock-tenant.js'));
  } catch {
    throw new UsageError('--tenant is required (or install msw for the built-in mock tenant)');
  }
  const subdomain = config.subdomain ?? 'mock';
  const apiToken = config.apiToken ?? randomBytes(24).toString('base64url');
  const tenant = await startMockTenant({ auth: { user: subdomain, password: apiToken } });
  cleanups.push(() => tenant.close());
  warn(
    `no --tenant: using the built-in MOCK tenant at ${tenant.origin} (made-up data; nothing reaches a real CCAI Platform tenant)`,
  );
  return {
    tenantUrl: tenant.origin,
    subdomain,
    apiToken,
    menus: config.menus ?? MOCK_MENUS,
    languages: config.languages ?? MOCK_LANGUAGES,
  };
}

interface Running {
  visitor: Served;
  adminUrl: string | undefined;
  drain: () => Promise<void>;
  others: Array<() => Promise<void>>;
  io: CliIo;
  warn: (text: string) => void;
}

function handleFor({ visitor, adminUrl, drain, others, io, warn }: Running): CliHandle {
  let exit!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (exit = resolve));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting first; requests on connections already open are answered or refused by drain.
      const visitorClosed = visitor.close();
      await drain();
      await visitorClosed;
      await Promise.all(others.map((closeOther) => closeOther()));
      // Only now: a second signal while stopping must still reach onSignal.
      io.off?.('SIGTERM', onSignal);
      io.off?.('SIGINT', onSignal);
    })());
  const stop = () =>
    close().then(
      () => exit(0),
      (error: unknown) => {
        exit(1);
        throw error;
      },
    );
  let signalled = false;
  function onSignal() {
    if (signalled) {
      warn('second signal: exiting now');
      exit(1);
      return;
    }
    signalled = true;
    warn('stopping: finishing the requests in flight (signal again to exit at once)');
    stop().catch((error: unknown) => warn(`stop failed: ${error instanceof Error ? error.message : String(error)}`));
  }
  io.on?.('SIGTERM', onSignal);
  io.on?.('SIGINT', onSignal);
  return { url: visitor.url, ...(adminUrl ? { adminUrl } : {}), close: stop, closed };
}
