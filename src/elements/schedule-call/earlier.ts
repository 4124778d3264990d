/**
 * The form's other bookings, listed under the confirmation (newest first): each with its live
 * status, Change time, Cancel call and Add to calendar, so that booking another call never hides
 * the first. This holds what each item needs between renders: its cancel (one task per call) and
 * its status as last seen, or that its call is gone. Loaded with the confirmation (`outcome.ts`).
 */
import { Task } from '@lit/task';
import { css, type ReactiveControllerHost } from 'lit';
import { isTerminalStatus } from '../../core/calls.js';
import type { CallsClient } from '../../core/client.js';
import type { Call } from '../../core/schemas.js';
import { CcaiCallCancelledEvent, type CcaiErrorEvent, type CcaiStatusChangeEvent } from '../../internal/events.js';
import type { Booking } from './booking-store.js';
import type { KeptBooking } from './kept-booking.js';

/**
 * The list's styles, added to the element's own when the list is first made: they come with this
 * module rather than with every page (a constructed style sheet, as Lit's own, so a strict
 * Content-Security-Policy needs no `'unsafe-inline'` for them).
 */
const styles = css`
  .earlier,
  .earlier ul,
  .earlier li,
  .item {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .earlier {
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  .earlier ul {
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .earlier p {
    margin: 0;
  }
  .earlier-title {
    font-weight: 600;
  }
`;

/** Adds the list's styles to the element's shadow root, once. */
function adoptStyles(root: ShadowRoot): void {
  const sheet = styles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export interface EarlierContext {
  api: () => Promise<CallsClient>;
  kept: KeptBooking;
  reportError: (error: unknown) => void;
  /** After a cancel: focus goes to what replaced the item's buttons (`selector`, in the element). */
  focus: (selector: string) => void;
}

export interface EarlierCall {
  cancel: Task<[Booking], Call>;
  /** Its status as last seen (its status element, or a cancel's answer); `undefined` until read. */
  status?: string;
  onStatusChange: (event: CcaiStatusChangeEvent) => void;
  /** Its status element was told 404 (the backend no longer knows the call): forgotten, and no longer listed. */
  gone?: boolean;
  onStatusError: (event: CcaiErrorEvent) => void;
}

export class EarlierCalls {
  readonly #calls = new Map<number, EarlierCall>();
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #context: EarlierContext;

  constructor(
    host: ReactiveControllerHost & EventTarget & { renderRoot: HTMLElement | DocumentFragment },
    context: EarlierContext,
  ) {
    this.#host = host;
    this.#context = context;
    if (host.renderRoot instanceof ShadowRoot) adoptStyles(host.renderRoot);
  }

  /** The item of a call (made on its first render). */
  of(id: number): EarlierCall {
    let item = this.#calls.get(id);
    if (item) return item;
    const { kept } = this.#context;
    const seen = (call: Call) => {
      item!.status = call.status;
      if (isTerminalStatus(call.status)) kept.forget(call.id);
      this.#host.requestUpdate();
    };
    item = {
      cancel: new Task<[Booking], Call>(this.#host, {
        autoRun: false,
        task: async ([{ call, capability }], { signal }) => {
          const result = await (await this.#context.api()).cancelScheduledCall(call.id, { signal, capability });
          // 204: cancelled already (elsewhere), as the main confirmation's Cancel call reads it.
          return result.kind === 'cancelled' ? result.call : { ...call, status: 'cancelled' };
        },
        onComplete: (call) => {
          seen(call);
          // Cancelled: its message takes focus (read out once). Too late: the alert says so, focus stays.
          if (call.status !== 'cancelled') return;
          kept.forget(call.id);
          this.#context.focus(`#earlier-${call.id} .item-message`);
          this.#host.dispatchEvent(new CcaiCallCancelledEvent({ call }));
        },
        onError: (error) => this.#context.reportError(error),
      }),
      onStatusChange: (event) => seen(event.detail.call),
      onStatusError: (event) => {
        if (event.detail.status !== 404) return;
        item!.gone = true;
        kept.forget(id);
        this.#host.requestUpdate();
      },
    };
    this.#calls.set(id, item);
    return item;
  }
}
