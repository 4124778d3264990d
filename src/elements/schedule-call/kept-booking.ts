/**
 * The calls a form booked (or found kept from before a reload), with their capabilities: in memory
 * for the confirmation (the newest, or the one just booked), the list of the others, Cancel call
 * and the calls' status, and in storage under the form's key for the tab's reloads. The storage
 * itself (`booking-store.ts`) loads lazily; a form only looks here whether anything is kept under
 * its key, so that a page whose tab kept nothing never loads it.
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
  /** The form's bookings, newest first: those kept, and those forgotten (`#gone`) since the last change, still shown. */
  #list: Booking[] = [];
  readonly #gone = new Set<number>();
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

  /** The form's other bookings, newest first (after a reload, or kept from before Schedule another call). */
  get others(): Booking[] {
    return this.#list.filter(({ call }) => call.id !== this.#booking?.call.id);
  }

  /** Something is kept under the form's key and is being read: the form shows nothing meanwhile. */
  get reading(): boolean {
    return this.#reading;
  }

  /** A booking just made. */
  keep(key: string, booking: Booking): void {
    this.#key = key;
    this.#set(booking);
    this.#save(booking);
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
    this.#list = [];
    this.#gone.clear();
    this.#set(null);
    if (!this.#reading) return;
    const done = (list: Booking[]) => {
      if (this.#key !== key || !this.#reading) return;
      this.#reading = false;
      this.#list = list;
      this.#set(list[0] ?? null);
    };
    loadModules(FOR_KEPT_BOOKING).then(
      ([, store]) => done(store.loadBookings(key, now)),
      () => done([]),
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

  /** Nothing to show after a reload any more (cancelled, or a final status); still shown now. The shown call unless `id`. */
  forget(id = this.#booking?.call.id ?? 0): void {
    this.#gone.add(id);
    this.#save();
  }

  /** Back to the form. */
  clear(): void {
    this.#reading = false;
    this.#set(null);
    this.#save();
  }

  /** Written to storage; a change (`added`, or back to the form) drops what was forgotten from the list shown. */
  #save(added?: Booking): void {
    const key = this.#key;
    const change = !!added || !this.#booking;
    withModule('bookingStore', (store) => {
      this.#list = store.saveBookings(key, this.#list, this.#gone, change, added);
      this.#host.requestUpdate();
    });
  }

  #set(booking: Booking | null): void {
    this.#booking = booking;
    this.#host.requestUpdate();
  }
}
