/**
 * What `<ccai-schedule-call>` shows once a request has an answer: the confirmation with the time,
 * the call's live status and Cancel call, or Schedule another call. Loaded with the phone metadata
 * and the checks on the form's first use (no request is sent before), not with the page.
 */
import { TaskStatus, type Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CALL_TYPES, isTerminalStatus } from '../../core/calls.js';
import type { CallsClient, CreateCallResult } from '../../core/client.js';
import { CallsApiError, isUnconfirmedWrite } from '../../core/errors.js';
import type { Call } from '../../core/schemas.js';
import type { Messages } from '../../i18n/en.js';
import { isolatedIn, withIsolated } from '../../internal/bidi.js';
// With the client: the confirmation is shown once a request was made (or to read a kept call's status).
import { describeError } from '../../internal/requests.js';
import { errorDetail, type CcaiStatusChangeEvent } from '../../internal/events.js';
import { dateTimeFormat } from '../../internal/intl-cache.js';
import type { Booking } from './booking-store.js';
import { calendarLink, type CalendarLinkView } from './calendar.js';
import { nameZone, zoneName } from './format.js';
import type { ChangeTime, OldCallRun, Replaced } from './change-time.js';
import type { EarlierCalls } from './earlier.js';
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
  /** A call's status as last seen, after its booking (its status element, or a cancel's answer). */
  seen: Pick<Call, 'id' | 'status'> | undefined;
  on: {
    cancel: (call: Call) => void;
    another: () => void;
    statusChange: (event: CcaiStatusChangeEvent) => void;
    /** Change time (of the shown call, or of `booking`): the form, to book a new time before the old one is cancelled. */
    change: (booking?: Booking) => void;
  };
  /** What "Add to calendar" needs besides the call and the copy. */
  calendar: Omit<CalendarLinkView, 'call' | 't'>;
  /** Change time (made with this module's `ChangeTime`), and the call this one replaces, if any. */
  change: { time: ChangeTime; replaces: Replaced | undefined };
  /** The form's other bookings, newest first, listed under this one, and their state. */
  earlier: { list: Booking[]; calls: EarlierCalls };
  /** A reload came while another booking was being sent: its call may exist besides those shown. */
  interrupted: boolean;
}

/**
 * Change time booked this call for an older one (`old`), cancelled (or, after a reload, read) by
 * `task`, as `run` says; `retry` cancels it again. Until that has succeeded the visitor is told that
 * both calls exist.
 */
interface Replacing {
  old: Replaced;
  task: Task<[Replaced | null], Call>;
  run: OldCallRun;
  retry: () => void;
}

/**
 * What the form says when creating a call failed. A 404 means the site's backend has no such
 * route: its setup, not "this call", is wrong. A lost or unreadable answer, or a connection cut
 * while the browser was online, leaves the outcome unknown (the call may exist): said so, with no
 * Try again. Server text we have no copy for is isolated from the sentence around it (it may run
 * either way).
 */
export function describeCreateError(error: unknown, t: Messages): string | TemplateResult {
  if (isUnconfirmedWrite(error))
    return error.kind === 'timeout' ? t.createTimedOut : error.kind === 'network' ? t.createLost : t.createUnreadable;
  if (error instanceof CallsApiError && error.status === 404) return t.serverConfig;
  const described = describeError(error, t);
  return error instanceof CallsApiError && described === `${t.errorUnknown} ${error.message}`
    ? html`${t.errorUnknown} <bdi>${error.message}</bdi>`
    : described;
}

export { ChangeTime } from './change-time.js';
export { EarlierCalls } from './earlier.js';

/**
 * Date, time and zone of an instant in the visitor's zone, e.g. "Monday, March 9 at 9:15 AM EDT";
 * unreadable text as is. Where the locale's short name of the zone is only an offset ("GMT-8",
 * "UTC+1", "غرينتش+2"), the zone is named as the form's hint names it ("hora del Pacífico").
 * `timeZone` is for tests.
 */
export function formatWhen(instant: string, locale: string, timeZone?: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return instant;
  const parts = dateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(time);
  let offset: string | undefined;
  try {
    offset = dateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(time)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    // Engines before `shortOffset` throw a RangeError for it: the short name is kept.
  }
  return parts
    .map((part) =>
      part.type === 'timeZoneName' && part.value === offset
        ? timeZone
          ? nameZone(locale, time, timeZone)
          : zoneName(locale, time)
        : part.value,
    )
    .join('');
}

/** Change time: the time of the call being changed, said above the pickers and not offered there. */
export function currentTime(t: Messages, changing: Booking, locale: string) {
  const slot = changing.call.scheduled_at;
  return slot ? { slot, text: withIsolated(t.changeCurrent, formatWhen(slot, locale)) } : undefined;
}

/**
 * The message already says when the call is (and is what is read out): while the call is
 * scheduled, its status element's one detail, "Scheduled for …", would say it a second time, so
 * its details are hidden then (`[data-scheduled]`, see the styles); once the call moves on they
 * show (the agent's name, why it failed). The status element reports its first status too.
 */
function statusChange(then: StatusHandler): StatusHandler {
  let handler = statusHandlers.get(then);
  if (!handler) {
    handler = (event) => {
      (event.currentTarget as Element).toggleAttribute('data-scheduled', event.detail.call.status === 'scheduled');
      then(event);
    };
    statusHandlers.set(then, handler);
  }
  return handler;
}

type StatusHandler = (event: CcaiStatusChangeEvent) => void;
/** One wrapper per element's handler, so that a render does not replace the listener. */
const statusHandlers = new WeakMap<StatusHandler, StatusHandler>();

export function outcomeView(view: OutcomeView) {
  const { result, t, locale, requestedAt, cancel, status, seen, on, calendar, change } = view;
  const another = anotherButton(t.scheduleAnother, on.another);
  const others = earlierList(view);
  // 202: a person must act before the call exists, so there is nothing to show or cancel yet.
  if (result.kind === 'accepted') return confirmation(t.scheduleAccepted, nothing, another, false, others);
  const answered = cancel.status === TaskStatus.COMPLETE ? cancel.value : undefined;
  const cancelled = answered?.status === 'cancelled' ? answered : undefined;
  const call = cancelled ?? result.call;
  // Change time, Cancel call and Add to calendar are for a call still waiting for its time.
  const waiting = seen?.id !== call.id || seen.status === 'scheduled';
  const ended = seen?.id === call.id && isTerminalStatus(seen.status);
  // "Call me now": queued at once. The API cancels only scheduled calls, and there is no time to change.
  const callNow = call.call_type === CALL_TYPES.inbound && !call.scheduled_at;
  const { time, replaces } = change;
  const replacing = replaces && { old: replaces, task: time.cancelOld, run: time.run, retry: time.cancelAgain };
  // Change time has cancelled the call this one replaced: the message says the call has moved.
  const moved = time.movedTo === call.id;
  const cancelCall = (busy: boolean) => cancelButton(busy ? t.cancelling : t.cancelCall, () => on.cancel(call), busy);
  const when = formatWhen(call.scheduled_at ?? requestedAt, locale);
  const actions = () =>
    waiting
      ? html`${cancelButton(t.changeTime, () => on.change(), false)} ${cancelCall(false)}
        ${calendarLink({ ...calendar, call, t })} ${another}`
      : another;
  // Once cancelled, the message says so (and takes focus); a status element beside it would
  // announce the same change a second time through its own live region.
  return confirmation(
    cancelled
      ? t.cancelled
      : callNow
        ? ended
          ? t.callNowEnded
          : t.callNowConfirmation
        : withIsolated(ended ? t.confirmationEnded : moved ? t.changedTo : t.confirmation, when),
    cancelled
      ? nothing
      : // The booked call is handed over once (\`guard\`): Lit sets an object property again on every
        // render, and the booking's copy would then undo a newer status the element has read or been pushed.
        html`${view.interrupted ? alertBox(t.createInterrupted) : nothing}${replacingNotice(t, locale, replacing)}<ccai-call-status
            part="call-status"
            call-id=${call.id}
            base-url=${status.baseUrl}
            .call=${guard([call, status.stale], () => (status.stale ? undefined : call))}
            .capability=${result.capability}
            .client=${status.client}
            .messages=${status.messages}
            @ccai-status-change=${statusChange(on.statusChange)}
          ></ccai-call-status>`,
    // A queued call cannot be cancelled here; another one can be asked for.
    callNow && !cancelled
      ? another
      : cancel.render({
          initial: actions,
          pending: () => cancelCall(true),
          error: (error) =>
            html`${alertBox(html`${isolatedIn(describeError(error, t), errorDetail(error).message)}`)} ${actions()}`,
          // Too late (the answer is not `cancelled`): said, in place of the actions it ended.
          complete: () => (cancelled ? another : html`${alertBox(t.notCancelled)} ${actions()}`),
        }),
    // After "Cancel the call of …" the message takes focus instead (see \`ChangeTime\`).
    !cancelled && (replacing !== undefined || moved) && time.run !== 'retry',
    others,
  );
}

/**
 * The other bookings: a list labelled by its title, each item by its time (a group around its
 * status and buttons). A cancelled one says so in place of its buttons, and that sentence takes
 * focus (so it is read once, and focus is not lost); one no longer scheduled keeps only its status.
 */
function earlierList(view: OutcomeView) {
  const { t, locale, status, on, calendar, earlier } = view;
  const list = earlier.list.filter(({ call }) => !earlier.calls.of(call.id).gone);
  if (list.length === 0) return nothing;
  return html`<div class="earlier">
    <p
      id="earlier-title"
      class="earlier-title"
    >
      ${t.earlierCalls}
    </p>
    <ul
      part="earlier"
      aria-labelledby="earlier-title"
    >
      ${list.map((booking) => {
        const { call, capability, chain } = booking;
        const item = earlier.calls.of(call.id);
        const { cancel } = item;
        const id = `earlier-${call.id}`;
        const answer = cancel.status === TaskStatus.COMPLETE ? cancel.value : undefined;
        const busy = cancel.status === TaskStatus.PENDING;
        // A call me now has no time to change, and the API cancels only scheduled calls.
        const actions =
          call.scheduled_at && (item.status ?? 'scheduled') === 'scheduled'
            ? html`${cancelButton(t.changeTime, () => on.change(booking), false)}
              ${cancelButton(busy ? t.cancelling : t.cancelCall, () => busy || void cancel.run([booking]), busy)}
              ${calendarLink({ ...calendar, call, t, chain })}`
            : nothing;
        return html`<li id=${id}>
          <p
            id="${id}-when"
            class="when"
          >
            ${formatWhen(call.scheduled_at ?? call.queued_at ?? call.created_at ?? '', locale)}
          </p>
          ${
            answer?.status === 'cancelled'
              ? html`<p
                  class="item-message"
                  tabindex="-1"
                >
                  ${t.cancelled}
                </p>`
              : html`<div
                  class="item"
                  role="group"
                  aria-labelledby="${id}-when"
                >
                  <ccai-call-status
                    part="call-status"
                    call-id=${call.id}
                    base-url=${status.baseUrl}
                    .capability=${capability}
                    .client=${status.client}
                    .messages=${status.messages}
                    @ccai-status-change=${statusChange(item.onStatusChange)}
                    @ccai-error=${item.onStatusError}
                  ></ccai-call-status>
                  ${
                    cancel.status === TaskStatus.ERROR
                      ? alertBox(html`${isolatedIn(describeError(cancel.error, t), errorDetail(cancel.error).message)}`)
                      : answer
                        ? alertBox(t.notCancelled)
                        : nothing
                  }
                  <div class="actions">${actions}</div>
                </div>`
          }
        </li>`;
      })}
    </ul>
  </div>`;
}

/**
 * The older call of a Change time while it is being cancelled; or, when the cancel failed (or a
 * reload came between and the call is still there), that both calls exist now, with a button to
 * cancel the old one again, which stays (\`aria-disabled\`) while it runs, so focus is not lost. That
 * the call has moved is said by the message alone (a live region during a change: see \`confirmation\`).
 */
function replacingNotice(t: Messages, locale: string, replacing: Replacing | undefined) {
  if (!replacing) return nothing;
  const { old, task, run, retry } = replacing;
  const oldWhen = formatWhen(old.call.scheduled_at ?? '', locale);
  const pending = task.status === TaskStatus.PENDING;
  // Reading the old call after a reload: nothing to say until its status is known (a moment).
  if (run === 'check' && (pending || task.status === TaskStatus.INITIAL)) return nothing;
  if (pending && run === 'cancel')
    return html`<p
      class="hint"
      role="status"
    >
      ${withIsolated(t.changeCancelling, oldWhen)}
    </p>`;
  const cause =
    task.status === TaskStatus.ERROR ? isolatedIn(describeError(task.error, t), errorDetail(task.error).message) : '';
  return alertBox(html`${withIsolated(t.changeBothCalls, oldWhen)} ${cause}`, {
    label: withIsolated(t.cancelOldCall, oldWhen),
    run: retry,
    busy: pending,
  });
}

/**
 * The confirmation: its message takes focus when shown, so it is read out once. \`live\`: during a
 * Change time the message is a live region too, so that its change to "moved to …" (the old call
 * cancelled, after the focus) is announced, once.
 */
function confirmation(message: unknown, status: unknown, actions: unknown, live = false, others: unknown = nothing) {
  return html`<section
    part="confirmation"
    class="confirmation"
  >
    <p
      class="message"
      role=${ifDefined(live ? 'status' : undefined)}
      tabindex="-1"
    >
      ${message}
    </p>
    ${status}
    <div class="actions">${actions}</div>
    ${others}
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
