/**
 * Properties as frameworks set them. React 19 and Vue 3 set a custom element's *property* whenever
 * the element has one (`key in element`), with the value as written in the template: the string
 * `"en,ja"` for `languages="en,ja"`, `"14"` for `days-ahead="14"`, `""` for a bare
 * `recording-consent`. So every property accepts what its attribute accepts, converted the same
 * way, and a value of the wrong type is refused with one console error that names the element and
 * the property, instead of reaching a render that cannot draw it.
 *
 * A type is a Lit attribute converter with one more method, `fromProperty`, which
 * `CcaiElement.getPropertyDescriptor` calls in the property's setter (attributes reach the property
 * through the same setter, after `fromAttribute`).
 */
import type { ComplexAttributeConverter } from 'lit';

/** Thrown by `fromProperty` for a value of the wrong type; the setter reports it and keeps the old value. */
export class PropertyTypeError extends TypeError {}

export interface PropertyType<T> extends ComplexAttributeConverter<T> {
  /** The value a property set from script holds; throws `PropertyTypeError` for the wrong type. */
  fromProperty(value: unknown): T;
  /** What the property takes, for the console error: "a number, or a string of decimal digits". */
  readonly expected: string;
}

const refuse = (): never => {
  throw new PropertyTypeError();
};

const isDigits = (text: string) => /^\d{1,15}$/.test(text);

/**
 * An id such as `menu-id` or `call-id`: a number, or decimal digits (Lit's `Number` would read
 * `0x10` as 16, `1e3` as 1000 and `''` as 0). Text that is not digits is the page's mistake, not a
 * wrong type: it is kept as written, so that each element names it as it was given (the booking
 * form among its settings, in the console; the status and the flags in their request check, shown
 * to the visitor and named in `ccai-error`), instead of showing nothing.
 */
export const idType: PropertyType<number | undefined> = {
  expected: 'a number, or a string of decimal digits',
  fromAttribute: (text) => (text === null ? undefined : readId(text)),
  toAttribute: (value) => (value === undefined || value === null ? null : String(value)),
  fromProperty(value) {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string') return readId(value);
    return refuse();
  },
};

/** Digits as their number; other text kept as written (see `idType`). */
const readId = (text: string) => (isDigits(text) ? Number(text) : (text as never));

/** A number as Lit's `Number` reads an attribute (`Number(text)`); a number passes as it is. */
export const numberType: PropertyType<number | undefined> = {
  expected: 'a number',
  fromAttribute: (text) => (text === null ? undefined : Number(text)),
  toAttribute: (value) => (value === undefined ? null : String(value)),
  fromProperty(value) {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string') return Number(value);
    return refuse();
  },
};

/** A boolean attribute: present is true, whatever its text (`""`, as Vue passes a bare attribute). */
export const booleanType: PropertyType<boolean> = {
  expected: 'a boolean',
  fromAttribute: (text) => text !== null,
  toAttribute: (value) => (value ? '' : null),
  fromProperty(value) {
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') return true;
    return refuse();
  },
};

/** Text; a number is written as text (`ticket-id={123}`). `unset`: what no value (or `null`) is. */
export function stringType<U extends string | undefined = undefined>(unset?: U): PropertyType<string | U> {
  return {
    expected: 'a string',
    fromAttribute: (text) => text ?? (unset as U),
    toAttribute: (value) => value ?? null,
    fromProperty(value) {
      if (value === undefined || value === null) return unset as U;
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return refuse();
    },
  };
}

/** A comma list such as `languages="en,ja"`, blanks dropped; an array of strings passes as it is. */
export const listType: PropertyType<string[]> = {
  expected: 'an array of strings, or a comma-separated string',
  fromAttribute: (text) => split(text ?? ''),
  toAttribute: (value) => value.join(','),
  fromProperty(value) {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return split(value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    return refuse();
  },
};

function split(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** An object, for properties with no attribute (`client`, `messages`, `call`, `clock`). */
export const objectType: PropertyType<object | undefined> = {
  expected: 'an object',
  fromProperty(value) {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return value;
    return refuse();
  },
};

/** How a refused value is shown: strings quoted, type named. */
export function describeValue(value: unknown): string {
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : kind === 'object' ? '' : String(value);
  } catch {
    text = '';
  }
  return text ? `${text.slice(0, 60)} (${kind})` : `a value of type ${kind}`;
}
