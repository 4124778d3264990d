/**
 * What the server's `message` says, for the messages the API documents (calls-api.md section 4)
 * and the few the mock adds. The text is the API's, so it lives here: a change to the contract
 * edits this table, and the UI maps codes to its own copy.
 */

/** A documented server message, by what it means. */
export type ServerMessageCode =
  | 'phone_required'
  | 'phone_malformed'
  | 'menu_after_hours'
  | 'menu_manual_redirection'
  | 'language_unavailable'
  | 'scheduled_at_required'
  | 'scheduled_at_past'
  | 'scheduled_at_malformed'
  | 'menu_or_call_id_refused'
  | 'menu_channel_refused'
  | 'call_type_invalid'
  | 'contact_not_found';

const SERVER_MESSAGES: readonly (readonly [RegExp, ServerMessageCode])[] = [
  [/^end_user_number is required$/, 'phone_required'],
  // Outbound writes `well-formed`, inbound and scheduled `well formed`.
  [/^end_user_number is not well[- ]formed$/, 'phone_malformed'],
  [/^Menu is in 'after hours' state/, 'menu_after_hours'],
  [/^Menu is in 'manual redirection' state/, 'menu_manual_redirection'],
  // `not available`: a language the tenant does not offer; `not found`: not a language at all.
  [/^Language '.*' is not (available|found)$/, 'language_unavailable'],
  [/^scheduled_at is required$/, 'scheduled_at_required'],
  [/^scheduled_at must be in the future$/, 'scheduled_at_past'],
  [/^scheduled_at is not well formed$/, 'scheduled_at_malformed'],
  [/^(menu_id|call_id)\b/, 'menu_or_call_id_refused'],
  [/^Only .* menu IDs are permitted$/, 'menu_channel_refused'],
  [/^Invalid call type$/, 'call_type_invalid'],
  [/^Contact not found$/, 'contact_not_found'],
];

/** The meaning of a server `message`, or `undefined` for one the API does not document. */
export function classifyServerMessage(message: string): ServerMessageCode | undefined {
  return SERVER_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
}
