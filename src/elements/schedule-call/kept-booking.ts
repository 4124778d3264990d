/**
 * The call a form booked (or found kept from before a reload), with its capability: in memory for
 * the confirmation, Cancel call and the call's status, and in storage under the form's key for the
 * tab's reloads. The storage itself (`booking-store.ts`) loads lazily; a form only looks here
 * whether anything is kept under its key, so that a page whose tab kept nothing never loads it.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Booking } from './booking-store.js';
import { FOR_KEPT_BOOKING, loadModules, withModule } from './lazy.js';

export type { Booking };

/**
 * `ccai-schedule-call:<menu-id>:<call-id>:<base URL>`: the ids first, as they hold no `:`, so that
 * any base URL reads back unambiguously; two forms with other menus or backends do not clash.
 */
export function bookingKey(baseUrl: string, menuId: number | undefined, callId: number | undefined): string {
  return `ccai-schedule-call:${menuId ?? ''}:${callId ?? ''}:${baseUrl}`;
}

/** Whether anything is kept under `key` (read and checked by `booking-store.ts`). */
function isStored(key: string): boolean {
  try {
    return sessionStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

/**
 * A booking being sent under the form's key `key` is marked here (`ccai-schedule-call:pending:…`,
 * which no form key can be: ids are digits) until its answer, with the time after which it no longer
 * matters: a reload before the answer must not lose a call the tenant may have made.
 */
const pendingKey = (key: string) => key.replace(/:/, ':pending:');

/** How long after its time an unanswered booking is still told of (as a kept one is shown). */
const PENDING_TOLD_MS = 24 * 60 * 60 * 1000;

/** Every change asks the host to render again. */
export class KeptBooking {
  #booking: Booking | null = null;
  #key = '';
  #reading = false;
  /** A booking was being sent when the page was left: it may have gone through (told until the next one is sent). */
  interrupted = false;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  get booking(): Booking | null {
    return this.#booking;
  }

  /** Something is kept under the form's key and is being read: the form shows nothing meanwhile. */
  get reading(): boolean {
    return this.#reading;
  }

  /** A booking just made. */
  keep(key: string, booking: Booking): void {
    this.#key = key;
    this.#set(booking);
    withModule('bookingStore', (store) => store.saveBooking(key, booking));
  }

  /**
   * The booking kept under `key` becomes the form's (its first render, or a changed key), once its
   * store and its confirmation's views have loaded. Not loadable now: the form instead, and the
   * booking stays kept for the next reload.
   */
  restore(key: string, now: number): void {
    this.#key = key;
    let until = Number.NaN;
    try {
      until = Number(sessionStorage.getItem(pendingKey(key)) ?? Number.NaN);
    } catch {
      // No storage: nothing was marked.
    }
    this.interrupted = now <= until + PENDING_TOLD_MS;
    this.#reading = isStored(key);
    this.#set(null);
    if (!this.#reading) return;
    const done = (booking: Booking | null) => {
      if (this.#key !== key || !this.#reading) return;
      this.#reading = false;
      this.#set(booking);
    };
    loadModules(FOR_KEPT_BOOKING).then(
      ([, store]) => done(store.loadBooking(key, now)),
      () => done(null),
    );
  }

  /** Before a booking's request is sent (`until`: its time, or now for a call now). */
  markPending(key: string, until: number): void {
    this.interrupted = false;
    try {
      sessionStorage.setItem(pendingKey(key), String(until));
    } catch {
      // Disabled or full: a reload in flight goes untold.
    }
  }

  /** The booking's answer came, or its failure says nothing was booked. */
  settlePending(key: string): void {
    try {
      sessionStorage.removeItem(pendingKey(key));
    } catch {
      // Nothing was marked where nothing can be written.
    }
  }

  /** Nothing to show after a reload any more (cancelled, or a final status); still shown now. */
  forget(): void {
    const key = this.#key;
    withModule('bookingStore', (store) => store.forgetBooking(key));
  }

  /** Back to the form. */
  clear(): void {
    this.#reading = false;
    this.#set(null);
  }

  #set(booking: Booking | null): void {
    this.#booking = booking;
    this.#host.requestUpdate();
  }
}
