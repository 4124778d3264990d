/**
 * `ccai-gateway`'s flags and environment: the table `--help` prints, and their parsing into a
 * config. A bad value is a `UsageError` naming the flag or variable and the value; the token and
 * the secret come from the environment only.
 */
import { parseArgs } from 'node:util';
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
  {
    name: 'tenant',
    env: 'CCAI_TENANT_URL',
    arg: 'URL',
    default: 'built-in mock tenant',
    help: "The tenant's origin, e.g. https://acme.uc1.ccaiplatform.com",
  },
  {
    name: 'subdomain',
    env: 'CCAI_SUBDOMAIN',
    arg: 'NAME',
    default: 'none, required with --tenant ("mock" with the mock)',
    help: "The tenant's subdomain (the API user name)",
  },
  {
    name: 'menus',
    env: 'CCAI_MENUS',
    arg: 'IDS',
    default: 'none, required with --tenant (9,10 with the mock)',
    help: 'Menu ids visitors may book on, comma-separated',
  },
  {
    name: 'languages',
    env: 'CCAI_LANGUAGES',
    arg: 'TAGS',
    default: 'en (en,ja,es with the mock)',
    help: 'Languages visitors may ask for, comma-separated',
  },
  {
    name: 'origins',
    env: 'CCAI_ALLOWED_ORIGINS',
    arg: 'ORIGINS',
    default: 'none (same-origin pages only)',
    help: 'Origins allowed by CORS, comma-separated',
  },
  { name: 'port', env: 'PORT', arg: 'N', default: '8788', help: 'Visitor port (0: any free port)' },
  {
    name: 'host',
    env: 'CCAI_HOST',
    arg: 'HOST',
    default: '127.0.0.1',
    help: 'Address to listen on (visitor and admin ports)',
  },
  {
    name: 'admin-port',
    env: 'CCAI_ADMIN_PORT',
    arg: 'N',
    default: 'none',
    help: 'Admin port for /metrics and /healthz (0: any free port)',
  },
  {
    name: 'trust-proxy',
    env: 'CCAI_TRUST_PROXY',
    default: 'off',
    help: "Take the visitor's address from X-Forwarded-For",
  },
  { name: 'call-now', env: 'CCAI_CALL_NOW', default: 'off', help: 'Also allow "call me now" on the same menus' },
  { name: 'allow-ticket-id', env: 'CCAI_ALLOW_TICKET_ID', default: 'off', help: "Pass a visitor's ticket_id on" },
  {
    name: 'upstream-rps',
    env: 'CCAI_UPSTREAM_RPS',
    arg: 'N',
    default: '10',
    help: 'Requests per second the tenant may receive from this instance',
  },
  {
    name: 'upstream-timeout-ms',
    env: 'CCAI_UPSTREAM_TIMEOUT_MS',
    arg: 'MS',
    default: '10000',
    help: 'Time allowed for one tenant request',
  },
  {
    name: 'upstream-queue-size',
    env: 'CCAI_UPSTREAM_QUEUE_SIZE',
    arg: 'N',
    default: '100',
    help: "Requests that may wait for the tenant's budget before 429",
  },
  {
    name: 'capability-ttl',
    env: 'CCAI_CAPABILITY_TTL',
    arg: 'DURATION',
    default: '7d',
    help: 'How long a capability stays valid (7d, 12h, 30m, 45s, 500ms)',
  },
  {
    name: 'horizon-days',
    env: 'CCAI_HORIZON_DAYS',
    arg: 'N',
    default: '30',
    help: 'How far ahead a call may be booked',
  },
  { name: 'instances', env: 'CCAI_INSTANCES', arg: 'N', default: '1', help: 'Instances sharing the tenant' },
  {
    name: 'bookings-per-hour',
    env: 'CCAI_BOOKINGS_PER_HOUR',
    arg: 'N',
    default: '5',
    help: 'Bookings per visitor address per hour',
  },
  {
    name: 'reads-per-second',
    env: 'CCAI_READS_PER_SECOND',
    arg: 'N',
    default: '20',
    help: 'Reads per visitor address per second',
  },
  {
    name: 'bookings-per-number-per-day',
    env: 'CCAI_BOOKINGS_PER_NUMBER_PER_DAY',
    arg: 'N',
    default: '3',
    help: 'Bookings per phone number per day',
  },
  {
    name: 'redis',
    env: 'REDIS_URL',
    arg: 'URL',
    default: "none (this instance's memory)",
    help: 'Redis shared by several instances (limits, call cache, live push, webhook dedupe), e.g. redis://redis:6379',
  },
  {
    name: 'call-read-path',
    env: 'CCAI_CALL_READ_PATH',
    arg: 'PATH',
    default: '/manager/api/v1/calls/{id}',
    help: "The tenant's read of one call",
  },
] as const satisfies readonly Flag[];

type FlagName = (typeof FLAGS)[number]['name'];

/** Secrets come from the environment only: a flag would show in `ps` and shell history. */
const ENV_ONLY = [
  {
    env: 'CCAI_API_TOKEN',
    default: 'none, required with --tenant (made per process with the mock)',
    help: 'The API token (the API password)',
    flags: ['token', 'api-token'],
  },
  {
    env: 'CCAI_GATEWAY_SECRET',
    default: 'generated per process',
    help: 'Key that signs capabilities (at least 32 characters)',
    flags: ['secret', 'gateway-secret'],
  },
  {
    env: 'CCAI_WEBHOOK_USER',
    default: 'none (no webhook route)',
    help: 'User name the session-events webhook must carry (with CCAI_WEBHOOK_PASSWORD)',
    flags: ['webhook-user'],
  },
  {
    env: 'CCAI_WEBHOOK_PASSWORD',
    default: 'none (no webhook route)',
    help: 'Password the session-events webhook must carry (at least 16 characters)',
    flags: ['webhook-password'],
  },
] as const;

export const MOCK_MENUS = [9, 10];
export const MOCK_LANGUAGES = ['en', 'ja', 'es'];
const MIN_SECRET_LENGTH = 32;
const MIN_WEBHOOK_PASSWORD_LENGTH = 16;

export function helpText(): string {
  const entries = [
    ...FLAGS.map((flag) => ({
      usage: `--${flag.name}${'arg' in flag ? ` ${flag.arg}` : ''}  (${flag.env})`,
      help: flag.help,
      default: flag.default,
    })),
    ...ENV_ONLY.map((entry) => ({
      usage: `${entry.env}  (environment only)`,
      help: entry.help,
      default: entry.default,
    })),
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
export class UsageError extends Error {}

export type Env = Readonly<Record<string, string | undefined>>;

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
  if (!(value >= min && value <= max))
    throw new UsageError(`${where} ${shown(text)} is not a whole number from ${min} to ${max}`);
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
  const items = String(raw)
    .split(',')
    .map((item) => item.trim());
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
  if (url.username || url.password)
    throw new UsageError(`${where} has credentials in it: give them as --subdomain and CCAI_API_TOKEN instead`);
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(
      `${where} ${shown(String(raw))} is not an http(s) origin such as https://acme.uc1.ccaiplatform.com`,
    );
  }
  return url.origin;
}

function redisUrl({ raw, where }: Source): string {
  const text = String(raw);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  // Not echoed: it may hold Redis's password.
  if (!url || !['redis:', 'rediss:'].includes(url.protocol) || !url.hostname)
    throw new UsageError(`${where} is not a Redis URL such as redis://redis:6379 or rediss://user:password@host:6380`);
  return text;
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

export interface Config {
  /** Undefined: the built-in mock tenant. */
  tenantUrl?: string;
  subdomain?: string;
  apiToken?: string;
  secret?: string;
  /** Redis for shared state; undefined: memory. */
  redisUrl?: string;
  webhook?: { user: string; password: string };
  port: number;
  host: string;
  adminPort?: number;
  menus?: number[];
  languages?: string[];
  options: Partial<GatewayOptions>;
}

/** Flags and environment into a config; throws `UsageError` for the first bad value. */
export function configOf(values: Record<string, string | boolean | undefined>, env: Env): Config {
  const sources = Object.fromEntries(FLAGS.map((flag) => [flag.name, sourceOf(values, env, flag)])) as Record<
    FlagName,
    Source | undefined
  >;
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
    origins: optional('origins', (source) =>
      list(source, isOrigin, 'an origin such as https://example.com (no path, no trailing slash)'),
    ),
    trustProxy: optional('trust-proxy', onOff),
    callNow: optional('call-now', onOff),
    allowTicketId: optional('allow-ticket-id', onOff),
    upstreamRps: optional('upstream-rps', positiveNumber),
    upstreamTimeoutMs: count('upstream-timeout-ms'),
    capabilityTtl: optional('capability-ttl', ({ raw, where }) => {
      const ms = parseDuration(String(raw));
      if (ms === undefined)
        throw new UsageError(`${where} ${shown(String(raw))} is not a duration such as 7d, 12h, 30m, 45s or 500ms`);
      return ms;
    }),
    horizonDays: count('horizon-days'),
    instances: count('instances'),
    callReadPath: optional('call-read-path', ({ raw, where }) => {
      const path = String(raw);
      if (!path.startsWith('/') || !path.includes('{id}') || /[\s?#]/.test(path))
        throw new UsageError(
          `${where} ${shown(path)} is not a path with {id} in it, such as /manager/api/v1/calls/{id}`,
        );
      return path;
    }),
    limits,
  });
  const secret = env.CCAI_GATEWAY_SECRET || undefined;
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new UsageError(
      `CCAI_GATEWAY_SECRET is too short: use at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`,
    );
  }
  const webhookUser = env.CCAI_WEBHOOK_USER || undefined;
  const webhookPassword = env.CCAI_WEBHOOK_PASSWORD || undefined;
  if ((webhookUser === undefined) !== (webhookPassword === undefined))
    throw new UsageError(
      'CCAI_WEBHOOK_USER and CCAI_WEBHOOK_PASSWORD go together: set both for the webhook, or neither',
    );
  if (webhookPassword !== undefined && webhookPassword.length < MIN_WEBHOOK_PASSWORD_LENGTH)
    throw new UsageError(
      `CCAI_WEBHOOK_PASSWORD is too short: use at least ${MIN_WEBHOOK_PASSWORD_LENGTH} characters (e.g. openssl rand -hex 16)`,
    );
  if (webhookUser !== undefined && webhookUser.includes(':'))
    throw new UsageError('CCAI_WEBHOOK_USER must not contain ":" (HTTP Basic cannot carry it)');
  const visitorPort = port('port') ?? 8788;
  const adminPort = port('admin-port');
  if (adminPort !== undefined && adminPort !== 0 && adminPort === visitorPort) {
    throw new UsageError(`--admin-port ${adminPort} is the visitor port: metrics must not be served to visitors`);
  }
  return {
    tenantUrl: optional('tenant', tenantUrl),
    subdomain: optional('subdomain', (source) =>
      matching(source, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, 'a subdomain'),
    ),
    apiToken: env.CCAI_API_TOKEN || undefined,
    secret,
    redisUrl: optional('redis', redisUrl),
    ...(webhookUser && webhookPassword ? { webhook: { user: webhookUser, password: webhookPassword } } : {}),
    port: visitorPort,
    host: optional('host', (source) => matching(source, /^[\w.:-]+$/, 'a host name or address')) ?? '127.0.0.1',
    adminPort,
    menus: optional('menus', (source) =>
      list(source, (id) => /^\d{1,15}$/.test(id) && Number(id) > 0, 'a menu id (decimal digits)').map(Number),
    ),
    languages: optional('languages', (source) =>
      list(source, (tag) => /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag), 'a language tag such as en or pt-BR'),
    ),
    options,
  };
}

/** Refuses a secret passed as a flag, before anything else reads the arguments. */
export function refuseSecretFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    const name = /^--([\w-]+)/.exec(arg)?.[1];
    const entry = ENV_ONLY.find((candidate) => (candidate.flags as readonly string[]).includes(name ?? ''));
    if (entry)
      throw new UsageError(
        `--${name} is refused: a flag shows in ps and shell history. Set the environment variable ${entry.env} instead`,
      );
  }
}

export function flagsOf(argv: string[]): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries(
    FLAGS.map((flag) => [flag.name, { type: 'arg' in flag ? ('string' as const) : ('boolean' as const) }]),
  );
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('. ')[0]! : String(error);
    throw new UsageError(message.replace(/^Unknown option/, 'Unknown flag'));
  }
}
