/** `ccai-widgets/core`: the Calls API client, its schemas and the validators. No DOM, no Lit. */
export * from './calls.js';
export * from './client.js';
export * from './errors.js';
export * from './languages.js';
export { backoffDelay, parseRetryAfter, DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export * from './schemas.js';
export * from './validation/index.js';
export * from './wait-times.js';
