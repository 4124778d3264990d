/**
 * The call a `<ccai-schedule-call>` booked, kept in `sessionStorage` (this tab only) so that a
 * reload shows its confirmation again. Storage may be disabled, full or hold anything: every access
 * is guarded, and what is read back is checked before it is believed.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Call } from '../../core/schemas.js';

export interface Booking {
  call: Call;
  /** The gateway's capability for the call; absent with a backend of the site's own. */
  capability?: string;
}

/**
 * The call a form booked (or found kept from before a reload), with its capability: in memory for
 * the confirmation, Cancel call and the call's status, and in storage under the form's key for the
 * tab's reloads. Every change asks the host to render again.
 */
export class KeptBooking {
  #booking: Booking | null = null;
  #key = '';
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  get booking(): Booking | null {
    return this.#booking;
  }

  /** A booking just made. */
  keep(key: string, booking: Booking): void {
    this.#key = key;
    this.#set(booking);
    saveBooking(key, booking);
  }

  /** The booking kept under `key`, now the form's (its first render, or a changed key). */
  restore(key: string, now: number): Booking | null {
    this.#key = key;
    this.#set(loadBooking(key, now));
    return this.#booking;
  }

  /** Nothing to show after a reload any more (cancelled, or a final status); still shown now. */
  forget(): void {
    forgetBooking(this.#key);
  }

  /** Back to the form. */
  clear(): void {
    this.#set(null);
  }

  #set(booking: Booking | null): void {
    this.#booking = booking;
    this.#host.requestUpdate();
  }
}

/** How long after its scheduled time a booking is still shown after a reload. */
const KEPT_AFTER_SCHEDULED_MS = 24 * 60 * 60 * 1000;

/**
 * `ccai-schedule-call:<menu-id>:<call-id>:<base URL>`: the ids first, as they hold no `:`, so that
 * any base URL reads back unambiguously; two forms with other menus or backends do not clash.
 */
export function bookingKey(baseUrl: string, menuId: number | undefined, callId: number | undefined): string {
  return `ccai-schedule-call:${menuId ?? ''}:${callId ?? ''}:${baseUrl}`;
}

/** Keeps a booking for this tab; one without a readable scheduled time could never expire, so it is not kept. */
export function saveBooking(key: string, booking: Booking): void {
  if (Number.isNaN(scheduledTime(booking.call))) return;
  try {
    sessionStorage.setItem(key, JSON.stringify({ call: booking.call, capability: booking.capability }));
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
  if (!booking || now > scheduledTime(booking.call) + KEPT_AFTER_SCHEDULED_MS) {
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
  if (!isRecord(value) || !isRecord(value.call)) return null;
  const { call, capability } = value;
  if (!Number.isSafeInteger(call.id) || (call.id as number) <= 0 || typeof call.status !== 'string') return null;
  if (Number.isNaN(scheduledTime(call))) return null;
  if (capability !== undefined && (typeof capability !== 'string' || capability === '')) return null;
  return capability === undefined ? { call: call as Call } : { call: call as Call, capability };
}

function scheduledTime(call: { scheduled_at?: unknown }): number {
  return typeof call.scheduled_at === 'string' ? Date.parse(call.scheduled_at) : Number.NaN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
