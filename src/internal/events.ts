import { CallsApiError, type CallsApiErrorKind } from '../core/errors.js';
import type { CustomerFlags } from '../core/calls.js';
import type { Call } from '../core/schemas.js';

/** Every widget event bubbles and crosses shadow roots, so a page can listen on `document`. */
const init = { bubbles: true, composed: true } as const;

export interface CcaiErrorDetail {
  /** HTTP status; 0 when there was no response (or no request, for `validation`). */
  status: number;
  message: string;
  kind: CallsApiErrorKind;
}

/** The `ccai-error` detail for anything a request rejected with. */
export function errorDetail(error: unknown): CcaiErrorDetail {
  if (error instanceof CallsApiError) return { status: error.status, message: error.message, kind: error.kind };
  return { status: 0, message: error instanceof Error ? error.message : String(error), kind: 'network' };
}

/** Fired on every failed request, and when the visitor's input is refused before any request. */
export class CcaiErrorEvent extends CustomEvent<CcaiErrorDetail> {
  constructor(detail: CcaiErrorDetail) {
    super('ccai-error', { ...init, detail });
  }
}

export interface CcaiCallScheduledDetail {
  call: Call;
  /** The gateway's capability for the call (its `Ccai-Capability` header); `undefined` without a gateway. */
  capability: string | undefined;
}

/** `<ccai-schedule-call>` created a call (201). */
export class CcaiCallScheduledEvent extends CustomEvent<CcaiCallScheduledDetail> {
  constructor(detail: CcaiCallScheduledDetail) {
    super('ccai-call-scheduled', { ...init, detail });
  }
}

/** `<ccai-schedule-call>` cancelled the call it had scheduled. */
export class CcaiCallCancelledEvent extends CustomEvent<{ call: Call }> {
  constructor(detail: { call: Call }) {
    super('ccai-call-cancelled', { ...init, detail });
  }
}

/** `<ccai-call-status>` saw the call's status change (also fired for the first status it learns). */
export class CcaiStatusChangeEvent extends CustomEvent<{ call: Call; previousStatus: string | null }> {
  constructor(detail: { call: Call; previousStatus: string | null }) {
    super('ccai-status-change', { ...init, detail });
  }
}

/** `<ccai-customer-flags>` changed the flags, once the server confirmed them. */
export class CcaiFlagsChangeEvent extends CustomEvent<{ flags: CustomerFlags }> {
  constructor(detail: { flags: CustomerFlags }) {
    super('ccai-flags-change', { ...init, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ccai-error': CcaiErrorEvent;
    'ccai-call-scheduled': CcaiCallScheduledEvent;
    'ccai-call-cancelled': CcaiCallCancelledEvent;
    'ccai-status-change': CcaiStatusChangeEvent;
    'ccai-flags-change': CcaiFlagsChangeEvent;
  }
}
