import { CallsApiError } from '../core/errors.js';
import { classifyServerMessage, type ServerMessageCode } from '../core/messages.js';
import type { Messages } from '../i18n/en.js';

/** The copy a visitor reads for each documented server message (`core/messages.ts` says which is which). */
const SERVER_MESSAGE_COPY: Record<ServerMessageCode, keyof Messages> = {
  phone_required: 'phoneRequired',
  phone_malformed: 'phoneInvalid',
  menu_after_hours: 'serverClosed',
  menu_manual_redirection: 'serverUnavailable',
  language_unavailable: 'serverLanguage',
  scheduled_at_required: 'slotPast',
  scheduled_at_past: 'slotPast',
  scheduled_at_malformed: 'slotPast',
  menu_or_call_id_refused: 'serverConfig',
  menu_channel_refused: 'serverConfig',
  call_type_invalid: 'serverConfig',
  contact_not_found: 'serverConfig',
};

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
  const code = classifyServerMessage(error.message);
  if (code) return t[SERVER_MESSAGE_COPY[code]] as string;
  return `${t.errorUnknown} ${error.message}`;
}
