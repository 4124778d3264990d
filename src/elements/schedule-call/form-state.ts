import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from '../../i18n/en.js';
import { InteractionState } from '../../internal/interaction-state.js';
import type * as PhoneInput from '../../internal/phone-input.js';
import { generateSlots, type SlotDay } from '../../internal/slots.js';
import { localTimeZone } from '../../internal/zoned-time.js';
import { idType } from '../../internal/property-types.js';
import type { FormCheck, FormValues } from './checks.js';
import { defaultCountry, watchLanguages } from './default-country.js';
import { CHECKED_FIELDS, type CheckedField } from './fields.js';
import { AHEAD_OF_FIRST_SUBMIT, ON_FIRST_USE, loadModules, withModule, type LazyModule } from './lazy.js';
import type { ServerClock } from './server-clock.js';
import type { BookingRequest } from './request.js';
import { SettingWarnings, readSettings, type SettingDefaults, type SlotSettings } from './settings.js';

/** How `menu-id` and `call-id` are read: the element's own converter (decimal digits, else `NaN`). */

/** The element's settings the form reads. */
export interface ScheduleFormSettings {
  languages: string[];
  defaultCountry?: string;
  timezone?: string;
  hours: string;
  days: string;
  daysAhead: number;
  slotMinutes: number;
  minLeadMinutes: number;
  recordingConsent: boolean;
  menuId?: number;
  callId?: number;
  ticketId?: string;
  clock: { now(): number };
}

type Host = ReactiveControllerHost & ScheduleFormSettings & Pick<Element, 'getAttribute' | 'localName'>;

/**
 * What the visitor has entered in `<ccai-schedule-call>`, the offered slots, and which errors are
 * shown: the form's state and its event handlers, apart from the requests the element makes.
 * Every change asks the host to render again. The checks, the request and the server's clock
 * come with the phone metadata on the form's first use (`lazy.ts`).
 */
export class ScheduleForm implements ReactiveController {
  phone = '';
  consent = false;
  errors: Partial<Record<CheckedField, string>> = {};
  /** Polite announcement of errors, for those that appear when the visitor leaves a field. */
  announcement = '';
  slotDays: readonly SlotDay[] = [];
  /** "Call me now" is chosen (`modes`): no time is checked, and the request queues the call at once. */
  callNow = false;
  /** A setting that decides when or where a call is booked cannot be read: the form books nothing. */
  notSetUp = false;
  /** The phone metadata module, once loaded. */
  phoneInput?: typeof PhoneInput;
  /** The checks and the request, loaded with the phone metadata. */
  #checks?: LazyModule<'checks'>;
  #request?: LazyModule<'request'>;
  /** The server's time as far as the form knows it; none before the first answer. */
  #serverClock?: ServerClock;
  #unwatchLanguages?: () => void;

  #country = '';
  #date = '';
  #slot = '';
  #language = '';
  #loading?: Promise<typeof PhoneInput>;
  readonly #interaction = new InteractionState<CheckedField>();
  #settings?: SlotSettings;
  #warnings?: SettingWarnings;
  readonly #host: Host;
  readonly #defaults: SettingDefaults;
  readonly #messages: () => Messages;
  readonly #uiLanguage: () => string;

  constructor(host: Host, options: { messages: () => Messages; uiLanguage: () => string }) {
    this.#host = host;
    this.#messages = options.messages;
    this.#uiLanguage = options.uiLanguage;
    // Made while the host is constructed: its settings still hold the initial values of its class.
    const { hours, days, daysAhead, slotMinutes, minLeadMinutes } = host;
    this.#defaults = { hours, days, daysAhead, slotMinutes, minLeadMinutes };
    host.addController(this);
  }

  hostConnected(): void {
    this.#unwatchLanguages ??= watchLanguages();
  }

  hostDisconnected(): void {
    this.#unwatchLanguages?.();
    this.#unwatchLanguages = undefined;
  }

  /** The chosen country, else `default-country`, else the browser's region. */
  get country(): string {
    return this.#country || defaultCountry(this.#host.defaultCountry, this.phoneInput);
  }

  /** The offered languages; none (an empty attribute) means the API's default, English. */
  get languages(): readonly string[] {
    return this.#host.languages.length ? this.#host.languages : ['en'];
  }

  /** The visitor's choice while it is offered, else the UI language when offered, else the first. */
  get language(): string {
    const offered = this.languages;
    if (offered.includes(this.#language)) return this.#language;
    const ui = this.#uiLanguage();
    return (
      offered.find((code) => code === ui) ?? offered.find((code) => code.split('-')[0] === ui) ?? offered[0] ?? 'en'
    );
  }

  get day(): SlotDay | undefined {
    return this.slotDays.find((day) => day.date === this.#date) ?? this.slotDays[0];
  }

  /** The chosen time while it is still offered on the chosen day. */
  get slot(): string {
    return this.day?.slots.includes(this.#slot) ? this.#slot : '';
  }

  get values(): FormValues {
    const host = this.#host;
    return {
      phone: this.phone,
      country: this.country,
      slot: this.slot,
      now: this.now(),
      minLeadMinutes: this.#settings?.minLeadMinutes ?? this.#defaults.minLeadMinutes,
      language: this.language,
      languages: this.languages,
      menuId: host.menuId,
      callId: host.callId,
      ticketId: host.ticketId,
      consent: host.recordingConsent ? this.consent : undefined,
      callNow: this.callNow,
    };
  }

  /** The opening hours as read (`undefined` while not set up): "now" asks whether they say open. */
  get settings(): SlotSettings | undefined {
    return this.#settings;
  }

  /** The number and language of a booked call (after a reload: nothing entered yet), for a new time for it; E.164 needs no country. */
  fillFrom(request: { end_user_number?: string; lang?: string; recording_permission?: string }): void {
    const number = request.end_user_number;
    if (number && !this.phone) {
      this.phone = number;
      // Shown as the visitor typed it (after a reload only E.164 is kept): its region, in its national format.
      this.loadPhoneInput().then(
        (phoneInput) => {
          const national = this.phone === number ? phoneInput.nationalNumber(number) : undefined;
          if (!national) return;
          this.#country = national.country;
          this.phone = national.text;
          this.#host.requestUpdate();
        },
        () => undefined,
      );
    }
    if (request.lang && !this.#language) this.#language = request.lang;
    // The consent the call was booked with goes with its new time.
    if (request.recording_permission) this.consent = request.recording_permission === 'recording_permission_granted';
    this.#host.requestUpdate();
  }

  /** The time now, by the server's clock as far as it is known. */
  now(): number {
    const deviceNow = this.#host.clock.now();
    return this.#serverClock ? this.#serverClock.now(deviceNow) : deviceNow;
  }

  /** The device clock looks wrong: the visitor is told that the times follow the server's. */
  get clockSkewed(): boolean {
    return this.#serverClock?.skewed ?? false;
  }

  /**
   * Reads the settings again: each unreadable one is named once in the console, and any of them
   * leaves the form not set up (no slots, nothing booked) rather than guessed at.
   */
  readSettings(): void {
    const host = this.#host;
    const written = (attribute: string, value: unknown) => {
      const text = host.getAttribute(attribute);
      const read = attribute.endsWith('-id')
        ? idType.fromAttribute!(text)
        : attribute.includes('-')
          ? Number(text)
          : text;
      return text !== null && Object.is(read, value) ? text : String(value);
    };
    const { slots, problems } = readSettings(host, written, this.#defaults);
    (this.#warnings ??= new SettingWarnings(host.localName)).warn(problems);
    this.#settings = slots;
    this.notSetUp = problems.length > 0;
    this.computeSlots();
  }

  /** Slots from the settings and the time now (none while not set up). */
  computeSlots(): void {
    const settings = this.#settings;
    this.slotDays = settings ? generateSlots({ ...settings, now: this.now(), visitorTimeZone: localTimeZone() }) : [];
    this.#host.requestUpdate();
  }

  /** An answer came: the server's time (`undefined` when it did not say) is taken in, and the slots follow it. */
  learnServerTime(serverNow: number | undefined): void {
    this.#withServerClock((clock, deviceNow) => clock.learn(serverNow, deviceNow));
  }

  /** The server refused the chosen time as past: that time and those before it are offered no more. */
  refusedAsPast(instant: string): void {
    this.#withServerClock((clock, deviceNow) => clock.refused(Date.parse(instant), deviceNow));
  }

  /** Tells the clock what the device said now (whenever its module is here), then the slots follow. */
  #withServerClock(tell: (clock: ServerClock, deviceNow: number) => void): void {
    const deviceNow = this.#host.clock.now();
    withModule('serverClock', ({ ServerClock }) => {
      tell((this.#serverClock ??= new ServerClock()), deviceNow);
      this.computeSlots();
    });
  }

  /** Loads the phone metadata and everything else the form's first use needs (once; again after a failure). */
  loadPhoneInput(): Promise<typeof PhoneInput> {
    if (!this.#loading) {
      // A failure here is of no interest: the client reports it when it needs them.
      loadModules(AHEAD_OF_FIRST_SUBMIT).catch(() => undefined);
      this.#loading = loadModules(ON_FIRST_USE).then(
        ([module, checks, request]) => {
          this.phoneInput = module;
          this.#checks = checks;
          this.#request = request;
          // Fields changed while these were loading are checked now.
          for (const field of CHECKED_FIELDS) this.#revalidate(field, false);
          this.#host.requestUpdate();
          return module;
        },
        (error: unknown) => {
          this.#loading = undefined;
          throw error;
        },
      );
    }
    return this.#loading;
  }

  /**
   * The submit's checks, and the request when all pass: every error is shown from now on; a
   * refused time makes passed slots go. The checks of fields left by the press that submitted
   * (waiting for it to end, see `onPointerDown`) would only repeat these: they are dropped.
   */
  check(phoneInput: typeof PhoneInput): FormCheck & { request?: BookingRequest } {
    this.#interaction.submitted();
    if (this.#afterPointer) this.#afterPointer.length = 0;
    const values = this.values;
    // Loaded together with `phoneInput`, which the caller awaited.
    const result = this.#checks!.checkForm(values, this.#messages(), phoneInput);
    this.errors = result.errors;
    this.announcement = result.refused.length ? this.#messages().fixErrors : '';
    if (result.refused.includes('time')) this.computeSlots();
    this.#host.requestUpdate();
    return result.checked ? { ...result, request: this.#request!.bookingRequest(values, result.checked) } : result;
  }

  /** Back to a fresh form for another call; the number, country and language are kept. */
  reset(): void {
    this.#slot = '';
    this.errors = {};
    this.announcement = '';
    this.#interaction.reset();
    this.computeSlots();
  }

  #revalidate(field: CheckedField, announce: boolean): void {
    if (!this.#checks || !this.#interaction.shows(field)) return;
    const result = this.#checks.checkField(field, this.values, this.#messages(), this.phoneInput);
    if (!result) return;
    const error = result.ok ? undefined : result.error;
    if (error === this.errors[field]) return;
    this.errors = { ...this.errors, [field]: error };
    if (announce && error) this.announcement = error;
  }

  /**
   * A field was changed: its error is checked again once shown, and the form renders, unless
   * `shown` (the control already shows the new value) and the error stayed: then a render would
   * change nothing on screen, and the phone field spares one on most keystrokes.
   */
  #changed(field: CheckedField, shown = false): void {
    const { errors } = this;
    this.#interaction.changed(field);
    this.#revalidate(field, false);
    if (!shown || this.errors !== errors) this.#host.requestUpdate();
  }

  // Event handlers, bound for the templates.

  readonly prepare = () => void this.loadPhoneInput().catch(() => undefined);

  readonly onPhoneInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    const typingAtEnd = input.selectionStart === input.value.length && event.inputType?.startsWith('insert');
    // Only while typing at the end: reformatting after a deletion would put back what was deleted.
    this.phone =
      this.phoneInput && typingAtEnd ? this.phoneInput.formatPhoneAsTyped(input.value, this.country) : input.value;
    this.#changed('phone', this.phone === input.value);
  };

  readonly onCountryChange = (event: Event) => {
    this.#country = (event.target as HTMLSelectElement).value;
    if (this.phoneInput && this.phone) this.phone = this.phoneInput.formatPhoneAsTyped(this.phone, this.#country);
    this.#revalidate('phone', false);
    this.#host.requestUpdate();
  };

  readonly onDateChange = (event: Event) => {
    this.#date = (event.target as HTMLSelectElement).value;
    this.#slot = '';
    this.#host.requestUpdate();
  };

  readonly onTimeChange = (event: Event) => {
    this.#slot = (event.target as HTMLSelectElement).value;
    this.#changed('time');
  };

  readonly onLanguageChange = (event: Event) => {
    this.#language = (event.target as HTMLSelectElement).value;
    this.#changed('language');
  };

  readonly onConsentChange = (event: Event) => {
    this.consent = (event.target as HTMLInputElement).checked;
    this.#host.requestUpdate();
  };

  readonly onFocusOut = (event: FocusEvent) => {
    const target = event.target as Element;
    const field = CHECKED_FIELDS.find((name) => name === target.id);
    if (!field) return;
    // Chromium also reports focus leaving a field while it is being removed (the confirmation
    // replacing the form, mid-render): look once the render is over, and only at fields still there.
    const revalidate = () => {
      if (!target.isConnected) return;
      this.#interaction.left(field);
      this.#revalidate(field, true);
      this.#host.requestUpdate();
    };
    if (this.#afterPointer) this.#afterPointer.push(revalidate);
    else queueMicrotask(revalidate);
  };

  /**
   * Errors that appear when a field loses focus to a press inside the form wait until the press
   * is over: shown at once, they would push the button down between `pointerdown` and `pointerup`,
   * and the visitor's click on **Schedule call** would land on nothing.
   */
  #afterPointer: (() => void)[] | null = null;

  readonly onPointerDown = () => {
    if (this.#afterPointer) return;
    this.#afterPointer = [];
    const release = () => {
      removeEventListener('pointerup', release, true);
      removeEventListener('pointercancel', release, true);
      // After the click that this pointerup completes has been dispatched.
      setTimeout(() => {
        const waiting = this.#afterPointer ?? [];
        this.#afterPointer = null;
        waiting.forEach((revalidate) => revalidate());
      });
    };
    addEventListener('pointerup', release, true);
    addEventListener('pointercancel', release, true);
  };
}
