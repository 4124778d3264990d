/**
 * The form's client-side checks, in the visitor's language. Each answer carries the validator's
 * English note too, for `ccai-error`. Loaded with the phone metadata on the form's first use, not
 * with the page (see `lazy.ts`); the phone check is handed that module.
 */
import type { PhoneErrorCode } from '../../core/validation/phone.js';
import { validateLanguage } from '../../core/validation/lang.js';
import { validateScheduledAt } from '../../core/validation/scheduled-at.js';
import type { Validation } from '../../core/validation/result.js';
import type { Messages } from '../../i18n/en.js';
import type * as PhoneInput from '../../internal/phone-input.js';
import { CHECKED_FIELDS, type CheckedField } from './fields.js';
import { isId, type CheckedValues, type RequestSettings } from './request.js';

export type { CheckedField };

export type Check<T> = { ok: true; value: T } | { ok: false; error: string; note: string };

function check<T, C extends string>(result: Validation<T, C>, message: (code: C) => string): Check<T> {
  return result.ok ? result : { ok: false, error: message(result.code), note: result.message };
}

type PhoneMessage = 'phoneRequired' | 'phoneInvalid' | 'phoneNeedsCountry' | 'phoneTooShort' | 'phoneTooLong';

const PHONE_MESSAGES: Record<PhoneErrorCode, PhoneMessage> = {
  required: 'phoneRequired',
  not_a_number: 'phoneInvalid',
  invalid_length: 'phoneInvalid',
  invalid_country: 'phoneNeedsCountry',
  too_short: 'phoneTooShort',
  too_long: 'phoneTooLong',
};

/** A possible number for `country` (ignored when the text starts with `+`), as E.164. */
function checkPhone(phone: typeof PhoneInput, text: string, country: string, t: Messages): Check<string> {
  const result = phone.validatePhoneNumber(text, { defaultCountry: country });
  return check(result.ok ? { ok: true, value: result.value.e164 } : result, (code) => t[PHONE_MESSAGES[code]]);
}

/** A chosen slot still far enough ahead, normalized to UTC (`…Z`). */
function checkSlot(slot: string, now: number, minLeadMinutes: number, t: Messages): Check<string> {
  return check(validateScheduledAt(slot, { now, minLeadMinutes }), (code) =>
    code === 'past' ? t.slotPast : code === 'too_soon' ? t.slotTooSoon(minLeadMinutes) : t.slotRequired,
  );
}

/** An ISO 639-1 code among the offered ones. */
function checkLanguage(lang: string, offered: readonly string[], t: Messages): Check<string> {
  return check(validateLanguage(lang, { offered }), () => t.languageInvalid);
}

/** What the form holds, as the checks and the request need it. */
export interface FormValues extends RequestSettings {
  phone: string;
  country: string;
  slot: string;
  now: number;
  minLeadMinutes: number;
  language: string;
  languages: readonly string[];
}

/** One field's check; `undefined` for the phone until its module has loaded. */
export function checkField(
  field: CheckedField,
  values: FormValues,
  t: Messages,
  phone?: typeof PhoneInput,
): Check<string> | undefined {
  if (field === 'phone') return phone && checkPhone(phone, values.phone, values.country, t);
  if (field === 'time') return checkSlot(values.slot, values.now, values.minLeadMinutes, t);
  return checkLanguage(values.language, values.languages, t);
}

export interface FormCheck {
  /** The values to send, when nothing was refused. */
  checked?: CheckedValues;
  errors: Partial<Record<CheckedField, string>>;
  /** Refused fields, in form order. */
  refused: CheckedField[];
  /** Why, in English, for `ccai-error`. */
  note: string;
  /** Refused for the page's setup (no menu or call, a sole offered language refused): nothing the visitor can fix. */
  setupError: boolean;
}

/** Every check before a submit, and the checked values when all pass. */
export function checkForm(values: FormValues, t: Messages, phone: typeof PhoneInput): FormCheck {
  const results = {
    phone: checkPhone(phone, values.phone, values.country, t),
    // "Call me now" has no time to check.
    time: values.callNow
      ? ({ ok: true, value: '' } as const)
      : checkSlot(values.slot, values.now, values.minLeadMinutes, t),
    language: checkLanguage(values.language, values.languages, t),
  };
  const noTarget = values.callNow ? !isId(values.menuId) : !isId(values.menuId) && !isId(values.callId);
  const notes = noTarget ? ['menu-id or call-id (a positive integer) is required'] : [];
  const errors: FormCheck['errors'] = {};
  for (const field of CHECKED_FIELDS) {
    const result = results[field];
    if (result.ok) continue;
    errors[field] = result.error;
    notes.push(`${field}: ${result.note}`);
  }
  const refused = CHECKED_FIELDS.filter((field) => errors[field] !== undefined);
  const setupError = noTarget || (refused.includes('language') && values.languages.length < 2);
  const { phone: number, time, language } = results;
  if (!number.ok || !time.ok || !language.ok || setupError)
    return { errors, refused, note: notes.join('; '), setupError };
  return {
    checked: { phone: number.value, scheduledAt: time.value, lang: language.value },
    errors,
    refused,
    note: '',
    setupError,
  };
}
