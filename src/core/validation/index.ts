export type { Validation } from './result.js';
export {
  MAX_PHONE_INPUT_LENGTH,
  formatPhoneAsTyped,
  isPossiblePhoneNumberString,
  validatePhoneNumber,
  type PhoneErrorCode,
  type PhoneNumberValue,
  type PhoneValidationOptions,
} from './phone.js';
export { FALLBACK_REGION, defaultRegion, normalizeRegion } from './region.js';
export { validateScheduledAt, type ScheduledAtErrorCode, type ScheduledAtOptions } from './scheduled-at.js';
export { validateLanguage, type LanguageErrorCode, type LanguageValidationOptions } from './lang.js';
