/**
 * A visitor's booking, rebuilt field by field from what the gateway allows. Refusals come in the
 * API's own words (and in its validation order) wherever the API would refuse the same thing, so
 * the widgets' friendly mapping keeps working; the rest are this gateway's own, listed in README.
 */
import { CALL_TYPES, RECORDING_PERMISSIONS, normalizeCallType } from '../core/calls.js';
import type { CreateCallRequest } from '../core/schemas.js';
import { validateLanguage } from '../core/validation/lang.js';
import { validatePhoneNumber } from '../core/validation/phone.js';
import { validateScheduledAt } from '../core/validation/scheduled-at.js';
import { HttpError } from './http.js';

export interface BookingPolicy {
  menus: ReadonlySet<number>;
  languages: readonly string[];
  callNow: boolean;
  allowTicketId: boolean;
  horizonMs: number;
  now: () => number;
}

export interface Booking {
  request: CreateCallRequest;
  /** E.164, for the per-number limit. */
  number: string;
  /** A rebooking's parent: its capability must be checked before sending. */
  parentCallId: number | undefined;
}

const refuse = (message: string) => new HttpError(400, message);

/** Echoed values are cut short: the message is for a person, not a mirror. */
function quoted(value: unknown): string {
  return (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))).slice(0, 32);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A positive integer sent as a number or a string of decimal digits; `undefined` otherwise. */
function idOf(value: unknown): number | undefined {
  const text =
    typeof value === 'number'
      ? Number.isSafeInteger(value)
        ? String(value)
        : ''
      : typeof value === 'string'
        ? value
        : '';
  if (!/^[1-9]\d{0,14}$/.test(text)) return undefined;
  return Number(text);
}

/** A menu id the site offers, or the API's refusal. A menu it does not offer reads as one that does not exist: nothing to probe. */
export function offeredMenu(value: unknown, menus: ReadonlySet<number>): number {
  const menuId = idOf(value);
  if (menuId === undefined) throw refuse('menu_id is not well formed');
  if (!menus.has(menuId)) throw refuse(`menu_id ${menuId} is not found`);
  return menuId;
}

/** A language the site offers, or the API's refusal (`not found` for no language at all, `not available` for one not offered). */
export function offeredLanguage(value: unknown, offered: readonly string[]): string {
  const language = validateLanguage(value, { offered });
  if (language.ok) return language.value;
  throw refuse(
    language.code === 'not_offered'
      ? `Language '${quoted(value)}' is not available`
      : `Language '${quoted(value)}' is not found`,
  );
}

export function parseBooking(body: Record<string, unknown>, policy: BookingPolicy): Booking {
  const now = policy.callNow && normalizeCallType(body.call_type) === CALL_TYPES.inbound;

  let parentCallId: number | undefined;
  if (present(body.call_id) && !now) {
    parentCallId = idOf(body.call_id);
    if (parentCallId === undefined) throw refuse('call_id is not well formed');
  }
  let menuId: number | undefined;
  if (present(body.menu_id)) {
    menuId = offeredMenu(body.menu_id, policy.menus);
  } else if (parentCallId === undefined) {
    throw refuse('menu_id is required');
  }

  // Absent (or empty, as a form sends it) means the site's first language, as the API defaults to `en`.
  const lang = offeredLanguage(present(body.lang) ? body.lang : (policy.languages[0] ?? 'en'), policy.languages);

  if (!present(body.end_user_number)) throw refuse('end_user_number is required');
  const phone = validatePhoneNumber(body.end_user_number);
  if (!phone.ok) throw refuse('end_user_number is not well formed');

  const request: Record<string, unknown> = {
    call_type: now ? CALL_TYPES.inbound : CALL_TYPES.scheduled,
    ...(menuId !== undefined ? { menu_id: menuId } : {}),
    ...(parentCallId !== undefined ? { call_id: parentCallId } : {}),
    end_user_number: phone.value.e164,
    lang,
  };

  if (!now) {
    const at = validateScheduledAt(body.scheduled_at, { now: policy.now() });
    if (!at.ok) {
      throw refuse(
        at.code === 'required'
          ? 'scheduled_at is required'
          : at.code === 'malformed'
            ? 'scheduled_at is not well formed'
            : 'scheduled_at must be in the future',
      );
    }
    const when = Date.parse(at.value);
    if (when - policy.now() > policy.horizonMs) {
      throw refuse(`scheduled_at must be within ${Math.round(policy.horizonMs / 86_400_000)} days`);
    }
    request.scheduled_at = new Date(when).toISOString();
  }

  if (present(body.recording_permission)) {
    if (!RECORDING_PERMISSIONS.includes(body.recording_permission as (typeof RECORDING_PERMISSIONS)[number])) {
      throw refuse(`recording_permission must be one of ${RECORDING_PERMISSIONS.join(', ')}`);
    }
    request.recording_permission = body.recording_permission;
  }
  if (policy.allowTicketId && present(body.ticket_id)) {
    if (typeof body.ticket_id !== 'string' || !/^[\w.-]{1,64}$/.test(body.ticket_id))
      throw refuse('ticket_id is not well formed');
    request.ticket_id = body.ticket_id;
  }
  return { request: request as CreateCallRequest, number: phone.value.e164, parentCallId };
}
