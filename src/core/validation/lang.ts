import { LANG_TAG } from '../calls.js';
import { parseLanguageTag } from '../languages.js';
import { invalid, valid, type Validation } from './result.js';

export type LanguageErrorCode = 'required' | 'malformed' | 'unknown' | 'not_offered';

export interface LanguageValidationOptions {
  /** The tenant's languages; when given, the value must be one of them exactly (`fr` ≠ `fr-CA`). */
  offered?: readonly string[];
}

/**
 * The shape the API accepts, case-sensitive. `parseLanguageTag` answers only yes or no; this
 * tells a typo in the form (`EN`, `en_US`) from a well-formed code that does not exist (`xy`),
 * which the API also reports differently.
 */
const LANG_SHAPE = LANG_TAG;

/** Checks a `lang` value: ISO 639-1, optional region (`fr-CA`), and offered when a list is given. */
export function validateLanguage(
  input: unknown,
  options?: LanguageValidationOptions,
): Validation<string, LanguageErrorCode> {
  if (input === undefined || input === null || input === '') return invalid('required', 'a language is required');
  if (typeof input !== 'string' || !LANG_SHAPE.test(input)) {
    return invalid(
      'malformed',
      'expected a lower-case ISO 639-1 code with an optional upper-case region, e.g. en or fr-CA',
    );
  }
  if (!parseLanguageTag(input)) return invalid('unknown', `'${input}' is not an ISO 639-1 language`);
  const offered = options?.offered;
  if (Array.isArray(offered) && !offered.includes(input)) {
    return invalid('not_offered', `'${input}' is not one of the offered languages`);
  }
  return valid(input);
}
