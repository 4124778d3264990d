/**
 * `ccai-widgets/server`: the gateway between the widgets and a CCAI Platform tenant, as one
 * Web-standard handler (Node ≥ 20, Deno, Bun, Workers), plus a `node:http` adapter and metrics.
 */
export { createGateway } from './gateway.js';
export { CAPABILITY_HEADER } from '../core/client.js';
export {
  parseDuration,
  type AgentIdentity,
  type ConnectionInfo,
  type Gateway,
  type GatewayLimits,
  type GatewayObserver,
  type GatewayOptions,
} from './options.js';
export * from './node.js';
export * from './metrics.js';
export { createMemoryShared, type CallEvent, type CallStore, type SharedState } from './shared.js';
export { createRedisShared, type RedisSharedOptions } from './redis-shared.js';
export type { WebhookCredentials } from './session-events.js';
