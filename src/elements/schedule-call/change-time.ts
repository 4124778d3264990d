/**
 * Change time: the new time is booked first (by the element, as any booking), then the call it
 * replaces is cancelled here. Until that cancel succeeds the new booking keeps the old call
 * (`replaces`, over a reload too) and the visitor is offered to cancel it again: never to book
 * again. Loaded with the confirmation (`outcome.ts`), the only place Change time is offered.
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, type ReactiveControllerHost } from 'lit';
import type { CallsClient } from '../../core/client.js';
import type { Call } from '../../core/schemas.js';
import type { Messages } from '../../i18n/en.js';
import { CcaiCallCancelledEvent } from '../../internal/events.js';
import type { Booking } from './booking-store.js';
import type { KeptBooking } from './kept-booking.js';

export type Replaced = NonNullable<Booking['replaces']>;

export interface ChangeTimeContext {
  api: () => Promise<CallsClient>;
  kept: KeptBooking;
  storageKey: () => string;
  reportError: (error: unknown) => void;
  /** The old call is cancelled on the visitor's request: its alert and button go, focus to the message. */
  focusMessage: () => void;
}

/**
 * How the old call was last asked about: cancelled right after the booking, cancelled again on the
 * visitor's request, or (after a reload, when a cancel may have succeeded unseen) read.
 */
export type OldCallRun = 'cancel' | 'retry' | 'check';

export class ChangeTime {
  /** The booking whose time is being changed, while the form for its new time is shown. */
  changing: Booking | null = null;
  /** The call that Change time made, once the one it replaced was cancelled. */
  movedTo?: number;
  /** What `cancelOld` last did (see `OldCallRun`). */
  run: OldCallRun = 'cancel';
  readonly cancelOld: Task<[Replaced | null], Call>;
  readonly #context: ChangeTimeContext;

  constructor(host: ReactiveControllerHost & EventTarget, context: ChangeTimeContext) {
    this.#context = context;
    this.cancelOld = new Task<[Replaced | null], Call>(host, {
      autoRun: false,
      task: async ([old], { signal }) => {
        if (!old) return initialState;
        const options = { signal, capability: old.capability };
        const api = await context.api();
        if (this.run === 'check') return api.getCall(old.call.id, options);
        const result = await api.cancelScheduledCall(old.call.id, options);
        return result.kind === 'cancelled' ? result.call : { ...old.call, status: 'cancelled' };
      },
      onComplete: (call) => {
        const kept = context.kept.booking;
        // Only a cancelled call has moved: one already under way (a 200 with its status) still exists.
        if (kept?.replaces?.call.id === call.id && call.status === 'cancelled') {
          this.movedTo = kept.call.id;
          context.kept.keep(context.storageKey(), { ...kept, replaces: undefined });
          if (this.run === 'retry') context.focusMessage();
        }
        if (this.run !== 'check' && call.status === 'cancelled')
          host.dispatchEvent(new CcaiCallCancelledEvent({ call }));
      },
      onError: (error) => context.reportError(error),
    });
    // A reload came after the old call's cancel was sent, or after it failed: its status says which.
    const old = context.kept.booking?.replaces;
    if (old) {
      this.run = 'check';
      queueMicrotask(() => void this.cancelOld.run([old]));
    }
  }

  /**
   * A booking was made: when it was a change, it replaces the call being changed, whose cancel
   * starts now (after the caller has kept the booking this returns).
   */
  booked(booking: Booking): Booking {
    const old = this.changing;
    this.changing = null;
    if (!old) return booking;
    const replaces = { call: old.call, capability: old.capability };
    this.run = 'cancel';
    queueMicrotask(() => void this.cancelOld.run([replaces]));
    // The calendar's event moves with the call: the chain's first UID, its SEQUENCE one higher (RFC 5545 §3.8.7.4).
    const chain = { id: old.chain?.id ?? old.call.id, sequence: (old.chain?.sequence ?? 0) + 1 };
    return { ...booking, replaces, chain };
  }

  /** "Cancel the call of …": the old call once more, never while a cancel runs. */
  readonly cancelAgain = () => {
    const old = this.#context.kept.booking?.replaces;
    if (!old || this.cancelOld.status === TaskStatus.PENDING) return;
    this.run = 'retry';
    void this.cancelOld.run([old]);
  };

  /** The form's copy while changing: its legend and button say what it does. */
  static messages(t: Messages): Messages {
    return { ...t, scheduleLegend: t.changeLegend, submit: t.changeSubmit, submitting: t.changing };
  }

  /** "Keep the current time", after the form's button. */
  static keepButton(t: Messages, keep: () => void) {
    return html`<button
      part="button"
      class="secondary"
      type="button"
      @click=${keep}
    >
      ${t.keepTime}
    </button>`;
  }
}
