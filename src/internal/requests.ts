/**
 * What a widget needs once it sends requests, in one chunk loaded then (see `client-module.ts`):
 * the fetch client, and the copy for what a request may answer with (`describeError`, the server
 * messages it knows). A page whose widgets are never used loads none of it.
 */
export { CallsClient } from '../core/client.js';
export { classifyServerMessage } from '../core/messages.js';
export { describeError } from './describe-error.js';
