import { CUSTOMER_FLAG_NAMES, normalizeCallType, type CustomerFlags } from './calls.js';
import { CallsApiError } from './errors.js';
import { DEFAULT_RETRY, backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';
import type { Call, CreateCallRequest, WaitTime } from './schemas.js';

type HeaderRecord = Record<string, string>;
type Schemas = typeof import('./schemas.js');

let schemasLoading: Promise<Schemas> | undefined;

/**
 * The zod schemas, zod included (≈ 9 KB gz), load with the first request instead of with the page.
 * A failed load is handled here (so one that fails while nobody waits is no unhandled rejection),
 * reported by the request that needed it as `network`, and asked for again by the next request.
 */
function loadSchemas(): Promise<Schemas> {
  if (!schemasLoading) {
    const loading = import('./schemas.js');
    schemasLoading = loading;
    loading.catch(() => {
      if (schemasLoading === loading) schemasLoading = undefined;
    });
  }
  return schemasLoading;
}

async function schemas(): Promise<Schemas> {
  try {
    return await loadSchemas();
  } catch (error) {
    throw new CallsApiError('The response checks could not be loaded', { kind: 'network', unsent: true, cause: error });
  }
}

export interface CallsClientOptions {
  /**
   * URL prefix before `/apps/api/v1` (default `''`: the page's own origin). In production this is
   * the site's backend, which adds the API credentials; never point a browser at the tenant itself.
   */
  baseUrl?: string;
  /** Replaces `fetch` (tests, instrumentation). Defaults to the global `fetch` at call time. */
  fetch?: typeof fetch;
  /** Extra headers, or a function called before every attempt (e.g. to add a fresh session token). */
  headers?: HeaderRecord | (() => HeaderRecord | Promise<HeaderRecord>);
  /** `fetch`'s `credentials` (e.g. `'include'` for a cookie-authenticated backend on another origin). */
  credentials?: RequestInit['credentials'];
  /** Time allowed for one attempt, in ms (default 10000). */
  timeoutMs?: number;
  /** Retry policy for reads (GET). Writes are never retried by the client. */
  retry?: Partial<RetryPolicy>;
  /**
   * Where one call object is read from (`GET`). The Calls API does not document such an endpoint;
   * the default assumes `{baseUrl}/apps/api/v1/calls/{id}` on the site's backend.
   */
  callUrl?: string;
  /** This machine's clock (epoch ms), against which the server's is measured (default `Date.now`). */
  now?: () => number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** For reads: extra attempts for this request, overriding the client's policy (a poller passes 0). */
  retries?: number;
}

/**
 * The header in which a gateway hands out a call's capability (on the `201` of a booking) and
 * asks for it back (reading or cancelling that call). A site's own backend sends none.
 */
export const CAPABILITY_HEADER = 'Ccai-Capability';

export interface CapabilityOptions {
  /** Sent as the `Ccai-Capability` header when given (see {@link CAPABILITY_HEADER}). */
  capability?: string;
}

export interface GetCallOptions extends RequestOptions, CapabilityOptions {
  /** URL template for this read (`{baseUrl}`, `{id}`), overriding the client's `callUrl`. */
  url?: string;
  /** Told a successful answer's headers and the URL read, before its body is checked. */
  onHeaders?: (headers: Headers, url: string) => void;
}

/**
 * The header in which a gateway offers a call's live event stream (Server-Sent Events) on its
 * read: a URL relative to the read's own.
 */
export const EVENTS_HEADER = 'Ccai-Events';

/**
 * The event stream a read's answer offers (see {@link EVENTS_HEADER}), with the capability in its
 * query, since `EventSource` cannot send headers; `undefined` when none is offered.
 */
export function callEventsUrl(headers: Headers, readUrl: string, capability?: string): string | undefined {
  const offered = headers.get(EVENTS_HEADER);
  if (!offered) return undefined;
  try {
    // A read of a relative URL (no base-url) was relative to the page.
    const page = (globalThis as { location?: { href: string } }).location?.href;
    const url = new URL(offered, new URL(readUrl, page));
    if (capability) url.searchParams.set('capability', capability);
    return url.href;
  } catch {
    return undefined;
  }
}

export interface CreateCallOptions extends RequestOptions {
  /** Check the request with the zod schemas before sending (default `true`). */
  validate?: boolean;
  /** For a call with `call_id` behind a gateway: the parent call's capability. */
  capability?: string;
}

export interface CancelCallOptions extends RequestOptions, CapabilityOptions {}

export type CreateCallResult =
  /** `capability`: the `Ccai-Capability` answer header, when a gateway gave one. */
  | { kind: 'created'; status: 201; call: Call; capability?: string }
  /** A person must act in the agent's adapter first; `params` echoes what was accepted, if anything. */
  | { kind: 'accepted'; status: 202; params: Record<string, unknown> | null };

export type CancelCallResult = { kind: 'cancelled'; call: Call } | { kind: 'already-cancelled' };

export interface WaitTimesQuery {
  lang: string;
  menuId?: number;
  menuType?: string;
  channelType?: 'voice_call' | 'chat';
}

export type CustomerFlagsUpdate = Partial<CustomerFlags>;

const API_PATH = '/apps/api/v1';
const DEFAULT_CALL_URL = '{baseUrl}/apps/api/v1/calls/{id}';

interface Exchange {
  status: number;
  body: unknown;
  headers: Headers;
}

interface SendOptions extends RequestOptions {
  /** Headers of this request alone, after the client's own. */
  headers?: HeaderRecord;
}

function capabilityHeader(capability: string | undefined): HeaderRecord {
  return capability ? { [CAPABILITY_HEADER]: capability } : {};
}

/**
 * A small fetch client for the CCAI Platform Calls API. No DOM, no framework: it runs in browsers
 * and in Node. Every failure rejects with {@link CallsApiError}; an abort by the caller rejects
 * with the signal's reason.
 */
export class CallsClient {
  readonly baseUrl: string;
  readonly #options: CallsClientOptions;
  readonly #retry: RetryPolicy;
  readonly #now: () => number;
  #serverTimeOffsetMs: number | undefined;

  constructor(options: CallsClientOptions = {}) {
    this.#options = options;
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#now = options.now ?? (() => Date.now());
  }

  /**
   * How far the server's clock is ahead of this machine's (`now`), in ms, as the `Date` header of
   * the latest answer that had a readable one told it (any status, errors included); `undefined`
   * before. The header has whole seconds and is stamped before the answer travels: good to a few
   * seconds, plenty to tell a device clock that is minutes or hours off. A page on another origin
   * sees `Date` only when the server lists it in `Access-Control-Expose-Headers`.
   */
  get serverTimeOffsetMs(): number | undefined {
    return this.#serverTimeOffsetMs;
  }

  /** The server's time now (epoch ms): this machine's clock corrected by {@link serverTimeOffsetMs}. */
  serverNow(): number {
    return this.#now() + (this.#serverTimeOffsetMs ?? 0);
  }

  /**
   * Asks the server for nothing but its time: a `HEAD` of the calls collection, which no backend
   * acts on (the gateway refuses the method itself, without the tenant). Any answer with a `Date`
   * header will do; resolves with the offset then known, and never rejects.
   */
  async learnServerTime(options: RequestOptions = {}): Promise<number | undefined> {
    try {
      await this.#attempt('HEAD', this.#url('/calls'), undefined, options.signal);
    } catch {
      // A refusal (405, 404) carries the time as well as a success does; a failure teaches nothing.
    }
    return this.#serverTimeOffsetMs;
  }

  /** `POST /calls`. Deprecated `call_type` spellings are sent as their current names. */
  async createCall(request: CreateCallRequest, options: CreateCallOptions = {}): Promise<CreateCallResult> {
    const callType = normalizeCallType(request?.call_type);
    if (options.validate !== false && !callType) throw validationError('Invalid call type', 'call_type');
    // Loaded before sending: a call created whose answer cannot be read would invite a duplicate.
    const { callSchema, requestSchemaByType } = await schemas();
    if (options.validate !== false && callType) {
      const result = requestSchemaByType[callType].safeParse(request);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw validationError(issue?.message ?? 'Invalid request', issue?.path.join('.') || undefined);
      }
    }
    const body = callType ? { ...request, call_type: callType } : request;
    const sent = { ...options, headers: capabilityHeader(options.capability) };
    const { status, body: payload, headers } = await this.#send('POST', this.#url('/calls'), body, sent);
    if (status === 202) return { kind: 'accepted', status, params: isRecord(payload) ? payload : null };
    const call = parseWith(callSchema, payload, status);
    const capability = headers.get(CAPABILITY_HEADER);
    return capability ? { kind: 'created', status: 201, call, capability } : { kind: 'created', status: 201, call };
  }

  /** Reads one call object (see `callUrl`). */
  async getCall(id: number | string, options: GetCallOptions = {}): Promise<Call> {
    const template = options.url ?? this.#options.callUrl ?? DEFAULT_CALL_URL;
    const url = template.replaceAll('{baseUrl}', this.baseUrl).replaceAll('{id}', encodeURIComponent(checkId(id)));
    const { status, body, headers } = await this.#send('GET', url, undefined, {
      ...options,
      headers: capabilityHeader(options.capability),
    });
    options.onHeaders?.(headers, url);
    return parseWith((await schemas()).callSchema, body, status);
  }

  /** A call object learnt otherwise (an event stream's data), checked as a read's answer is. */
  async parseCall(body: unknown): Promise<Call> {
    return parseWith((await schemas()).callSchema, body, 200);
  }

  /** `GET /calls/:id/customer_flag`. */
  async getCustomerFlags(id: number | string, options: RequestOptions = {}): Promise<CustomerFlags> {
    const { status, body } = await this.#send(
      'GET',
      this.#url(`/calls/${checkId(id)}/customer_flag`),
      undefined,
      options,
    );
    return parseWith((await schemas()).customerFlagsSchema, normalizeFlags(body), status);
  }

  /** `PATCH /calls/:id/customer_flag` with any subset of the three flags; resolves with all three. */
  async updateCustomerFlags(
    id: number | string,
    flags: CustomerFlagsUpdate,
    options: RequestOptions = {},
  ): Promise<CustomerFlags> {
    const { customerFlagsSchema, customerFlagsUpdateSchema } = await schemas();
    const checked = customerFlagsUpdateSchema.safeParse(flags);
    if (!checked.success) throw validationError('Customer flags must be booleans', 'flags');
    const update = Object.fromEntries(
      CUSTOMER_FLAG_NAMES.filter((name) => name in checked.data).map((n) => [n, checked.data[n]]),
    );
    const url = this.#url(`/calls/${checkId(id)}/customer_flag`);
    const { status, body } = await this.#send('PATCH', url, update, options);
    return parseWith(customerFlagsSchema, normalizeFlags(body), status);
  }

  /** `PATCH /calls/scheduled/:id/cancel`: 200 with the call, or 204 when it was cancelled already. */
  async cancelScheduledCall(id: number | string, options: CancelCallOptions = {}): Promise<CancelCallResult> {
    const { callSchema } = await schemas();
    const url = this.#url(`/calls/scheduled/${checkId(id)}/cancel`);
    const { status, body } = await this.#send('PATCH', url, undefined, {
      ...options,
      headers: capabilityHeader(options.capability),
    });
    if (status === 204) return { kind: 'already-cancelled' };
    return { kind: 'cancelled', call: parseWith(callSchema, body, status) };
  }

  /** `GET /wait_times`: estimated waits in minutes per menu. */
  async getWaitTimes(query: WaitTimesQuery, options: RequestOptions = {}): Promise<WaitTime[]> {
    if (typeof query?.lang !== 'string' || query.lang === '') throw validationError('lang is required', 'lang');
    const params = new URLSearchParams({ lang: query.lang });
    if (query.menuId !== undefined) params.set('menu_id', String(query.menuId));
    if (query.menuType !== undefined) params.set('menu_type', query.menuType);
    if (query.channelType !== undefined) params.set('channel_type', query.channelType);
    const { status, body } = await this.#send('GET', this.#url(`/wait_times?${params}`), undefined, options);
    return parseWith((await schemas()).waitTimesSchema, body, status);
  }

  #url(path: string): string {
    return `${this.baseUrl}${API_PATH}${path}`;
  }

  /** One logical request: reads are retried on network errors, timeouts, 5xx and 429; writes never. */
  async #send(
    method: string,
    url: string,
    body: unknown,
    { signal, retries: override, headers }: SendOptions,
  ): Promise<Exchange> {
    // Beside the request, so that reading its answer rarely waits for them.
    void loadSchemas();
    const retries = method === 'GET' ? (override ?? this.#retry.retries) : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#attempt(method, url, body, signal, headers);
      } catch (error) {
        if (!(error instanceof CallsApiError) || !error.retriable || attempt >= retries) throw error;
        const wait = error.retryAfterMs ?? backoffDelay(attempt, this.#retry);
        if (wait > this.#retry.maxRetryAfterMs) throw error;
        await sleep(wait, signal);
      }
    }
  }

  async #attempt(
    method: string,
    url: string,
    body: unknown,
    signal: AbortSignal | undefined,
    own: HeaderRecord = {},
  ): Promise<Exchange> {
    signal?.throwIfAborted();
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    try {
      const headers: HeaderRecord = { Accept: 'application/json', ...(await this.#extraHeaders()), ...own };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const init: RequestInit = { method, headers, signal: combined };
      if (body !== undefined) init.body = JSON.stringify(body);
      if (this.#options.credentials) init.credentials = this.#options.credentials;
      const doFetch = this.#options.fetch ?? globalThis.fetch;
      let response: Response;
      let text: string;
      // Offline before sending: the request never left, whatever the failure says.
      const offline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
      try {
        response = await doFetch(url, init);
        this.#learnTime(response.headers);
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.signal.aborted) {
          throw new CallsApiError(`No response within ${timeoutMs} ms`, { kind: 'timeout', cause: error });
        }
        throw new CallsApiError('The network request failed', { kind: 'network', unsent: offline, cause: error });
      }
      return readResponse(response, text);
    } finally {
      clearTimeout(timer);
    }
  }

  #learnTime(headers: Headers): void {
    const date = Date.parse(headers.get('Date') ?? '');
    if (Number.isFinite(date)) this.#serverTimeOffsetMs = date - this.#now();
  }

  async #extraHeaders(): Promise<HeaderRecord> {
    const { headers } = this.#options;
    return typeof headers === 'function' ? await headers() : (headers ?? {});
  }
}

export function createCallsClient(options?: CallsClientOptions): CallsClient {
  return new CallsClient(options);
}

function readResponse(response: Response, text: string): Exchange {
  const { status } = response;
  let body: unknown = undefined;
  let parsed = text.trim() !== '';
  if (parsed) {
    try {
      body = JSON.parse(text);
    } catch {
      parsed = false;
      body = text;
    }
  }
  if (response.ok) {
    if (!parsed && text.trim() !== '') {
      throw new CallsApiError('The server answered with malformed JSON', { kind: 'parse', status, body: text });
    }
    return { status, body, headers: response.headers };
  }
  // By hand, not with zod: an error may come before the schemas have loaded.
  const message =
    isRecord(body) && typeof body.message === 'string'
      ? body.message
      : `The server answered ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  throw new CallsApiError(message, {
    kind: 'http',
    status,
    body,
    retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

function parseWith<T>(
  schema: {
    safeParse(
      value: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
  },
  body: unknown,
  status: number,
): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new CallsApiError(`Unexpected response${where}: ${issue?.message ?? 'invalid'}`, {
    kind: 'parse',
    status,
    body,
  });
}

function validationError(message: string, field?: string): CallsApiError {
  return new CallsApiError(message, { kind: 'validation', field });
}

function checkId(id: number | string): string {
  const text = String(id);
  if (!/^\d+$/.test(text)) throw validationError(`Not a call id: ${text}`, 'id');
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API page spells the flag `repeat_customers` once; read either spelling. */
function normalizeFlags(body: unknown): unknown {
  if (!isRecord(body) || 'repeat_customer' in body || !('repeat_customers' in body)) return body;
  const { repeat_customers, ...rest } = body;
  return { ...rest, repeat_customer: repeat_customers };
}
