import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { IN_PROGRESS_STATUSES, SUCCEEDED_STATUSES } from '../../core/calls.js';
import type { Call } from '../../core/schemas.js';
import type { Messages } from '../../i18n/en.js';
import { withIsolated, type Isolated } from '../../internal/bidi.js';
import { CcaiElement } from '../../internal/ccai-element.js';
import { idType, objectType, stringType } from '../../internal/property-types.js';
import { CcaiStatusChangeEvent } from '../../internal/events.js';
import { dateTimeFormat } from '../../internal/intl-cache.js';
import { systemClock, type Clock } from '../../internal/clock.js';
import { themeStyles } from '../../internal/styles.js';
import { callStatusStyles } from './call-status.styles.js';
import type { LiveStatus } from './live.js';

type LiveModule = typeof import('./live.js');

/** How many times a failed load of `./live.js` is tried again before the notice asks for a reload. */
const LOAD_RETRIES = 3;

/** Date, time and zone in the visitor's own time zone (`dateStyle` cannot be combined with `timeZoneName`). */
const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

/**
 * A call's live status in the visitor's language, with what matters for it: the scheduled time,
 * the agent's name once one is assigned, the reason a call failed.
 *
 * Where the call comes from:
 * - `call` pushed in by the page: shown at once, no request needed. Without `call-id` the element
 *   never fetches; with it, polling continues from the pushed call (its first read waits as long as
 *   the polling policy says, it is not made at once).
 * - `call-id` alone: read at once from `src`, then polled.
 *
 * Polling is budgeted for the tenant's 10 requests/s shared by every visitor (see
 * `src/internal/poll-policy.ts` for the numbers): intervals follow the status and how far away the
 * scheduled time is; nothing is requested while the tab is hidden; polling stops at a final status,
 * on an unknown call (404) and on disconnect; failures back off with jitter and honour
 * `Retry-After`. A failure keeps the last known status on screen with a calm note beside it.
 * Elements of one page showing the same call (same client or `base-url`, `src`, `call-id` and
 * `capability`) share each read, and the page starts at most 2 reads in any second (see
 * `src/internal/call-watch.ts`). A read of another call than `call-id` is refused.
 *
 * Live push: when a read's answer offers the call's event stream (a `ccai-gateway` does, in its
 * `Ccai-Events` header), the element stops polling and listens to it instead, with the same
 * events and announcements; the stream closes while the tab is hidden and opens again (with the
 * current status) when it is shown. A stream refused or unreachable falls back to the polling
 * above. Elements of a page showing the same call share one stream, and a page opens at most 4
 * (each holds one of the browser's few connections per host); others poll.
 *
 * Each status change is announced once (`role=status`); polls that bring no change touch nothing.
 *
 * @tagname ccai-call-status
 * @summary A call's live status, polled within the tenant's rate limit.
 *
 * @fires {CcaiStatusChangeEvent} ccai-status-change - The status changed, including the first one learned: `{ call, previousStatus }` (`previousStatus` is `null` then).
 * @fires {CcaiErrorEvent} ccai-error - A read failed: `{ status, message, kind }`.
 *
 * @csspart base - The box around everything.
 * @csspart status - The announced line: the label and the status name.
 * @csspart label - The label ("Call status").
 * @csspart name - The status name with its coloured dot.
 * @csspart loading - The loading message before the first status is known.
 * @csspart details - The list of details (scheduled time, agent, fail reason).
 * @csspart detail - One detail.
 * @csspart notice - The note shown while the status cannot be read.
 *
 * @cssprop --ccai-accent - The dot of a call in progress.
 * @cssprop --ccai-color - Text colour.
 * @cssprop --ccai-muted-color - The label, the note, and the dot of a waiting or ended call.
 * @cssprop --ccai-background - Background around the box.
 * @cssprop --ccai-surface - The box's background.
 * @cssprop --ccai-border-color - The box's border.
 * @cssprop --ccai-success-color - The dot of a call that ended well.
 * @cssprop --ccai-error-color - The dot of a failed call.
 * @cssprop --ccai-radius - Corner radius.
 * @cssprop --ccai-spacing - Spacing unit.
 * @cssprop --ccai-font-family - Font.
 * @cssprop --ccai-font-size - Base font size.
 */
export class CcaiCallStatus extends CcaiElement {
  static override styles = [themeStyles, callStatusStyles];

  /** The id of the call to read and poll. Changing it starts over with the new call. */
  @property({ attribute: 'call-id', reflect: true, type: Number, converter: idType })
  callId?: number;

  /**
   * URL template of the call resource: `{id}` is the call id, `{base-url}` the `base-url`.
   * Default: `{base-url}/apps/api/v1/calls/{id}` (an endpoint the platform does not document; your
   * backend serves it). Changing it reads the call again at once.
   */
  @property({ converter: stringType('') }) src = '';

  /**
   * The call shown. Set it to push a call object in (no request needed; a new object updates the
   * view and fires `ccai-status-change` if the status changed). Also holds the latest call read.
   */
  @property({ attribute: false, converter: objectType }) call?: Call;

  /**
   * The call's capability from a gateway (the `Ccai-Capability` header of its booking), sent with
   * every read. A property only, so the token never shows in the DOM. Changing it reads again at
   * once. Leave it unset with a backend of your own.
   */
  @property({ attribute: false, converter: stringType() }) capability?: string;

  /** @internal Time and timers for polling; tests replace it before connecting the element. */
  clock: Clock = systemClock;

  @state() private problem: unknown = null;

  /** The latest call read or pushed in (the one a status change is measured from). */
  #known: Call | undefined;

  /** Polling and the live stream, from the first call id on (`live.ts`, loaded then with the client). */
  #live: LiveStatus | undefined;
  /** The live module loading, until it is in (see `getUpdateComplete`). */
  #liveLoading: Promise<unknown> | undefined;
  #liveModule: LiveModule | undefined;
  /** Failed loads of the live module in a row, and the timer of the next try (see `#startLive`). */
  #loadFailures = 0;
  #loadRetry: unknown;

  /** Given a call id or a call: it may show any status, detail or failure. */
  protected override get used(): boolean {
    return this.callId != null || this.call != null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Not the call last read or pushed: the page pushed it in.
    const pushed = changed.has('call') && this.call !== undefined && this.call !== this.#known;
    const sourceChanged =
      changed.has('callId') ||
      changed.has('capability') ||
      changed.has('src') ||
      changed.has('baseUrl') ||
      changed.has('client');
    const known = this.#known;
    if (changed.has('callId') && known && String(known.id) !== String(this.callId)) this.#forget(pushed);
    if (pushed) {
      const previous = this.#known;
      this.#known = this.call;
      this.#live?.seen(this.call!);
      this.#announce(this.call!, previous);
    }
    if (!sourceChanged && !pushed) return;
    if (this.#live) this.#live.follow(sourceChanged, pushed);
    else if (this.callId) this.#startLive(pushed);
  }

  /** The first call id: polling and the stream load (once), then follow it as they would have at once. */
  #startLive(pushed: boolean): void {
    if (this.#liveLoading || this.#live) return;
    this.clock.clearTimeout(this.#loadRetry);
    const loading = (this.#liveLoading = import('./live.js')
      .then(async (module) => {
        // The reads' client: the page's own, or the one for `base-url` (its module loaded here).
        if (!this.client) await module.loadClientModule();
        this.#liveModule = module;
        this.problem = null;
        const live = (this.#live = new module.LiveStatus(this, {
          api: () => this.api!,
          received: (call, previous) => {
            this.problem = null;
            this.#known = call;
            this.#announce(call, previous);
            this.call = call;
          },
          failed: (error) => {
            this.problem = error;
            this.reportError(error);
          },
        }));
        if (this.#known) live.seen(this.#known);
        live.follow(true, pushed);
      })
      .catch((error: unknown) => {
        // Offline, say, or a deploy removed the old chunk. Tried again LOAD_RETRIES times, 5–10 s,
        // 10–20 s, then 20–40 s later (the polling's own error backoff; never while the tab is
        // hidden), then the notice asks for a reload; a change of source tries once more. The same
        // `import()` again: a query on the chunk's URL would not survive a bundler (Vite writes the
        // hashed name in) and would not help when a chunk it imports failed. Chromium fetches a
        // failed module again (whatwg/html#10327); Firefox ESR keeps the failure until a reload
        // (Mozilla bug 2055211), so there the tries fail at once and the reload notice follows.
        const retry = () =>
          document.visibilityState === 'hidden'
            ? document.addEventListener('visibilitychange', retry, { once: true })
            : this.callId && this.#startLive(pushed);
        if (++this.#loadFailures <= LOAD_RETRIES)
          this.#loadRetry = this.clock.setTimeout(retry, 2500 * 2 ** this.#loadFailures * (1 + this.clock.random()));
        this.problem = error;
        this.reportError(error);
      })
      .finally(() => {
        if (this.#liveLoading === loading) this.#liveLoading = undefined;
      }));
  }

  /** Also waits for the polling to start once the element has a call id (its module loads then). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#liveLoading) {
      await this.#liveLoading;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  override render() {
    const t = this.t;
    const call = this.call;
    return html`<div
      part="base"
      class="base"
    >
      <p
        part="status"
        class="status"
        role="status"
        aria-atomic="true"
      >
        <span
          part="label"
          class="label"
          >${t.statusHeading}</span
        >
        ${
          call
            ? html`<span
                part="name"
                class="name ${statusTone(call.status)}"
                ><span
                  class="dot"
                  aria-hidden="true"
                ></span
                ><bdi class="text">${statusName(call.status, t)}</bdi></span
              >`
            : nothing
        }
      </p>
      ${
        !call && !this.problem && this.callId
          ? html`<p
              part="loading"
              class="loading"
            >
              ${t.loading}
            </p>`
          : nothing
      }
      ${call ? this.#renderDetails(call, t) : nothing}
      <p
        part="notice"
        class="notice"
        role="status"
      >
        ${this.problem ? this.#problemText(t) : nothing}
      </p>
    </div>`;
  }

  #renderDetails(call: Call, t: Messages) {
    // Each line inserts a date, a name or server text: isolated, so a right-to-left page reads in order.
    const lines: Isolated[] = [];
    if (call.status === 'scheduled' && call.scheduled_at) {
      const when = this.#formatTime(call.scheduled_at);
      if (when) lines.push(withIsolated(t.scheduledFor, when));
    }
    const agent = agentNameOf(call);
    if (agent) lines.push(withIsolated(t.agentName, agent));
    const reason = call.fail_reason;
    if (call.status === 'failed' && reason && reason !== 'nothing')
      lines.push(withIsolated(t.failReason, ownEntry(t.failReasons, reason) ?? reason));
    if (lines.length === 0) return nothing;
    return html`<ul
      part="details"
      class="details"
    >
      ${lines.map((line) => html`<li part="detail">${line}</li>`)}
    </ul>`;
  }

  #problemText(t: Messages): string {
    if (!this.#live && this.#loadFailures > LOAD_RETRIES) return t.statusReload;
    return this.#liveModule?.gone(this.problem) ? t.errorNotFound : `${t.statusUnavailable} ${t.statusRetrying}`;
  }

  #formatTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : dateTimeFormat(this.localize.locale, DATE_TIME).format(date);
  }

  /** Fires `ccai-status-change` when `call`'s status differs from the one known before it. */
  #announce(call: Call, previous: Call | undefined): void {
    const previousStatus = previous?.status ?? null;
    if (call.status !== previousStatus) this.dispatchEvent(new CcaiStatusChangeEvent({ call, previousStatus }));
  }

  /** Another call now: nothing known about it yet (a call pushed in with the new id stays). */
  #forget(pushed: boolean): void {
    this.#known = undefined;
    this.#live?.forget();
    this.problem = null;
    if (!pushed) this.call = undefined;
  }
}

/** The colour family of a status's dot (the text says the same; colour only repeats it). */
function statusTone(status: string): string {
  if (status === 'failed') return 'failed';
  if (SUCCEEDED_STATUSES.has(status)) return 'done';
  if (IN_PROGRESS_STATUSES.has(status)) return 'live';
  return 'neutral';
}

/** The status in the UI language; a status we have no name for is shown as the API spells it. */
function statusName(status: string, t: Messages): string {
  return ownEntry(t.statusNames, status) ?? status;
}

function agentNameOf(call: Call): string {
  const agent = call.agent_info;
  if (!agent) return '';
  return agent.name?.trim() || [agent.first_name, agent.last_name].filter(Boolean).join(' ').trim();
}

/** Catalogue look-up that never returns `Object.prototype` members for statuses like `constructor`. */
function ownEntry(map: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
