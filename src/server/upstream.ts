/**
 * The tenant, through `ccai-widgets/core`: Basic `subdomain:token` on every request, and every
 * request (retries included: there are none) first takes a token from the tenant's budget.
 */
import { CallsApiError } from '../core/errors.js';
import { CallsClient } from '../core/client.js';
import { parseRetryAfter } from '../core/retry.js';
import { HttpError, retryAfterSeconds } from './http.js';
import { BudgetExceeded, type UpstreamBudget } from './limits.js';
import type { GatewayObserver } from './options.js';

/** A tenant's Retry-After beyond this is taken as this (a typo there must not stop the site for a day). */
const MAX_PAUSE_MS = 5 * 60_000;

export interface TenantOptions {
  tenantUrl: string;
  subdomain: string;
  apiToken: string;
  callReadPath: string;
  timeoutMs: number;
  budget: UpstreamBudget;
  observer: GatewayObserver | undefined;
  fetch: typeof fetch | undefined;
}

/** The route a tenant URL belongs to, for metrics (never the id or the query). */
function routeOf(url: string): string {
  const path = new URL(url).pathname;
  if (path.endsWith('/cancel')) return 'cancel';
  if (path.endsWith('/customer_flag')) return 'customer_flag';
  if (path.endsWith('/wait_times')) return 'wait_times';
  if (path.endsWith('/calls')) return 'book';
  return 'read';
}

export function createTenantClient(options: TenantOptions): CallsClient {
  const authorization = `Basic ${btoa(`${options.subdomain}:${options.apiToken}`)}`;
  const budgeted: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const settled = await options.budget.take(init?.signal ?? undefined);
    const started = Date.now();
    let status = 0;
    try {
      const response = await (options.fetch ?? globalThis.fetch)(input, init);
      status = response.status;
      if (status === 429)
        options.budget.pause(Math.min(parseRetryAfter(response.headers.get('Retry-After')) ?? 1000, MAX_PAUSE_MS));
      return response;
    } finally {
      // The tenant has received it by now (or never will): the budget may stop counting it as in flight.
      settled();
      options.observer?.upstream?.({ route: routeOf(url), status, durationMs: Date.now() - started });
    }
  };
  return new CallsClient({
    baseUrl: options.tenantUrl,
    callUrl: `{baseUrl}${options.callReadPath}`,
    fetch: budgeted,
    headers: { Authorization: authorization },
    timeoutMs: options.timeoutMs,
    retry: { retries: 0 },
  });
}

/**
 * What a visitor is told when the tenant did not do what was asked. 400s keep the API's own text
 * (the widgets map it to friendly copy); the tenant's 401/403/404 on a path that exists mean this
 * gateway is set up wrong, which is no business of the visitor's: 502.
 */
export function upstreamFailure(error: unknown, { notFound }: { notFound?: string } = {}): HttpError {
  const budget =
    error instanceof BudgetExceeded
      ? error
      : error instanceof CallsApiError && error.cause instanceof BudgetExceeded
        ? error.cause
        : undefined;
  if (budget) return new HttpError(429, budget.message, { 'Retry-After': retryAfterSeconds(budget.retryAfterMs) });
  if (!(error instanceof CallsApiError)) return new HttpError(502, 'The contact center could not be reached');
  switch (error.kind) {
    case 'timeout':
      return new HttpError(504, 'The contact center did not answer in time');
    case 'network':
    case 'parse':
      return new HttpError(502, 'The contact center could not be reached');
    case 'validation':
      return new HttpError(400, error.message);
  }
  if (error.status === 429) {
    // As long as the gateway pauses, not as the tenant said: a typo there must not send visitors away for a day.
    const waitMs = Math.min(error.retryAfterMs ?? 1000, MAX_PAUSE_MS);
    return new HttpError(429, 'The contact center is busy; try again shortly', {
      'Retry-After': retryAfterSeconds(waitMs),
    });
  }
  if (error.status === 404 && notFound) return new HttpError(404, notFound);
  if (error.status === 400 || error.status === 422) return new HttpError(400, error.message.slice(0, 500));
  return new HttpError(502, 'The contact center could not be reached');
}
