import {
  AsYouType,
  parseIncompletePhoneNumber,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type ValidatePhoneNumberLengthResult,
} from 'libphonenumber-js/min';
import { normalizeRegion } from './region.js';
import { invalid, valid, type Validation } from './result.js';

export interface PhoneNumberValue {
  /** What the API is sent and what is stored: `+` and digits only. */
  e164: string;
  /** ISO 3166 alpha-2 region when the number identifies one; absent for e.g. `+1 205-123-4567`. */
  country?: string;
  national: string;
  international: string;
}

/** `+` and at most 15 digits (ITU-T E.164). */
const E164_MAX_LENGTH = 16;

export type PhoneErrorCode =
  'required' | 'not_a_number' | 'invalid_country' | 'too_short' | 'too_long' | 'invalid_length';

export interface PhoneValidationOptions {
  /** Region for input without `+`; an unknown or malformed code counts as absent. */
  defaultCountry?: string;
}

/**
 * No real number needs more: 15 digits plus generous punctuation. libphonenumber's own cap is
 * 250, which would let a pasted paragraph through to its regular expressions.
 */
export const MAX_PHONE_INPUT_LENGTH = 40;

type PhoneFailure = Exclude<PhoneErrorCode, 'required'>;

const LENGTH_CODES: Record<ValidatePhoneNumberLengthResult, PhoneFailure> = {
  NOT_A_NUMBER: 'not_a_number',
  INVALID_COUNTRY: 'invalid_country',
  TOO_SHORT: 'too_short',
  TOO_LONG: 'too_long',
  INVALID_LENGTH: 'invalid_length',
};

const MESSAGES: Record<PhoneFailure, string> = {
  not_a_number: 'not a phone number',
  invalid_country: 'no country: start with + and the country calling code, or give a known defaultCountry',
  too_short: 'too few digits for its country',
  too_long: 'too many digits for its country',
  invalid_length: 'no number of its country has this many digits',
};

function fail(code: PhoneFailure): Validation<PhoneNumberValue, PhoneErrorCode> {
  return invalid(code, MESSAGES[code]);
}

/**
 * Checks that `input` is a *possible* phone number (right length for its country), not a *valid*
 * one: the API documentation uses `+1 205-123-4567`, whose exchange no real US number has, as an
 * ordinary number, and metadata about which ranges are assigned goes stale anyway.
 *
 * Surrounding whitespace is ignored. Extensions are refused (`not_a_number`): E.164 cannot carry
 * one and the call would silently reach the main line.
 */
export function validatePhoneNumber(
  input: unknown,
  options?: PhoneValidationOptions,
): Validation<PhoneNumberValue, PhoneErrorCode> {
  if (input === undefined || input === null) return invalid('required', 'a phone number is required');
  if (typeof input !== 'string') return fail('not_a_number');
  const text = withAsciiPlus(input.trim());
  if (text === '') return invalid('required', 'a phone number is required');
  if (text.length > MAX_PHONE_INPUT_LENGTH) return fail('not_a_number');

  const defaultCountry = normalizeRegion(options?.defaultCountry);
  try {
    const reason = validatePhoneNumberLength(text, { defaultCountry });
    if (reason) return fail(LENGTH_CODES[reason] ?? 'not_a_number');
    // `extract: false`, as the length check above: the whole text must be the number, not contain one.
    const phone = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
    if (!phone?.isPossible()) return fail('invalid_length');
    if (phone.ext) return invalid('not_a_number', 'extensions cannot be dialled');
    // E.164 allows 15 digits; libphonenumber finds some longer Japanese toll-free forms "possible"
    // (`+81 00100000000000`), but they cannot be sent as E.164.
    if (phone.number.length > E164_MAX_LENGTH) return invalid('too_long', 'more than the 15 digits E.164 allows');
    const value: PhoneNumberValue = {
      e164: phone.number,
      national: phone.formatNational(),
      international: phone.formatInternational(),
    };
    if (phone.country) value.country = phone.country;
    return valid(value);
  } catch {
    // libphonenumber throws only on programming errors; a validator must still answer.
    return fail('not_a_number');
  }
}

/**
 * The server's check (the mock uses it): international form only, possible. Identical to
 * `validatePhoneNumber(input).ok` without a default country, so client and server never disagree.
 */
export function isPossiblePhoneNumberString(input: unknown): boolean {
  return validatePhoneNumber(input).ok;
}

/**
 * A Japanese keyboard types the full-width `＋`, which libphonenumber-js reads as nothing: the
 * number would then be taken as a national one of the default country, possibly another number.
 */
const withAsciiPlus = (text: string) => text.replaceAll('\uff0b', '+');

/** What formatting may drop or add: spaces, dashes, brackets, dots, slashes, invisible marks (bidi, zero-width). */
const LAYOUT = /[\s\p{Pd}\p{Ps}\p{Pe}\p{Cf}./．／~～−ー]/u;

/**
 * `input` formatted for display while it is typed, e.g. `2051234` → `(205) 123-4`. The formatter
 * silently drops what it cannot place (an emoji, an extension, digits of a script it does not
 * know): such input is returned as typed, for validation to judge, rather than emptied, cut short,
 * or turned into another number.
 */
export function formatPhoneAsTyped(input: string, defaultCountry?: string): string {
  if (typeof input !== 'string') return '';
  // Formatting a pasted essay would only turn it into digits; leave it for validation to refuse.
  if (input.length > MAX_PHONE_INPUT_LENGTH) return input;
  const text = withAsciiPlus(input);
  if (![...text].every((char) => LAYOUT.test(char) || parseIncompletePhoneNumber(char) !== '')) return input;
  try {
    const formatted = new AsYouType(normalizeRegion(defaultCountry)).input(text);
    // Same `+` and digits, or it dropped some (a second `+`, digits past what it can place).
    return parseIncompletePhoneNumber(formatted) === parseIncompletePhoneNumber(text) ? formatted : input;
  } catch {
    return input;
  }
}
