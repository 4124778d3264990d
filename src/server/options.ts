/**
 * What `createGateway` is told. Everything a site owner sets is here, with the defaults the
 * `ccai-gateway` flags document; nothing in this module touches the network or Node.
 */
import type { SharedState } from './shared.js';
import type { WebhookCredentials } from './session-events.js';

/** The identity an agent tool's own login establishes; returned by `authorize`. */
export interface AgentIdentity {
  /** Shown in logs (never a secret). */
  id: string;
}

/** Observes the gateway for metrics; every method is optional. The Node adapter wires prom-client to it. */
export interface GatewayObserver {
  /** One visitor request answered. `route` is the route's name (`book`, `read`, …, or `none`). */
  request?(event: { route: string; method: string; status: number; durationMs: number }): void;
  /** One request sent to the tenant, and its status (0: no answer). */
  upstream?(event: { route: string; status: number; durationMs: number }): void;
  /** A read of one call answered from the cache or by joining a read already in flight. */
  coalesced?(): void;
  /** Requests waiting for the tenant's rate budget. */
  queueDepth?(depth: number): void;
  /** Event streams open on this instance. */
  streams?(count: number): void;
}

export interface GatewayLimits {
  /** Bookings per visitor address per hour (default 5). */
  bookingsPerHour?: number;
  /** Reads (status, wait times) per visitor address per second (default 20). */
  readsPerSecond?: number;
  /** Bookings per phone number per day (default 3). */
  bookingsPerNumberPerDay?: number;
  /** Requests that may wait for the tenant's budget before new ones get 429 (default 100). */
  upstreamQueueSize?: number;
}

export interface GatewayOptions {
  /** The tenant's origin, e.g. `https://acme.uc1.ccaiplatform.com`. */
  tenantUrl: string;
  /** The tenant's subdomain: the Basic user name. */
  subdomain: string;
  /** The API token: the Basic password. Never logged, never sent to a visitor. */
  apiToken: string;
  /** Menus visitors may book on. */
  menus: readonly number[];
  /** Languages visitors may ask for (default `['en']`). */
  languages?: readonly string[];
  /** Exact origins allowed by CORS (default none: same-origin pages only). */
  origins?: readonly string[];
  /** Also allow "call me now" (`Voice Inbound (API)`) on the same menus. */
  callNow?: boolean;
  /** Requests per second the tenant may receive from this instance (default 10). */
  upstreamRps?: number;
  /** Time allowed for one tenant request, in ms (default 10000). */
  upstreamTimeoutMs?: number;
  /** Pass a visitor's `ticket_id` on (default false). */
  allowTicketId?: boolean;
  /** How long a capability stays valid: ms, or `'7d'`, `'12h'`, `'30m'`, `'45s'`, bare digits = seconds (default `'7d'`). */
  capabilityTtl?: number | string;
  /** HMAC key for capabilities. Without it one is generated per gateway (they die with it). */
  secret?: string;
  /** How far ahead a call may be booked, in days (default 30). */
  horizonDays?: number;
  /**
   * Instances sharing the tenant (default 1). Each keeps its limits in its own memory, so each
   * sends at most `upstreamRps / instances` requests a second: together, at most `upstreamRps`.
   */
  instances?: number;
  /** Take the visitor's address from `X-Forwarded-For` (default false). */
  trustProxy?: boolean;
  /** The tenant's read of one call, relative to `tenantUrl` (default `/manager/api/v1/calls/{id}`). */
  callReadPath?: string;
  limits?: GatewayLimits;
  /**
   * The host's own agent login. Without it the customer-flag routes do not exist (404); with it
   * they answer only when it returns an identity (else 404 as well).
   */
  authorize?: (request: Request) => AgentIdentity | null | undefined | Promise<AgentIdentity | null | undefined>;
  /** Where the one JSON log line per request goes (default: `console.log`); `false` for none. */
  log?: ((line: string) => void) | false;
  observer?: GatewayObserver;
  /** Replaces `fetch` for the tenant (tests, instrumentation). */
  fetch?: typeof fetch;
  /** The clock, in ms since the epoch (tests). */
  now?: () => number;
  /**
   * State shared with other instances (`createRedisShared` from `ccai-widgets/server/redis`, or the
   * Node entry): limits, the per-call cache, leases and the change feed. Default: this instance's memory.
   */
  shared?: SharedState;
  /**
   * The platform's session-events webhook (`POST /webhooks/ccai/session-events`) and the Basic
   * credentials it must carry. Without them the route does not exist (404).
   */
  webhook?: WebhookCredentials;
  /** Live push: heartbeat and lease timings of `GET …/calls/:id/events` (tests shorten them). */
  feed?: { heartbeatMs?: number; leaseMs?: number; tickMs?: number };
}

/** What a runtime adapter knows about the connection that the `Request` does not carry. */
export interface ConnectionInfo {
  /** The peer's address (Node: `socket.remoteAddress`; Deno: `info.remoteAddr.hostname`). */
  clientAddress?: string;
  /**
   * The adapter writes event streams to the connection itself (see `direct-body.ts`): `node.ts`
   * does. Others get a `ReadableStream` body, as any Web-standard host expects.
   */
  directBodies?: boolean;
}

export interface Gateway {
  /** The Web-standard handler. */
  (request: Request, info?: ConnectionInfo): Promise<Response>;
  /** Answers in-flight requests, then refuses new ones with 503; resolves when none is left. */
  drain(): Promise<void>;
  /** Requests being answered now. */
  readonly inFlight: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * In ms: a number is taken as ms; a string is `'7d'`, `'12h'`, `'30m'`, `'45s'`, `'500ms'`, or bare
 * digits meaning seconds. `undefined` for anything else, zero or negative.
 */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  const match = /^(\d{1,12})(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[match[2] ?? 's']!;
  return ms > 0 ? ms : undefined;
}
