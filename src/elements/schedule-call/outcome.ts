/**
 * What `<ccai-schedule-call>` shows once a request has an answer: the confirmation with the time,
 * the call's live status and Cancel call, or Schedule another call. Loaded with the phone metadata
 * and the checks on the form's first use (no request is sent before), not with the page.
 */
import { TaskStatus, type Task } from '@lit/task';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CallsClient, CreateCallResult } from '../../core/client.js';
import type { Call } from '../../core/schemas.js';
import type { Messages } from '../../i18n/en.js';
import { isolatedIn, withIsolated } from '../../internal/bidi.js';
import { describeError, errorDetail } from '../../internal/describe-error.js';
import type { CcaiStatusChangeEvent } from '../../internal/events.js';
import { dateTimeFormat } from '../../internal/intl-cache.js';
import { alertBox } from './views.js';

export interface OutcomeView {
  result: CreateCallResult;
  t: Messages;
  locale: string;
  /** The time asked for, shown when the call does not say. */
  requestedAt: string;
  /** Cancelling the call (with its capability): the element's, as its state outlives this view. */
  cancel: Task<[Call | null, string | undefined], Call>;
  /**
   * What the call's `<ccai-call-status>` is given (the capability comes with `result`). `stale`:
   * the call is as it was when booked, before a reload, so the status element reads it at once.
   */
  status: { baseUrl: string; client: CallsClient | undefined; messages: Partial<Messages> | undefined; stale: boolean };
  on: { cancel: (call: Call) => void; another: () => void; statusChange: (event: CcaiStatusChangeEvent) => void };
}

/** Date, time and zone of an instant in the visitor's zone, e.g. "Monday, March 9 at 9:15 AM EDT"; unreadable text as is. */
export function formatWhen(instant: string, locale: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return instant;
  return dateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(time);
}

export function outcomeView({ result, t, locale, requestedAt, cancel, status, on }: OutcomeView) {
  const another = anotherButton(t.scheduleAnother, on.another);
  // 202: a person must act before the call exists, so there is nothing to show or cancel yet.
  if (result.kind === 'accepted') return confirmation(t.scheduleAccepted, nothing, another);
  const cancelled = cancel.status === TaskStatus.COMPLETE ? cancel.value : undefined;
  const call = cancelled ?? result.call;
  const cancelCall = (busy: boolean) => cancelButton(busy ? t.cancelling : t.cancelCall, () => on.cancel(call), busy);
  const when = formatWhen(call.scheduled_at ?? requestedAt, locale);
  // Once cancelled, the message says so (and takes focus); a status element beside it would
  // announce the same change a second time through its own live region.
  return confirmation(
    cancelled ? t.cancelled : withIsolated(t.confirmation, when),
    cancelled
      ? nothing
      : html`<ccai-call-status
          part="call-status"
          call-id=${call.id}
          base-url=${status.baseUrl}
          .call=${status.stale ? undefined : call}
          .capability=${result.capability}
          .client=${status.client}
          .messages=${status.messages}
          @ccai-status-change=${on.statusChange}
        ></ccai-call-status>`,
    cancel.render({
      initial: () => cancelCall(false),
      pending: () => cancelCall(true),
      error: (error) =>
        html`${alertBox(html`${isolatedIn(describeError(error, t), errorDetail(error).message)}`)} ${cancelCall(false)}`,
      complete: () => another,
    }),
  );
}

/** The confirmation: its message takes focus when shown, so it is read out once. */
function confirmation(message: unknown, status: unknown, actions: unknown) {
  return html`<section
    part="confirmation"
    class="confirmation"
  >
    <p
      class="message"
      tabindex="-1"
    >
      ${message}
    </p>
    ${status}
    <div class="actions">${actions}</div>
  </section>`;
}

/** A button that stays focusable while busy (`aria-disabled`), so focus is not lost mid-request. */
function cancelButton(label: string, run: () => void, busy: boolean) {
  return html`<button
    part="button"
    class="secondary"
    type="button"
    aria-disabled=${ifDefined(busy ? 'true' : undefined)}
    @click=${run}
  >
    ${label}
  </button>`;
}

/** A separate template from `cancelButton`, so that Lit makes a new button rather than restyling that one. */
function anotherButton(label: string, run: () => void) {
  return html`<button
    part="button"
    type="button"
    @click=${run}
  >
    ${label}
  </button>`;
}
