import { expect } from '@open-wc/testing';
import { classifyServerMessage, type ServerMessageCode } from '../../src/core/messages.js';

/** Every documented message (calls-api.md section 4) and the mock's extensions, byte for byte. */
const MESSAGES: [string, ServerMessageCode | undefined][] = [
  ['end_user_number is required', 'phone_required'],
  ['end_user_number is not well-formed', 'phone_malformed'],
  ['end_user_number is not well formed', 'phone_malformed'],
  ["Menu is in 'after hours' state, can't accept incoming calls", 'menu_after_hours'],
  ["Menu is in 'manual redirection' state, can't accept calls", 'menu_manual_redirection'],
  ["Language 'fr' is not available", 'language_unavailable'],
  ["Language 'xy' is not found", 'language_unavailable'],
  ['scheduled_at is required', 'scheduled_at_required'],
  ['scheduled_at must be in the future', 'scheduled_at_past'],
  ['scheduled_at is not well formed', 'scheduled_at_malformed'],
  ['menu_id is required', 'menu_or_call_id_refused'],
  ['menu_id 9999 is not found', 'menu_or_call_id_refused'],
  ['menu_id is not well formed', 'menu_or_call_id_refused'],
  ['call_id 7 is not found', 'menu_or_call_id_refused'],
  ['Only IVR and mobile menu IDs are permitted', 'menu_channel_refused'],
  ['Only mobile and web menu IDs are permitted', 'menu_channel_refused'],
  ['Invalid call type', 'call_type_invalid'],
  ['Contact not found', 'contact_not_found'],
  // Not ours to interpret: shown as the server wrote it.
  ['Agent is not available to take this call', undefined],
  ['Missing parameters', undefined],
  ['menu_identifier is odd', undefined],
  ['The end_user_number is required', undefined],
  ['scheduled_at must be in the future, please', undefined],
  ['', undefined],
];

describe('classifyServerMessage', () => {
  for (const [message, code] of MESSAGES) {
    it(`${JSON.stringify(message)} → ${code}`, () => {
      expect(classifyServerMessage(message)).to.equal(code);
    });
  }
});
