/** The element classes, events and types, with no side effects (nothing is registered). */
export { CcaiScheduleCall } from './elements/schedule-call/schedule-call.js';
export { CcaiCallStatus } from './elements/call-status/call-status.js';
export { CcaiCustomerFlags } from './elements/customer-flags/customer-flags.js';
export * from './internal/events.js';
export type { Messages } from './i18n/en.js';
export type { Call, CustomerFlags, CallStatus, CallsClient, CallsClientOptions } from './core/index.js';
