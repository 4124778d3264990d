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

/** Every change asks the host to render again. */
export class KeptBooking {
  #booking: Booking | null = null;
  #key = '';
  #reading = false;
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
