/**
 * The calls a `<ccai-schedule-call>` booked, kept in `sessionStorage` (this tab only) so that a
 * reload shows them again: a list under the form's key, newest first, at most `MAX_KEPT`. Each is
 * forgotten on its own (cancelled, a final status, a day after its time, or 404). Storage may be
 * disabled, full or hold anything: every access is guarded, and what is read back is checked
 * before it is believed (one entry a previous version wrote, a single booking, is read as a list
 * of one). Loaded lazily (`lazy.ts`): a page whose tab kept nothing never needs it before the form's first use.
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
  /**
   * Reached by Change time: the first call of the chain (its calendar event's UID) and how many
   * times it has moved (the event's `SEQUENCE`), so that importing the new file updates the event.
   */
  chain?: { id: number; sequence: number };
}

/**
 * How many bookings a form keeps, newest first: a sixth forgets the oldest here (the call itself
 * is not cancelled). Enough for a visitor's few calls, small enough to show and to poll.
 */
export const MAX_KEPT = 5;

/**
 * Writes the form's bookings to `key` without the `gone` calls (forgotten: cancelled, ended, not
 * found), and returns the list to show: on a `change` (a booking, or back to the form) without
 * them, else with them (still shown until then). `added` comes first, and the call it replaces
 * leaves the list (its Change time's notice tells of it until it is cancelled). An empty list is removed.
 */
export function saveBookings(
  key: string,
  shown: Booking[],
  gone: Set<number>,
  change = true,
  added?: Booking,
): Booking[] {
  const list = (
    added
      ? [added, ...shown.filter(({ call }) => call.id !== added.call.id && call.id !== added.replaces?.call.id)]
      : shown
  ).filter(({ call }) => !change || !gone.has(call.id));
  // One without a readable time could never expire, so it is not kept.
  const kept = list.slice(0, MAX_KEPT).filter(({ call }) => !gone.has(call.id) && !Number.isNaN(scheduledTime(call)));
  try {
    if (kept.length === 0) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(kept.map(keptShape)));
  } catch {
    // Disabled or full: the bookings are still shown, only not after a reload.
  }
  return list.slice(0, MAX_KEPT);
}

/** What is kept of a booking: only what Change time needs of the request (no ticket; the consent too, as the new time is the same call to the visitor). */
function keptShape({ call, capability, request, replaces, chain }: Booking) {
  const kept = request && {
    end_user_number: request.end_user_number,
    lang: request.lang,
    recording_permission: request.recording_permission,
  };
  return { call, capability, request: kept, replaces, chain };
}

/**
 * The bookings kept under `key`, newest first; any that is unreadable or a day past its time is
 * forgotten (the rest stay). An entry that is not a list is a previous version's one booking: read
 * as a list of one and written back as a list, or forgotten when it cannot be believed.
 */
export function loadBookings(key: string, now: number): Booking[] {
  let text: string | null;
  try {
    text = sessionStorage.getItem(key);
  } catch {
    return [];
  }
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const entries = Array.isArray(value) ? value.slice(0, MAX_KEPT) : [value];
  const list = entries
    .map(parseBooking)
    .filter(
      (booking): booking is Booking => booking !== null && now <= scheduledTime(booking.call) + KEPT_AFTER_CALL_MS,
    );
  if (!Array.isArray(value) || list.length !== value.length || list.length === 0) saveBookings(key, list, new Set());
  return list;
}

function parseBooking(value: unknown): Booking | null {
  if (!isRecord(value)) return null;
  const call = parseCall(value);
  if (!call) return null;
  const booking: Booking = call;
  const { request, replaces, chain } = value;
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
  if (chain !== undefined) {
    const { id, sequence } = isRecord(chain) ? chain : {};
    if (!isId(id) || !Number.isSafeInteger(sequence) || (sequence as number) < 1) return null;
    booking.chain = { id, sequence: sequence as number };
  }
  return booking;
}

/** `{ call, capability }` believed: a call id, a status, a readable time, a non-empty capability or none. */
function parseCall(value: Record<string, unknown>): { call: Call; capability?: string } | null {
  const { call, capability } = value;
  if (!isRecord(call)) return null;
  if (!isId(call.id) || typeof call.status !== 'string') return null;
  if (Number.isNaN(scheduledTime(call))) return null;
  if (capability !== undefined && (typeof capability !== 'string' || capability === '')) return null;
  return capability === undefined ? { call: call as Call } : { call: call as Call, capability };
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

const optionalText = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

/** Its scheduled time; for a "call me now" call (none), when it was queued or made. */
function scheduledTime(call: { scheduled_at?: unknown; queued_at?: unknown; created_at?: unknown }): number {
  const time = [call.scheduled_at, call.queued_at, call.created_at].find((value) => typeof value === 'string');
  return typeof time === 'string' ? Date.parse(time) : Number.NaN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
