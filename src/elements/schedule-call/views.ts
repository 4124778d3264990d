/**
 * The templates of `<ccai-schedule-call>`, as functions of what they show: the element owns the
 * state and the behaviour, these own the markup, its labels, ids and ARIA wiring.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Messages } from '../../i18n/en.js';
import type { CountryOption } from '../../internal/phone-input.js';
import type { SlotDay } from '../../internal/slots.js';
import type { CheckedField } from './checks.js';
import { languageName } from './format.js';
import { slotPicker } from './slot-picker.js';

type Handler<E extends Event = Event> = (event: E) => void;

export interface FormView {
  t: Messages;
  locale: string;
  countries: readonly CountryOption[];
  country: string;
  phone: string;
  days: readonly SlotDay[];
  date: string;
  slot: string;
  /** The visitor's zone by name. */
  zone: string;
  languages: readonly string[];
  language: string;
  /** `undefined`: no consent checkbox. */
  consent: boolean | undefined;
  errors: Partial<Record<CheckedField, string>>;
  /** About the request or the page's setup, with "Try again" when `retry` is given. */
  alert: string | TemplateResult;
  /** The settings cannot be read: the form offers no times and no button, only `alert`. */
  notSetUp: boolean;
  /** The device clock looks wrong: the visitor is told that the times follow the server's. */
  clockSkewed: boolean;
  retry: (() => void) | undefined;
  pending: boolean;
  announcement: string;
  /** `modes` offers a choice (`now.ts`): shown above the fields. */
  modeChoice?: unknown;
  /** "Call me now" is chosen (`now.ts`): what replaces the date and time, and whether it can be booked now. */
  callNow?: { fields: unknown; bookable: boolean };
  /** Changing a booked call's time (`change-time.ts`): "Keep the current time", after the button. */
  keep?: unknown;
  /** Changing a booked call's time: its time, said above the pickers and not offered (see `SlotPickerView`). */
  current?: { slot: string; text: unknown } | undefined;
  on: {
    submit: Handler<SubmitEvent>;
    focusOut: Handler<FocusEvent>;
    pointerDown: () => void;
    prepare: () => void;
    country: Handler;
    phone: Handler<InputEvent>;
    date: Handler;
    time: Handler;
    language: Handler;
    consent: Handler;
  };
}

/** `aria-describedby` of a control: its hints, then its error when it has one. */
function describedBy(view: FormView, field: CheckedField, ...hints: string[]) {
  return [...hints, ...(view.errors[field] ? [`${field}-error`] : [])].join(' ') || nothing;
}

function fieldError(view: FormView, field: CheckedField) {
  const error = view.errors[field];
  return error
    ? html`<p
        id="${field}-error"
        part="error"
        class="error"
      >
        ${error}
      </p>`
    : nothing;
}

const invalid = (view: FormView, field: CheckedField) => (view.errors[field] ? 'true' : undefined);

function field(id: string, label: string, control: TemplateResult, after: unknown = nothing) {
  return html`<div
    part="field"
    class="field"
  >
    <label
      part="label"
      for=${id}
      >${label}</label
    >
    ${control} ${after}
  </div>`;
}

function countryField({ t, countries, country, on }: FormView) {
  return field(
    'country',
    t.countryLabel,
    html`<select
      id="country"
      part="input"
      autocomplete="country"
      @change=${on.country}
    >
      ${countries.map(
        (option) =>
          html`<option
            value=${option.code}
            .selected=${option.code === country}
          >
            ${option.label}
          </option>`,
      )}
    </select>`,
  );
}

function phoneField(view: FormView) {
  const { t, phone, on } = view;
  return field(
    'phone',
    t.phoneLabel,
    html`<input
      id="phone"
      part="input"
      type="tel"
      autocomplete="tel"
      .value=${live(phone)}
      aria-invalid=${ifDefined(invalid(view, 'phone'))}
      aria-describedby=${describedBy(view, 'phone', 'phone-hint')}
      @input=${on.phone}
    />`,
    html`<p
        id="phone-hint"
        part="hint"
        class="hint"
      >
        ${t.phoneHint}
      </p>
      ${fieldError(view, 'phone')}`,
  );
}

/** The day and time pickers (`slot-picker.ts`), or why there are none. */
function whenFields(view: FormView) {
  if (view.notSetUp) return nothing;
  if (view.days.length === 0)
    return html`<p
      part="hint"
      class="hint"
    >
      ${view.t.noSlotsAtAll}
    </p>`;
  const { errors, clockSkewed } = view;
  return slotPicker({
    ...view,
    timeError: errors.time,
    timeDescribedBy: ['zone', ...(clockSkewed ? ['clock'] : []), ...(errors.time ? ['time-error'] : [])].join(' '),
  });
}

function languageField(view: FormView) {
  const { t, locale, languages, language, on } = view;
  if (languages.length < 2) return nothing;
  return field(
    'language',
    t.languageLabel,
    html`<select
      id="language"
      part="input"
      aria-invalid=${ifDefined(invalid(view, 'language'))}
      aria-describedby=${describedBy(view, 'language')}
      @change=${on.language}
    >
      ${languages.map(
        (code) =>
          html`<option
            value=${code}
            .selected=${code === language}
          >
            ${languageName(code, locale)}
          </option>`,
      )}
    </select>`,
    fieldError(view, 'language'),
  );
}

function consentField({ t, consent, on }: FormView) {
  if (consent === undefined) return nothing;
  return html`<div
    part="field"
    class="field checkbox"
  >
    <input
      id="consent"
      part="checkbox"
      type="checkbox"
      .checked=${live(consent)}
      @change=${on.consent}
    />
    <label
      part="label"
      for="consent"
      >${t.consentLabel}</label
    >
  </div>`;
}

/**
 * An error about a request, announced when it appears, with a button when something can be done about it (\`label\` may hold isolated values);
 * \`busy\`: that is running, and the button stays focusable (\`aria-disabled\`) so focus is not lost.
 */
export function alertBox(
  message: string | TemplateResult,
  action?: { label: unknown; run: () => void; busy?: boolean },
) {
  return html`<div
    part="error"
    class="alert"
    role="alert"
  >
    <p>${message}</p>
    ${
      action
        ? html`<button
            part="button"
            class="secondary"
            type="button"
            aria-disabled=${ifDefined(action.busy ? 'true' : undefined)}
            @click=${action.run}
          >
            ${action.label}
          </button>`
        : nothing
    }
  </div>`;
}

export function formView(view: FormView) {
  const { t, on } = view;
  return html`<form
    part="form"
    novalidate
    @submit=${on.submit}
    @focusin=${on.prepare}
    @pointerover=${on.prepare}
    @input=${on.prepare}
    @focusout=${on.focusOut}
    @pointerdown=${on.pointerDown}
  >
    <fieldset>
      <legend part="legend">${t.scheduleLegend}</legend>
      ${view.modeChoice ?? nothing}
      <div class="row">${countryField(view)} ${phoneField(view)}</div>
      ${view.callNow ? view.callNow.fields : whenFields(view)} ${languageField(view)} ${consentField(view)}
    </fieldset>
    ${view.alert ? alertBox(view.alert, view.retry && { label: t.tryAgain, run: view.retry }) : nothing}
    ${
      (view.callNow ? view.callNow.bookable : view.days.length) && !view.notSetUp
        ? html`<button
            part="button"
            type="submit"
            aria-disabled=${ifDefined(view.pending ? 'true' : undefined)}
          >
            ${view.pending ? t.submitting : t.submit}
          </button>`
        : nothing
    }
    ${view.keep ?? nothing}
    <div
      class="visually-hidden"
      role="status"
    >
      ${view.announcement}
    </div>
  </form>`;
}
