import { CallsApiError } from '../core/errors.js';
import type { Messages } from '../i18n/en.js';
import type { CcaiErrorDetail } from './events.js';

/** The `ccai-error` detail for anything a request rejected with. */
export function errorDetail(error: unknown): CcaiErrorDetail {
  if (error instanceof CallsApiError) return { status: error.status, message: error.message, kind: error.kind };
  return { status: 0, message: error instanceof Error ? error.message : String(error), kind: 'network' };
}

/** Known server messages (calls-api.md section 4) mapped to the copy a visitor should read. */
const SERVER_MESSAGES: [RegExp, keyof Messages][] = [
  [/^end_user_number is required$/, 'phoneRequired'],
  [/^end_user_number is not well[- ]formed$/, 'phoneInvalid'],
  [/^Menu is in 'after hours' state/, 'serverClosed'],
  [/^Menu is in 'manual redirection' state/, 'serverUnavailable'],
  [/^Language '.*' is not (available|found)$/, 'serverLanguage'],
  [/^scheduled_at (is required|must be in the future|is not well formed)$/, 'slotPast'],
  [/^(menu_id|call_id)\b|^Only .* menu IDs are permitted$|^Invalid call type$|^Contact not found$/, 'serverConfig'],
];

/**
 * What to tell a visitor about a failed request, in their language. Server text that we have no
 * friendly copy for is shown after a lead-in, as text (Lit never renders a string as HTML).
 */
export function describeError(error: unknown, t: Messages): string {
  if (!(error instanceof CallsApiError)) return t.errorNetwork;
  switch (error.kind) {
    case 'network':
      return t.errorNetwork;
    case 'timeout':
      return t.errorTimeout;
    case 'parse':
      return t.errorParse;
    case 'validation':
      return `${t.errorUnknown} ${error.message}`;
  }
  if (error.status === 429) return t.errorRateLimited;
  if (error.status >= 500) return t.errorServer;
  if (error.status === 404) return t.errorNotFound;
  for (const [pattern, key] of SERVER_MESSAGES) {
    if (pattern.test(error.message)) return t[key] as string;
  }
  return `${t.errorUnknown} ${error.message}`;
}

/**
 * Whether a failed *write* may nonetheless have been carried out: the server took it and we lost
 * the answer (timeout), or it answered 2xx with a body we could not read. The Calls API has no
 * idempotency key, so sending the same create again could book a second call: such an outcome is
 * told as unknown, and "Try again" is not offered for it. A cut connection (`network`) is not
 * counted: it almost always means the request never left (offline, DNS, CORS).
 */
export function isUnconfirmedWrite(error: unknown): error is CallsApiError {
  return error instanceof CallsApiError && (error.kind === 'timeout' || (error.kind === 'parse' && error.status >= 200 && error.status < 300));
}

/** Whether the visitor should be offered "Try again" (the same request may work later). */
export function isTransient(error: unknown): boolean {
  return !(error instanceof CallsApiError) || error.retriable;
}
