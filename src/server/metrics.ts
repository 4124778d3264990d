/**
 * Prometheus metrics for one gateway: a `GatewayObserver` that counts into its own registry (not
 * prom-client's global one, so two gateways in a process never share counters), and a handler for
 * `GET /metrics` meant for an admin port, never the visitors' one.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GatewayObserver } from './options.js';

export interface Metrics {
  observer: GatewayObserver;
  registry: Registry;
  /** `GET /metrics` in Prometheus text format; 404 for anything else. */
  handler: (request: Request) => Promise<Response>;
}

/** Seconds, from a few ms (answered from the cache) to the tenant's 10 s default timeout and past it. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: 'ccai_gateway_requests_total',
    help: 'Visitor requests answered, by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'ccai_gateway_request_duration_seconds',
    help: 'Time to answer a visitor request, by route and method.',
    labelNames: ['route', 'method'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const upstream = new Counter({
    name: 'ccai_gateway_upstream_requests_total',
    help: 'Requests sent to the tenant, by route and status (0: no answer).',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const upstreamDuration = new Histogram({
    name: 'ccai_gateway_upstream_request_duration_seconds',
    help: 'Time the tenant took to answer, by route.',
    labelNames: ['route'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const queueDepth = new Gauge({
    name: 'ccai_gateway_upstream_queue_depth',
    help: "Requests waiting for the tenant's rate budget.",
    registers,
  });
  const coalesced = new Counter({
    name: 'ccai_gateway_coalesced_reads_total',
    help: 'Reads of a call answered from the cache or by joining a read already in flight.',
    registers,
  });

  const observer: GatewayObserver = {
    request({ route, method, status, durationMs }) {
      requests.inc({ route, method, status: String(status) });
      requestDuration.observe({ route, method }, durationMs / 1000);
    },
    upstream({ route, status, durationMs }) {
      upstream.inc({ route, status: String(status) });
      upstreamDuration.observe({ route }, durationMs / 1000);
    },
    coalesced: () => coalesced.inc(),
    queueDepth: (depth) => queueDepth.set(depth),
  };

  const handler = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response('Not Found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const body = await registry.metrics();
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
    });
  };

  return { observer, registry, handler };
}
