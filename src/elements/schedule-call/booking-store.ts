/**
 * The call a `<ccai-schedule-call>` booked, kept in `sessionStorage` (this tab only) so that a
 * reload shows its confirmation again. Storage may be disabled, full or hold anything: every access
 * is guarded, and what is read back is checked before it is believed. Loaded lazily (`lazy.ts`):
 * a page whose tab kept nothing never needs it before the form's first use.
 */
import type { Call } from '../../core/schemas.js';
import { KEPT_AFTER_CALL_MS } from '../../core/calls.js';

export interface Booking {
  call: Call;
  /** The gateway's capability for the call; absent with a backend of the site's own. */
  capability?: string;
  /** The number, language and recording consent it was booked with: Change time books the new time with them. */
  request?: { end_user_number?: string; lang?: string; recording_permission?: string };
  /** Change time booked this call for another one, whose cancel has not succeeded (yet). */
  replaces?: { call: Call; capability?: string };
}

/** Keeps a booking for this tab; one without a readable time could never expire, so it is not kept. */
export function saveBooking(key: string, booking: Booking): void {
  if (Number.isNaN(scheduledTime(booking.call))) return;
  const { call, capability, request, replaces } = booking;
  // Only what Change time needs of the request (no ticket): the consent too, as the new time is the same call to the visitor.
  const kept = request && {
    end_user_number: request.end_user_number,
    lang: request.lang,
    recording_permission: request.recording_permission,
  };
  try {
    sessionStorage.setItem(key, JSON.stringify({ call, capability, request: kept, replaces }));
  } catch {
    // Disabled or full: the booking is still shown, only not after a reload.
  }
}

/** The booking kept under `key`, or `null`; one that is unreadable or a day past its time is forgotten. */
export function loadBooking(key: string, now: number): Booking | null {
  let text: string | null;
  try {
    text = sessionStorage.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  const booking = parseBooking(text);
  if (!booking || now > scheduledTime(booking.call) + KEPT_AFTER_CALL_MS) {
    forgetBooking(key);
    return null;
  }
  return booking;
}

export function forgetBooking(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing can be kept where nothing can be removed.
  }
}

function parseBooking(text: string): Booking | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const call = parseCall(value);
  if (!call) return null;
  const booking: Booking = call;
  const { request, replaces } = value;
  if (request !== undefined) {
    const { end_user_number, lang, recording_permission } = isRecord(request) ? request : {};
    if (
      !isRecord(request) ||
      !optionalText(end_user_number) ||
      !optionalText(lang) ||
      !optionalText(recording_permission)
    )
      return null;
    booking.request = { end_user_number, lang };
    if (recording_permission !== undefined) booking.request.recording_permission = recording_permission;
  }
  if (replaces !== undefined) {
    const old = isRecord(replaces) ? parseCall(replaces) : null;
    if (!old) return null;
    booking.replaces = old;
  }
  return booking;
}

/** `{ call, capability }` believed: a call id, a status, a readable time, a non-empty capability or none. */
function parseCall(value: Record<string, unknown>): { call: Call; capability?: string } | null {
  const { call, capability } = value;
  if (!isRecord(call)) return null;
  if (!Number.isSafeInteger(call.id) || (call.id as number) <= 0 || typeof call.status !== 'string') return null;
  if (Number.isNaN(scheduledTime(call))) return null;
  if (capability !== undefined && (typeof capability !== 'string' || capability === '')) return null;
  return capability === undefined ? { call: call as Call } : { call: call as Call, capability };
}

const optionalText = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

/** Its scheduled time; for a "call me now" call (none), when it was queued or made. */
function scheduledTime(call: { scheduled_at?: unknown; queued_at?: unknown; created_at?: unknown }): number {
  const time = [call.scheduled_at, call.queued_at, call.created_at].find((value) => typeof value === 'string');
  return typeof time === 'string' ? Date.parse(time) : Number.NaN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
