/**
 * `ccai-gateway`: flags and environment into `GatewayOptions`, the gateway on a visitor port,
 * metrics on an optional admin port, and a graceful stop on SIGTERM/SIGINT. Without `--tenant` it
 * runs against the built-in mock tenant, so `npx ccai-gateway` works out of the box.
 * stdout carries the one "listening" line and the gateway's request log; everything else is stderr.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createGateway } from './gateway.js';
import { createMetrics } from './metrics.js';
import { serve, type Served, type WebHandler } from './node.js';
import { parseDuration, type GatewayLimits, type GatewayOptions } from './options.js';

interface Flag {
  name: string;
  env: string;
  /** Placeholder for the value; absent for an on/off flag. */
  arg?: string;
  default: string;
  help: string;
}

const FLAGS = [
  { name: 'tenant', env: 'CCAI_TENANT_URL', arg: 'URL', default: 'built-in mock tenant', help: "The tenant's origin, e.g. https://acme.uc1.ccaiplatform.com" },
  { name: 'subdomain', env: 'CCAI_SUBDOMAIN', arg: 'NAME', default: 'none, required with --tenant ("mock" with the mock)', help: "The tenant's subdomain (the API user name)" },
  { name: 'menus', env: 'CCAI_MENUS', arg: 'IDS', default: 'none, required with --tenant (9,10 with the mock)', help: 'Menu ids visitors may book on, comma-separated' },
  { name: 'languages', env: 'CCAI_LANGUAGES', arg: 'TAGS', default: 'en (en,ja,es with the mock)', help: 'Languages visitors may ask for, comma-separated' },
  { name: 'origins', env: 'CCAI_ALLOWED_ORIGINS', arg: 'ORIGINS', default: 'none (same-origin pages only)', help: 'Origins allowed by CORS, comma-separated' },
  { name: 'port', env: 'PORT', arg: 'N', default: '8788', help: 'Visitor port (0: any free port)' },
  { name: 'host', env: 'CCAI_HOST', arg: 'HOST', default: '127.0.0.1', help: 'Address to listen on (visitor and admin ports)' },
  { name: 'admin-port', env: 'CCAI_ADMIN_PORT', arg: 'N', default: 'none', help: 'Admin port for /metrics and /healthz (0: any free port)' },
  { name: 'trust-proxy', env: 'CCAI_TRUST_PROXY', default: 'off', help: "Take the visitor's address from X-Forwarded-For" },
  { name: 'call-now', env: 'CCAI_CALL_NOW', default: 'off', help: 'Also allow "call me now" on the same menus' },
  { name: 'allow-ticket-id', env: 'CCAI_ALLOW_TICKET_ID', default: 'off', help: "Pass a visitor's ticket_id on" },
  { name: 'upstream-rps', env: 'CCAI_UPSTREAM_RPS', arg: 'N', default: '10', help: 'Requests per second the tenant may receive from this instance' },
  { name: 'upstream-timeout-ms', env: 'CCAI_UPSTREAM_TIMEOUT_MS', arg: 'MS', default: '10000', help: 'Time allowed for one tenant request' },
  { name: 'upstream-queue-size', env: 'CCAI_UPSTREAM_QUEUE_SIZE', arg: 'N', default: '100', help: "Requests that may wait for the tenant's budget before 429" },
  { name: 'capability-ttl', env: 'CCAI_CAPABILITY_TTL', arg: 'DURATION', default: '7d', help: 'How long a capability stays valid (7d, 12h, 30m, 45s, 500ms)' },
  { name: 'horizon-days', env: 'CCAI_HORIZON_DAYS', arg: 'N', default: '30', help: 'How far ahead a call may be booked' },
  { name: 'instances', env: 'CCAI_INSTANCES', arg: 'N', default: '1', help: 'Instances sharing the tenant' },
  { name: 'bookings-per-hour', env: 'CCAI_BOOKINGS_PER_HOUR', arg: 'N', default: '5', help: 'Bookings per visitor address per hour' },
  { name: 'reads-per-second', env: 'CCAI_READS_PER_SECOND', arg: 'N', default: '20', help: 'Reads per visitor address per second' },
  { name: 'bookings-per-number-per-day', env: 'CCAI_BOOKINGS_PER_NUMBER_PER_DAY', arg: 'N', default: '3', help: 'Bookings per phone number per day' },
  { name: 'call-read-path', env: 'CCAI_CALL_READ_PATH', arg: 'PATH', default: '/manager/api/v1/calls/{id}', help: "The tenant's read of one call" },
] as const satisfies readonly Flag[];

type FlagName = (typeof FLAGS)[number]['name'];

/** Secrets come from the environment only: a flag would show in `ps` and shell history. */
const ENV_ONLY = [
  { env: 'CCAI_API_TOKEN', default: 'none, required with --tenant (made per process with the mock)', help: 'The API token (the API password)', flags: ['token', 'api-token'] },
  { env: 'CCAI_GATEWAY_SECRET', default: 'generated per process', help: 'Key that signs capabilities (at least 32 characters)', flags: ['secret', 'gateway-secret'] },
] as const;

const MOCK_MENUS = [9, 10];
const MOCK_LANGUAGES = ['en', 'ja', 'es'];
const MIN_SECRET_LENGTH = 32;

export function helpText(): string {
  const entries = [
    ...FLAGS.map((flag) => ({ usage: `--${flag.name}${'arg' in flag ? ` ${flag.arg}` : ''}  (${flag.env})`, help: flag.help, default: flag.default })),
    ...ENV_ONLY.map((entry) => ({ usage: `${entry.env}  (environment only)`, help: entry.help, default: entry.default })),
  ];
  const lines = entries.map((entry) => `  ${entry.usage}\n      ${entry.help}. Default: ${entry.default}.`);
  return `Usage: ccai-gateway [flags]

The backend between the ccai-widgets and a CCAI Platform tenant. A flag wins over its environment
variable; on/off variables take 1, true, yes or 0, false, no. Without --tenant the gateway runs
against a built-in mock tenant (needs msw).

${lines.join('\n')}
  --help, -h
      This text.
`;
}

/** A bad flag or variable: its message goes to stderr and the exit code is 2. */
class UsageError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

interface Source {
  raw: string | boolean;
  /** `--port` or `PORT`, for messages. */
  where: string;
}

function sourceOf(values: Record<string, string | boolean | undefined>, env: Env, flag: Flag): Source | undefined {
  const given = values[flag.name];
  if (given !== undefined) return { raw: given, where: `--${flag.name}` };
  const fromEnv = env[flag.env];
  // An empty variable is unset, except for on/off ones where it means off.
  if (fromEnv === undefined || (fromEnv === '' && 'arg' in flag)) return undefined;
  return { raw: fromEnv, where: flag.env };
}

const shown = (raw: string) => JSON.stringify(raw);

function onOff({ raw, where }: Source): boolean {
  if (typeof raw === 'boolean') return raw;
  const text = raw.trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no', ''].includes(text)) return false;
  throw new UsageError(`${where}=${shown(raw)} is not on/off: use 1, true, yes or 0, false, no`);
}

function integer({ raw, where }: Source, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = String(raw);
  const value = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${where} ${shown(text)} is not a whole number from ${min} to ${max}`);
  return value;
}

function positiveNumber({ raw, where }: Source): number {
  const text = String(raw);
  const value = /^\d{1,15}(\.\d{1,6})?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0)) throw new UsageError(`${where} ${shown(text)} is not a number above 0`);
  return value;
}

function matching({ raw, where }: Source, pattern: RegExp, what: string): string {
  const text = String(raw);
  if (!pattern.test(text)) throw new UsageError(`${where} ${shown(text)} is not ${what}`);
  return text;
}

function list({ raw, where }: Source, check: (item: string) => boolean, what: string): string[] {
  const items = String(raw).split(',').map((item) => item.trim());
  const bad = items.find((item) => !check(item));
  if (bad !== undefined) throw new UsageError(`${where} ${shown(String(raw))}: ${shown(bad)} is not ${what}`);
  return items;
}

function tenantUrl({ raw, where }: Source): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new UsageError(`${where} ${shown(String(raw))} is not a URL`);
  }
  // Not echoed: a URL with credentials in it may hold the token.
  if (url.username || url.password) throw new UsageError(`${where} has credentials in it: give them as --subdomain and CCAI_API_TOKEN instead`);
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(`${where} ${shown(String(raw))} is not an http(s) origin such as https://acme.uc1.ccaiplatform.com`);
  }
  return url.origin;
}

const isOrigin = (text: string) => {
  try {
    const url = new URL(text);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === text;
  } catch {
    return false;
  }
};

/** Leaves out what was not set, so the gateway's own defaults apply. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

interface Config {
  /** Undefined: the built-in mock tenant. */
  tenantUrl?: string;
  subdomain?: string;
  apiToken?: string;
  secret?: string;
  port: number;
  host: string;
  adminPort?: number;
  menus?: number[];
  languages?: string[];
  options: Partial<GatewayOptions>;
}

/** Flags and environment into a config; throws `UsageError` for the first bad value. */
function configOf(values: Record<string, string | boolean | undefined>, env: Env): Config {
  const sources = Object.fromEntries(FLAGS.map((flag) => [flag.name, sourceOf(values, env, flag)])) as Record<FlagName, Source | undefined>;
  const optional = <T>(name: FlagName, parse: (source: Source) => T): T | undefined => {
    const source = sources[name];
    return source ? parse(source) : undefined;
  };
  const count = (name: FlagName, min = 1) => optional(name, (source) => integer(source, min));
  const port = (name: FlagName) => optional(name, (source) => integer(source, 0, 65535));

  const limits: GatewayLimits = defined({
    bookingsPerHour: count('bookings-per-hour'),
    readsPerSecond: count('reads-per-second'),
    bookingsPerNumberPerDay: count('bookings-per-number-per-day'),
    upstreamQueueSize: count('upstream-queue-size'),
  });
  const options: Partial<GatewayOptions> = defined({
    origins: optional('origins', (source) => list(source, isOrigin, 'an origin such as https://example.com (no path, no trailing slash)')),
    trustProxy: optional('trust-proxy', onOff),
    callNow: optional('call-now', onOff),
    allowTicketId: optional('allow-ticket-id', onOff),
    upstreamRps: optional('upstream-rps', positiveNumber),
    upstreamTimeoutMs: count('upstream-timeout-ms'),
    capabilityTtl: optional('capability-ttl', ({ raw, where }) => {
      const ms = parseDuration(String(raw));
      if (ms === undefined) throw new UsageError(`${where} ${shown(String(raw))} is not a duration such as 7d, 12h, 30m, 45s or 500ms`);
      return ms;
    }),
    horizonDays: count('horizon-days'),
    instances: count('instances'),
    callReadPath: optional('call-read-path', ({ raw, where }) => {
      const path = String(raw);
      if (!path.startsWith('/') || !path.includes('{id}') || /[\s?#]/.test(path)) throw new UsageError(`${where} ${shown(path)} is not a path with {id} in it, such as /manager/api/v1/calls/{id}`);
      return path;
    }),
    limits,
  });
  const secret = env.CCAI_GATEWAY_SECRET || undefined;
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new UsageError(`CCAI_GATEWAY_SECRET is too short: use at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`);
  }
  const visitorPort = port('port') ?? 8788;
  const adminPort = port('admin-port');
  if (adminPort !== undefined && adminPort !== 0 && adminPort === visitorPort) {
    throw new UsageError(`--admin-port ${adminPort} is the visitor port: metrics must not be served to visitors`);
  }
  return {
    tenantUrl: optional('tenant', tenantUrl),
    subdomain: optional('subdomain', (source) => matching(source, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, 'a subdomain')),
    apiToken: env.CCAI_API_TOKEN || undefined,
    secret,
    port: visitorPort,
    host: optional('host', (source) => matching(source, /^[\w.:-]+$/, 'a host name or address')) ?? '127.0.0.1',
    adminPort,
    menus: optional('menus', (source) => list(source, (id) => /^\d{1,15}$/.test(id) && Number(id) > 0, 'a menu id (decimal digits)').map(Number)),
    languages: optional('languages', (source) => list(source, (tag) => /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag), 'a language tag such as en or pt-BR')),
    options,
  };
}

/** Refuses a secret passed as a flag, before anything else reads the arguments. */
function refuseSecretFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    const name = /^--([\w-]+)/.exec(arg)?.[1];
    const entry = ENV_ONLY.find((candidate) => (candidate.flags as readonly string[]).includes(name ?? ''));
    if (entry) throw new UsageError(`--${name} is refused: a flag shows in ps and shell history. Set the environment variable ${entry.env} instead`);
  }
}

function flagsOf(argv: string[]): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries(FLAGS.map((flag) => [flag.name, { type: 'arg' in flag ? ('string' as const) : ('boolean' as const) }]));
  try {
    const { values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
    return values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('. ')[0]! : String(error);
    throw new UsageError(message.replace(/^Unknown option/, 'Unknown flag'));
  }
}

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
  const hidden = [env.CCAI_API_TOKEN, env.CCAI_GATEWAY_SECRET].filter((value): value is string => !!value && value.length >= 6);
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
      warn('CCAI_GATEWAY_SECRET is not set: using a secret made for this process, so capabilities given to visitors will not survive a restart (or work on another instance)');
    }
    const metrics = config.adminPort === undefined ? undefined : createMetrics();
    const gateway = createGateway({
      ...config.options,
      ...tenant,
      secret,
      log: (line) => void io.stdout.write(redact(line) + '\n'),
      ...(metrics ? { observer: metrics.observer } : {}),
    });
    visitor = await serve(gateway, { port: config.port, host: config.host });
    let adminUrl: string | undefined;
    if (metrics) {
      // Health here is for load balancers: 503 once stopping, so they send no one new; and no log line per probe.
      const adminHandler: WebHandler = async (request) =>
        new URL(request.url).pathname === '/healthz'
          ? Response.json({ status: stopping ? 'draining' : 'ok' }, { status: stopping ? 503 : 200, headers: { 'Cache-Control': 'no-store' } })
          : metrics.handler(request);
      const admin = await serve(adminHandler, { port: config.adminPort!, host: config.host });
      others.push(() => admin.close());
      adminUrl = admin.url;
      warn(`admin (/metrics, /healthz) on ${admin.url}`);
    }
    io.stdout.write(`ccai-gateway listening on ${visitor.url}\n`);
    const drain = () => ((stopping = true), gateway.drain());
    return handleFor({ visitor, adminUrl, drain, others, io, warn });
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

/** The tenant the gateway talks to: the one given, or the built-in mock started here. */
async function tenantOf(config: Config, warn: (text: string) => void, cleanups: Array<() => Promise<void>>) {
  if (config.tenantUrl) {
    const missing = [!config.subdomain && '--subdomain (CCAI_SUBDOMAIN)', !config.apiToken && 'CCAI_API_TOKEN', !config.menus && '--menus (CCAI_MENUS)'].filter(Boolean);
    if (missing.length > 0) throw new UsageError(`with --tenant, ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required`);
    return { tenantUrl: config.tenantUrl, subdomain: config.subdomain!, apiToken: config.apiToken!, menus: config.menus!, languages: config.languages };
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
  warn(`no --tenant: using the built-in MOCK tenant at ${tenant.origin} (made-up data; nothing reaches a real CCAI Platform tenant)`);
  return { tenantUrl: tenant.origin, subdomain, apiToken, menus: config.menus ?? MOCK_MENUS, languages: config.languages ?? MOCK_LANGUAGES };
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
