import { Task, TaskStatus, initialState } from '@lit/task';
import { nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isTerminalStatus } from '../../core/calls.js';
import type { CreateCallResult } from '../../core/client.js';
import { CallsApiError, isTransient, isUnconfirmedWrite } from '../../core/errors.js';
import type { Call } from '../../core/schemas.js';
import { CcaiElement } from '../../internal/ccai-element.js';
import { loadedClientModule } from '../../internal/client-module.js';
import { booleanType, idType, listType, numberType, objectType, stringType } from '../../internal/property-types.js';
import {
  CcaiCallCancelledEvent,
  CcaiCallScheduledEvent,
  type CcaiErrorEvent,
  type CcaiStatusChangeEvent,
} from '../../internal/events.js';
import type * as PhoneInput from '../../internal/phone-input.js';
import { checkboxStyles, themeStyles } from '../../internal/styles.js';
import { ScheduleForm } from './form-state.js';
import { regionName, zoneName } from './format.js';
import { KeptBooking, bookingKey, type Booking } from './kept-booking.js';
import { loadModule, loadedModule } from './lazy.js';
import type { ChangeTime } from './change-time.js';
import type { EarlierCalls } from './earlier.js';
import type { NowState } from './now.js';
import type { BookingRequest } from './request.js';
import { scheduleCallExtrasStyles } from './extras.styles.js';
import { scheduleCallStyles } from './schedule-call.styles.js';
import { formView } from './views.js';

/** Settings read (and checked) again when they change; `clock` only moves the slots. */
const SETTINGS = [
  'timezone',
  'hours',
  'days',
  'daysAhead',
  'slotMinutes',
  'minLeadMinutes',
  'menuId',
  'callId',
] as const;

/** Properties the kept booking's storage key is made of. */
const BOOKING_KEY_INPUTS = ['baseUrl', 'client', 'menuId', 'callId'] as const;

/**
 * The in-web scheduled callback: the visitor picks a country, a phone number, a day and a time in
 * their own time zone (and a language, and recording consent, when offered), and gets a
 * confirmation with the call's live status and a way to cancel it.
 *
 * Slots are computed from `hours`, `days` and `timezone` when those change, when the form is shown
 * again, and after a refused time (so passed times disappear). Phone metadata is loaded on first
 * use of the form (focus, pointer, input or submit), not with the element: a page that never
 * touches the form never loads it.
 *
 * Times follow the server's clock: the form asks for it once on first use (a `HEAD` whose `Date`
 * it reads; a page on another origin needs `Date` in `Access-Control-Expose-Headers`) and takes in
 * the `Date` of every answer. A device clock more than 2 minutes off is told to the visitor, and a
 * time the server refuses as past is never offered again, nor any before it.
 *
 * Settings that decide when or where a call is booked (`timezone`, `hours`, `days`, `days-ahead`,
 * `slot-minutes`, `min-lead-minutes`, `menu-id`, `call-id`) are checked: one that cannot be read
 * is named once in the console, and the form says it is not set up instead of guessing. Ids are
 * decimal digits only. At most 5000 times are offered (`MAX_SLOTS`), the earliest.
 *
 * Behind a gateway, the booking's answer carries the call's capability (`Ccai-Capability`): it is
 * kept in memory, given to the call's `<ccai-call-status>` and sent with Cancel call. Every call
 * booked in the tab (at most 5, newest first) is also kept with its capability in `sessionStorage`
 * (this tab only, under `ccai-schedule-call:<menu-id>:<call-id>:<base-url>`), so that after a reload
 * the element shows the newest's confirmation again, with the status read afresh and Cancel call
 * (without firing `ccai-call-scheduled` again), and lists the others under it, each with its status,
 * Change time, Cancel call and Add to calendar (as a confirmation lists them after another booking).
 * Each is forgotten after its cancel, once its call reaches a final status, a day after its
 * scheduled time, or when its call is not found.
 *
 * With `modes="now,later"` the visitor may also ask to be called now (`Voice Inbound (API)` on the
 * menu), seeing the menu's estimated wait. The confirmation of a scheduled call offers Change time
 * (the new time booked first, the old call cancelled after), Cancel call and an `.ics` file.
 *
 * @tagname ccai-schedule-call
 * @summary A form to schedule a callback, with confirmation, live status and cancel.
 *
 * @fires {CcaiCallScheduledEvent} ccai-call-scheduled - The call was created (201), also the new call of a Change time: `{ call, capability }` (`capability`: the gateway's `Ccai-Capability` for it, `undefined` without a gateway).
 * @fires {CcaiCallCancelledEvent} ccai-call-cancelled - The visitor cancelled it (or a listed call), or Change time cancelled the call it replaced: `{ call }` (on a 204, the call as known, status `cancelled`).
 * @fires {CcaiErrorEvent} ccai-error - A request failed, or the form refused the visitor's input (`kind: 'validation'`): `{ status, message, kind }`.
 *
 * @csspart form - The form.
 * @csspart legend - The form's title ("Schedule a callback").
 * @csspart field - The box of one label, its control, hint and error (also each picker's fieldset).
 * @csspart label - A field's label (and the legend of the day and time pickers).
 * @csspart input - A select (country, language) or the phone input.
 * @csspart days - The day picker: a radio group of days, in a row that wraps.
 * @csspart day - One day's box (the radio inside it is visually hidden).
 * @csspart times - The time picker: a radio group of the chosen day's times, in a grid.
 * @csspart slot - One time's box (the radio inside it is visually hidden).
 * @csspart chosen - Also on the chosen day's and the chosen time's box.
 * @csspart hour - The heading of an hour's times, when a day's times are closer than 15 minutes.
 * @csspart checkbox - The recording consent checkbox.
 * @csspart hint - Help under a field (the time zone note, what the number is for, no times available).
 * @csspart error - An error message: under a field, or about the request.
 * @csspart button - Every button (Schedule call, Call me now, Try again, Change time, Cancel call, Schedule another call, …).
 * @csspart confirmation - The box shown once the call is scheduled.
 * @csspart call-status - The `<ccai-call-status>` of the scheduled call.
 * @csspart modes - The choice of Call me now or Schedule for later (`modes` with both).
 * @csspart radio - A radio button of that choice.
 * @csspart wait - "Call me now": the estimated wait, or why no call can be made now.
 * @csspart calendar - The Add to calendar link (an `.ics` download) of the confirmation (and of each listed call).
 * @csspart earlier - The list of the form's other booked calls, under the confirmation.
 *
 * @cssprop --ccai-accent - Buttons and the checkbox.
 * @cssprop --ccai-on-accent - Text on buttons.
 * @cssprop --ccai-color - Text colour.
 * @cssprop --ccai-muted-color - Hints.
 * @cssprop --ccai-background - Background, also of the controls.
 * @cssprop --ccai-surface - The confirmation's background.
 * @cssprop --ccai-border-color - Borders of the controls.
 * @cssprop --ccai-error-color - Error messages and invalid controls.
 * @cssprop --ccai-focus-color - The focus ring.
 * @cssprop --ccai-radius - Corner radius.
 * @cssprop --ccai-spacing - Spacing unit.
 * @cssprop --ccai-font-family - Font.
 * @cssprop --ccai-font-size - Base font size.
 */
export class CcaiScheduleCall extends CcaiElement {
  // The consent row is also a `.field`: the shared checkbox row must come after it to win.
  static override styles = [themeStyles, scheduleCallStyles, checkboxStyles, scheduleCallExtrasStyles];

  /** The mobile or web menu the call is queued on (required unless `call-id`); decimal digits only. */
  @property({ attribute: 'menu-id', type: Number, converter: idType }) menuId?: number;

  /** An earlier call: the new one becomes its child (and takes its menu when there is no `menu-id`); decimal digits only. */
  @property({ attribute: 'call-id', type: Number, converter: idType }) callId?: number;

  /**
   * Behind `ccai-gateway`: the capability of the `call-id` call (its `Ccai-Capability`), sent with
   * the booking so that the gateway lets this visitor rebook it. Property only: it stays out of the DOM.
   */
  @property({ attribute: false, converter: stringType() }) capability?: string;

  /** A CRM ticket id, sent as `ticket_id`. */
  @property({ attribute: 'ticket-id', converter: stringType() }) ticketId?: string;

  /** ISO 639-1 codes offered for the call (comma list in the attribute; default `en`); one entry shows no picker. */
  @property({ converter: listType }) languages: string[] = ['en'];

  /** Country for numbers typed without `+` (ISO 3166 alpha-2); default from the browser's region, else `US`. */
  @property({ attribute: 'default-country', converter: stringType() }) defaultCountry?: string;

  /** IANA zone of the opening hours (default: the visitor's). */
  @property({ converter: stringType() }) timezone?: string;

  /** Opening hours in `timezone`: `09:00-17:00`, or several ranges `09:00-12:00,13:00-17:00`. */
  @property({ converter: stringType() }) hours = '09:00-17:00';

  /** Opening days: `mon-fri`, `mon-fri,sat`, `sat,sun`, `fri-mon`. */
  @property({ converter: stringType() }) days = 'mon-fri';

  /** How many calendar days are offered, today included (1 to 366). */
  @property({ attribute: 'days-ahead', converter: numberType }) daysAhead = 14;

  /** Minutes between offered times (a whole number, 1 to 1440). */
  @property({ attribute: 'slot-minutes', converter: numberType }) slotMinutes = 15;

  /** The earliest time offered is at least this many minutes from now. */
  @property({ attribute: 'min-lead-minutes', converter: numberType }) minLeadMinutes = 15;

  /**
   * What the visitor may book: `later` (a time, the default), `now` ("Call me now": a call queued at
   * once on `menu-id`, with the menu's estimated wait), or both, `now,later`; the first listed is
   * chosen at first. "Now" needs `menu-id` (not offered without it).
   */
  @property({ converter: listType }) modes: string[] = ['later'];

  /** Show the "Allow this call to be recorded" checkbox and send `recording_permission`. */
  @property({ attribute: 'recording-consent', converter: booleanType }) recordingConsent = false;

  /**
   * @internal What "now" is (epoch ms). Tests and demos whose mock runs on a pinned clock replace
   * it; slots are computed again when it is replaced, not when its answer moves on.
   */
  @property({ attribute: false, converter: objectType }) clock: { now(): number } = { now: () => Date.now() };

  // After the settings: it takes their initial values as the defaults.
  readonly #form = new ScheduleForm(this, { messages: () => this.t, uiLanguage: () => this.localize.language });
  /** A refusal that is not about one field (the page's setup, loading), shown where request errors are. */
  @state() private formError = '';
  /** From a press of the button until its request settles, so a second press sends nothing. */
  #busy = false;
  #request: BookingRequest | null = null;
  /** "Call me now" (`modes`): the choice and the wait, worked by `now.ts` once loaded. */
  readonly #now: NowState = {};
  /** Change time, made with the confirmation's module on its first render. */
  #change?: ChangeTime;
  /** The other bookings' cancels and statuses, made with it too. */
  #earlier?: EarlierCalls;
  #focusAfterUpdate = '';
  /** A booked call's status as last seen (its id with it: Change time books another). */
  #seen: Pick<Call, 'id' | 'status'> | undefined;
  /** The call booked (or kept from before a reload) with its capability, until Schedule another call. */
  readonly #kept = new KeptBooking(this);
  /** The kept booking's call was not found (404): forgotten, and the form says so until the next submit. */
  #keptGone = false;

  constructor() {
    super();
    this.addEventListener('ccai-error', this.#onStatusError);
  }

  /**
   * The booked call's `<ccai-call-status>` was told 404: the backend no longer has the call, or no
   * longer lets this visitor read it (the static demo's world after a reload, an expired capability).
   * Cancel call and Change time would be refused alike, so the booking is forgotten and the form
   * says why it is gone.
   */
  readonly #onStatusError = (event: Event) => {
    const source = event.composedPath()[0];
    const kept = this.#kept.booking;
    if (!(source instanceof HTMLElement) || source.localName !== 'ccai-call-status' || !kept) return;
    // Another booking's status (listed under this one) is the list's to handle (`earlier.ts`).
    if ((event as CcaiErrorEvent).detail.status !== 404 || source.getAttribute('call-id') !== String(kept.call.id))
      return;
    const focused = this.matches(':focus-within');
    this.#kept.forget();
    this.#keptGone = true;
    this.#scheduleAnother();
    // Focus moves only from inside the element: a page just loaded keeps its own.
    if (!focused) this.#focusAfterUpdate = '';
  };

  /**
   * Creating the call; run with `null` to go back to the form. Never aborted, on disconnect either:
   * the call would be created all the same, and a re-attached element must show it.
   */
  readonly #create = new Task<[BookingRequest | null], CreateCallResult>(this, {
    autoRun: false,
    task: async ([request], { signal }) => {
      if (!request) return initialState;
      const api = await this.loadApi();
      // Marked until the answer: a reload before it tells the visitor that this call may exist.
      const at = typeof request.scheduled_at === 'string' ? Date.parse(request.scheduled_at) : Number.NaN;
      this.#kept.markPending(this.#storageKey(), Number.isNaN(at) ? this.clock.now() : at);
      return api.createCall(request, {
        signal,
        capability: 'call_id' in request && request.call_id !== undefined ? this.capability : undefined,
      });
    },
    onComplete: (result) => {
      this.#kept.settlePending(this.#storageKey());
      this.#learnServerTime();
      if (result.kind === 'created') {
        const { call, capability } = result;
        const booking: Booking = { call, capability, request: this.#request ?? undefined };
        // Change time: the new call exists, so the old one is cancelled now (never the other way round).
        this.#kept.keep(this.#storageKey(), this.#change?.booked(booking) ?? booking);
        this.dispatchEvent(new CcaiCallScheduledEvent({ call, capability }));
      }
      this.#focusAfterUpdate = '.message';
    },
    onError: (error) => {
      // A call that may exist stays marked: a reload still says so.
      if (!isUnconfirmedWrite(error)) this.#kept.settlePending(this.#storageKey());
      this.#learnServerTime();
      // The server's clock is past that time: it, and every earlier one, is offered no more.
      if (
        error instanceof CallsApiError &&
        loadedClientModule()?.classifyServerMessage(error.message) === 'scheduled_at_past' &&
        typeof this.#request?.scheduled_at === 'string'
      )
        this.#form.refusedAsPast(this.#request.scheduled_at);
      this.reportError(error);
    },
  });

  /** Cancelling the created call; resolves with the call as it is now. */
  readonly #cancel = new Task<[Call | null, string | undefined], Call>(this, {
    autoRun: false,
    task: async ([call, capability], { signal }) => {
      if (!call) return initialState;
      const result = await (await this.loadApi()).cancelScheduledCall(call.id, { signal, capability });
      // 204: cancelled already (elsewhere). The server says so; the call object we hold does not.
      return result.kind === 'cancelled' ? result.call : { ...call, status: 'cancelled' };
    },
    onComplete: (call) => {
      this.#focusAfterUpdate = '.message';
      // A 200 that is not `cancelled` (the platform documents `completed`): the call had already
      // moved on, and the view says it can no longer be cancelled.
      if (call.status !== 'cancelled') return this.#statusSeen(call);
      this.#kept.forget();
      this.dispatchEvent(new CcaiCallCancelledEvent({ call }));
    },
    onError: (error) => this.reportError(error),
  });

  /** The form was focused, pointed at, typed in or submitted (see `#prepare`). */
  #touched = false;

  /** Touched, offering "now", or showing a booking kept from before a reload: any string may follow. */
  protected override get used(): boolean {
    return (
      this.#touched ||
      this.modes.includes('now') ||
      this.#kept.reading ||
      this.#kept.booking !== null ||
      // Said on the form from its first render: a booking cut off by a reload, a kept call gone.
      this.#kept.interrupted ||
      this.#keptGone
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#now.waits?.sync(null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('modes') && this.modes.includes('now')) {
      // Not loadable (offline): the form for later, rather than none.
      const loaded = (unloadable = false) => ((this.#now.unloadable = unloadable), this.requestUpdate());
      loadModule('now').then(
        () => loaded(),
        () => loaded(true),
      );
    }
    if (SETTINGS.some((name) => changed.has(name))) this.#form.readSettings();
    else if (changed.has('clock')) this.#form.computeSlots();
    // Only while nothing was booked or cancelled here: what the visitor did now wins over the kept.
    const untouched = this.#create.status === TaskStatus.INITIAL && this.#cancel.status === TaskStatus.INITIAL;
    if (untouched && BOOKING_KEY_INPUTS.some((name) => changed.has(name))) this.#restore();
  }

  protected override updated(): void {
    this.#now.waits?.sync(this.#now.key ?? null, this.#now.read);
    if (!this.#focusAfterUpdate) return;
    // No date to focus ("now" is chosen, or no day is open): the chosen mode, else the phone number.
    const target =
      this.renderRoot.querySelector<HTMLElement>(this.#focusAfterUpdate) ??
      (this.#focusAfterUpdate === '#date'
        ? (this.renderRoot.querySelector<HTMLElement>('input[name=mode]:checked') ??
          this.renderRoot.querySelector<HTMLElement>('#phone'))
        : null);
    // A task that goes back to its initial state renders once as pending first: then the target comes after.
    if (!target && this.#create.status === TaskStatus.PENDING) return;
    target?.focus();
    this.#focusAfterUpdate = '';
  }

  override render() {
    this.#now.key = null;
    const kept = this.#kept.booking;
    if (!this.#change?.changing && this.#create.status === TaskStatus.INITIAL && (kept || this.#kept.reading)) {
      // Kept from before a reload: its confirmation once it is read, with the outcome's views (a moment).
      return kept ? this.#renderOutcome({ kind: 'created', status: 201, ...kept }, true) : nothing;
    }
    return this.#create.render({
      initial: () => this.#renderForm(),
      pending: () => this.#renderForm(),
      error: (error) => this.#renderForm(error),
      complete: (result) => this.#renderOutcome(result),
    });
  }

  readonly #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.#touched = true;
    void this.#send(async () => {
      const request = await this.#validRequest();
      if (request) await this.#create.run([(this.#request = request)]);
    });
  };

  /** "Try again": the same request once more. Focus goes to the busy submit button, as the alert with this button goes. */
  readonly #retry = () =>
    void this.#send(async () => {
      if (!this.#request) return;
      this.#focusAfterUpdate = 'button[type=submit]';
      await this.#create.run([this.#request]);
    });

  async #send(work: () => Promise<unknown>): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await work();
    } finally {
      this.#busy = false;
    }
  }

  /** Checks every field; on a refusal shows why, focuses the first invalid field and returns `null`. */
  async #validRequest(): Promise<BookingRequest | null> {
    this.formError = '';
    this.#keptGone = false;
    let phoneInput: typeof PhoneInput;
    try {
      phoneInput = await this.#form.loadPhoneInput();
      // The copy of every outcome (loaded on first use, tried again here): without it a failure
      // could not be told, so nothing is sent.
      await this.localize.loading(true);
      if (!this.localize.complete) throw new Error('The copy could not be loaded');
    } catch (error) {
      this.formError = this.t.errorNetwork;
      this.reportError(
        new CallsApiError('The phone number checks or the copy could not be loaded', { kind: 'network', cause: error }),
      );
      return null;
    }
    if (this.#form.notSetUp) {
      this.formError = this.t.serverConfig;
      this.reportError(
        new CallsApiError("The element's settings cannot be read (see the console)", {
          kind: 'validation',
          field: 'settings',
        }),
      );
      return null;
    }
    const { request, refused, note, setupError } = this.#form.check(phoneInput);
    if (request) return request;
    if (setupError) this.formError = this.t.serverConfig;
    // A server error from an earlier attempt no longer applies to what is in the form.
    if (this.#create.status === TaskStatus.ERROR) void this.#create.run([null]);
    this.reportError(new CallsApiError(note, { kind: 'validation', field: refused[0] ?? 'menu_id' }));
    this.#focusAfterUpdate = '[aria-invalid="true"]';
    return null;
  }

  readonly #cancelCall = (call: Call) => {
    if (this.#cancel.status !== TaskStatus.PENDING) void this.#cancel.run([call, this.#kept.booking?.capability]);
  };

  readonly #onStatusChange = (event: CcaiStatusChangeEvent) => this.#statusSeen(event.detail.call);

  /**
   * The booked call's status as last seen (its status element, or a cancel that came too late):
   * Change time, Cancel call and Add to calendar are for a scheduled call only, and an ended call
   * is no longer said to be scheduled. A final status leaves nothing to show after a reload (this
   * one still shows it, once).
   */
  #statusSeen(call: Call): void {
    if (call.id !== this.#kept.booking?.call.id) return;
    const was = this.#seen?.id === call.id ? this.#seen.status : 'scheduled';
    this.#seen = { id: call.id, status: call.status };
    if (isTerminalStatus(call.status)) this.#kept.forget();
    // Only a call leaving `scheduled`, or ending, changes what is offered and said.
    if ((was === 'scheduled') !== (call.status === 'scheduled') || isTerminalStatus(call.status)) this.requestUpdate();
  }

  /** Change time of the shown booking or another (`booking`): the form (with its number and language), to book the new time first. */
  readonly #changeTime = (booking = this.#kept.booking) => {
    if (!booking || this.#busy) return;
    this.#change!.changing = booking;
    if (booking.request) this.#form.fillFrom(booking.request);
    this.#scheduleAnother();
  };

  /** "Keep the current time": back to the booking's confirmation, nothing sent. */
  readonly #keepTime = () => {
    if (this.#busy) return;
    this.#change!.changing = null;
    void this.#create.run([null]);
    this.#focusAfterUpdate = '.message';
  };

  /** The form: for another call, or (Change time) for the new time of the kept one, which stays shown until then. */
  readonly #scheduleAnother = () => {
    if (!this.#change?.changing) this.#kept.clear();
    void this.#create.run([null]);
    void this.#cancel.run([null, undefined]);
    this.#form.reset();
    this.#focusAfterUpdate = '#date';
  };

  #renderForm(requestError?: unknown) {
    const locale = this.localize.locale;
    const form = this.#form;
    const change = this.#change?.changing && this.#change;
    const now = this.modes.includes('now') && !change ? loadedModule('now') : undefined;
    form.callNow = false;
    // "Now" may be the first choice: nothing until its module is here (a moment), rather than the wrong form.
    if (this.modes.includes('now') && !change && !now && !this.#now.unloadable) return nothing;
    const parts = now?.nowParts({
      state: this.#now,
      modes: this.modes,
      menuId: this.menuId,
      form,
      t: this.t,
      locale,
      api: () => this.loadApi(),
      update: () => this.requestUpdate(),
      focusDate: () => (this.#focusAfterUpdate = '#date'),
      // After hours or redirected at the tenant: its refusal is the alert, and "later" is offered.
      refused:
        requestError instanceof CallsApiError &&
        ['menu_after_hours', 'menu_manual_redirection'].includes(
          loadedClientModule()?.classifyServerMessage(requestError.message) ?? '',
        ),
    });
    const ChangeTime = change && loadedModule('outcome')!.ChangeTime;
    const t = ChangeTime ? ChangeTime.messages(this.t) : (parts?.t ?? this.t);
    const values = form.values;
    return formView({
      ...values,
      t,
      locale,
      modeChoice: parts?.modeChoice,
      callNow: parts?.callNow,
      keep: ChangeTime?.keepButton(t, this.#keepTime),
      current: change ? loadedModule('outcome')!.currentTime(this.t, change.changing!, locale) : undefined,
      countries: form.phoneInput?.countryOptions(locale) ?? [
        { code: values.country, label: regionName(values.country, locale) },
      ],
      days: form.slotDays,
      date: form.day?.date ?? '',
      zone: zoneName(locale, values.now),
      errors: form.errors,
      alert:
        this.formError ||
        (form.notSetUp
          ? t.serverConfig
          : requestError !== undefined
            ? // Its module came with the form's first use; without it, loading it was what failed.
              (loadedModule('outcome')?.describeCreateError(requestError, t) ?? t.errorNetwork)
            : this.#keptGone
              ? t.keptNotFound
              : this.#kept.interrupted
                ? t.createInterrupted
                : ''),
      notSetUp: form.notSetUp,
      clockSkewed: form.clockSkewed,
      retry:
        requestError !== undefined && !this.formError && isTransient(requestError) && !isUnconfirmedWrite(requestError)
          ? this.#retry
          : undefined,
      pending: this.#create.status === TaskStatus.PENDING,
      announcement: form.announcement,
      on: {
        submit: this.#onSubmit,
        focusOut: form.onFocusOut,
        pointerDown: form.onPointerDown,
        prepare: this.#prepare,
        country: form.onCountryChange,
        phone: form.onPhoneInput,
        date: form.onDateChange,
        time: form.onTimeChange,
        language: form.onLanguageChange,
        consent: form.onConsentChange,
      },
    });
  }

  /** The form's first use: its modules load, and the server's time is asked for once (see `#learnServerTime`). */
  readonly #prepare = () => {
    this.#touched = true;
    this.#form.prepare();
    if (this.#askedTime) return;
    this.#askedTime = true;
    this.loadApi()
      .then(
        (api) => (api.serverTimeOffsetMs === undefined ? api.learnServerTime() : undefined),
        // Not loadable now: the first request says so.
        () => undefined,
      )
      .then(() => this.#learnServerTime());
  };

  #askedTime = false;

  /**
   * Takes in the server's time from the latest answer's `Date` (this client's, whatever element
   * asked): a device clock that is slow would offer times already past, one that is fast would
   * hide the next hours. Asked once on the form's first use, so that those hours are there to choose.
   */
  #learnServerTime(): void {
    const api = this.api;
    this.#form.learnServerTime(api?.serverTimeOffsetMs === undefined ? undefined : api.serverNow());
  }

  #storageKey(): string {
    return bookingKey(this.apiBaseUrl, this.menuId, this.callId);
  }

  /** The booking kept for this form's key, if any (read with its views: the form's may never load). */
  #restore(): void {
    this.#kept.restore(this.#storageKey(), this.clock.now());
  }

  /** `restored`: the call as it was when booked, before a reload; its status is read afresh. */
  #renderOutcome(result: CreateCallResult, restored = false) {
    const outcome = loadedModule('outcome')!;
    const time = (this.#change ??= new outcome.ChangeTime(this, {
      api: () => this.loadApi(),
      kept: this.#kept,
      storageKey: () => this.#storageKey(),
      reportError: (error) => this.reportError(error),
      focusMessage: () => {
        if ((this.renderRoot as ShadowRoot).activeElement?.closest('.alert')) this.#focusAfterUpdate = '.message';
      },
    }));
    const earlier = (this.#earlier ??= new outcome.EarlierCalls(this, {
      api: () => this.loadApi(),
      kept: this.#kept,
      reportError: (error) => this.reportError(error),
      focus: (selector) => (this.#focusAfterUpdate = selector),
    }));
    // Loaded with the checks, which passed before the request that has this result was sent (or,
    // for a kept booking, with the booking's store: see `KeptBooking#restore`).
    return outcome.outcomeView({
      result,
      t: this.t,
      locale: this.localize.locale,
      requestedAt: typeof this.#request?.scheduled_at === 'string' ? this.#request.scheduled_at : '',
      cancel: this.#cancel,
      status: { baseUrl: this.baseUrl, client: this.client, messages: this.messages, stale: restored },
      seen: this.#seen,
      on: {
        cancel: this.#cancelCall,
        another: this.#scheduleAnother,
        statusChange: this.#onStatusChange,
        change: this.#changeTime,
      },
      calendar: {
        baseUrl: this.apiBaseUrl,
        minutes: this.slotMinutes,
        now: this.#form.now(),
        chain: this.#kept.booking?.chain,
      },
      change: { time, replaces: this.#kept.booking?.replaces },
      earlier: { list: this.#kept.others, calls: earlier },
      interrupted: restored && this.#kept.interrupted,
    });
  }
}
