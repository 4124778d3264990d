import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  getCountries,
  getCountryCallingCode,
  isPossiblePhoneNumber,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';
import { isKnownLanguage } from '../../../src/core/languages.js';
import {
  isPossiblePhoneNumberString,
  MAX_PHONE_INPUT_LENGTH,
  validateLanguage,
  validatePhoneNumber,
  validateScheduledAt,
  type Validation,
} from '../../../src/core/validation/index.js';

const PHONE_CODES = ['required', 'not_a_number', 'invalid_country', 'too_short', 'too_long', 'invalid_length'];
const TIME_CODES = ['required', 'malformed', 'past', 'too_soon'];
const LANG_CODES = ['required', 'malformed', 'unknown', 'not_offered'];

function expectShape<T>(result: Validation<T, string>, codes: readonly string[], isValue: (value: T) => boolean): void {
  if (result.ok) {
    expect(Object.keys(result).sort()).to.deep.equal(['ok', 'value']);
    expect(isValue(result.value), JSON.stringify(result.value)).to.equal(true);
  } else {
    expect(Object.keys(result).sort()).to.deep.equal(['code', 'message', 'ok']);
    expect(codes).to.include(result.code);
    expect(result.message).to.be.a('string').and.not.equal('');
  }
}

const isE164 = (value: { e164: string }) => /^\+[1-9]\d{1,14}$/.test(value.e164);
const isIsoUtc = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value);
const isString = (value: string) => typeof value === 'string';

function checkAll(input: unknown): void {
  expectShape(validatePhoneNumber(input), PHONE_CODES, isE164);
  expectShape(validatePhoneNumber(input, { defaultCountry: 'JP' }), PHONE_CODES, isE164);
  expect(isPossiblePhoneNumberString(input)).to.equal(validatePhoneNumber(input).ok);
  expectShape(validateScheduledAt(input), TIME_CODES, isIsoUtc);
  expectShape(validateLanguage(input, { offered: ['en'] }), LANG_CODES, isString);
}

/** UTF-16 code units, lone surrogates included: what a paste or a broken server can send. */
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

/** Strings that look like phone numbers, mostly digits with some punctuation, so both answers occur often. */
const phoneChar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'0123456789'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '-') },
  { weight: 1, arbitrary: fc.constantFrom('(', ')', '.', '/', 'x', '#', '+', '٣') },
);
const noise = fc
  .tuple(
    fc.constantFrom('+', '+', '', ' +', '00', '＋'),
    fc.array(phoneChar, { maxLength: 20 }),
    fc.constantFrom('', '', '', ' ext. 12', ' '),
  )
  .map(([prefix, body, suffix]) => prefix + body.join('') + suffix);
/** A real calling code and a national part of random length: possible about half the time. */
const nearlyNumbers = fc
  .tuple(
    fc.constantFrom(...getCountries()).map((country) => getCountryCallingCode(country)),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', '', '', ' ', '-')), {
      minLength: 3,
      maxLength: 14,
    }),
  )
  .map(([code, digits]) => `+${code} ${digits.map(([digit, sep]) => `${digit}${sep}`).join('')}`);
const phoneLike = fc.oneof(noise, nearlyNumbers);

/** Possible numbers fail only on the extension and length rules we add on top of libphonenumber. */
function outsideOurRules(text: string, defaultCountry?: CountryCode): boolean {
  const phone = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  return text.length <= MAX_PHONE_INPUT_LENGTH && !phone?.ext && (phone?.number.length ?? 0) <= 16;
}

describe('validation properties', () => {
  it('never throws and always returns a well-shaped result for any value', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true }), checkAll),
      {
        numRuns: 500,
      },
    );
  });

  it('never throws for any string, lone surrogates and huge ones included', function () {
    // 1000 runs of three validators over strings up to the phone field's limit: seconds on a
    // machine whose cores are busy; the runner's 10 s is for tests that wait, not compute.
    this.timeout(60000);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), codeUnits, phoneLike), checkAll), {
      numRuns: 1000,
    });
    checkAll('+1 205-123-4567'.repeat(10_000));
    checkAll('\uD800+12051234567');
  });

  it('never throws for hostile objects', () => {
    const trap = () => {
      throw new Error('trap');
    };
    checkAll(new Proxy({}, { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap }));
    // Passes `instanceof Date` yet has no time: `getTime` throws on it.
    checkAll(Object.create(Date.prototype));
    expect(validateScheduledAt(Object.create(Date.prototype))).to.include({ ok: false, code: 'malformed' });
  });

  it('accepts an international number exactly when libphonenumber calls it possible', () => {
    const seen = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(phoneLike, (input) => {
        // libphonenumber-js reads a full-width `＋` as nothing; the validator reads it as `+`.
        const text = input.trim().replaceAll('＋', '+');
        const result = validatePhoneNumber(input);
        seen[result.ok ? 'ok' : 'rejected'] += 1;
        // Whatever we accept, libphonenumber finds possible, in any form of input.
        if (result.ok) expect(isPossiblePhoneNumber(text), text).to.equal(true);
        if (!text.startsWith('+') || !outsideOurRules(text)) return;
        expect(result.ok, text).to.equal(isPossiblePhoneNumber(text));
        if (result.ok) expect(result.value.e164).to.equal(parsePhoneNumberFromString(text)?.number);
      }),
      { numRuns: 3000 },
    );
    expect(seen.ok, 'accepted some').to.be.greaterThan(100);
    expect(seen.rejected, 'rejected some').to.be.greaterThan(100);
  });

  it('reads national input as libphonenumber does in the default country', () => {
    const countries: CountryCode[] = ['US', 'JP', 'KR', 'GB', 'SE', 'DE', 'FR'];
    fc.assert(
      fc.property(phoneLike, fc.constantFrom(...countries), (input, defaultCountry) => {
        const text = input.trim().replaceAll('＋', '+');
        const result = validatePhoneNumber(input, { defaultCountry });
        if (!outsideOurRules(text, defaultCountry)) return;
        expect(result.ok, `${text} in ${defaultCountry}`).to.equal(isPossiblePhoneNumber(text, defaultCountry));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the server-side check without a default country', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.anything()), (input) => {
        expect(isPossiblePhoneNumberString(input)).to.equal(validatePhoneNumber(input).ok);
      }),
    );
  });

  it('round-trips every instant written in any offset', () => {
    const instants = fc.date({
      min: new Date('1970-01-02T00:00:00Z'),
      max: new Date('9999-12-30T00:00:00Z'),
      noInvalidDate: true,
    });
    const offsets = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    fc.assert(
      fc.property(instants, offsets, (date, offset) => {
        const shifted = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1);
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        const text = `${shifted}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
        const options = { now: 0 };
        expect(validateScheduledAt(text, options), text).to.deep.equal({ ok: true, value: date.toISOString() });
        expect(validateScheduledAt(date, options)).to.deep.equal({ ok: true, value: date.toISOString() });
      }),
    );
  });

  it('refuses exactly the date-times whose fields a calendar does not have', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2400 }),
        two(14),
        two(33),
        two(26),
        two(61),
        two(61),
        (y, mo, d, h, mi, s) => {
          const text = `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
          // An independent oracle: the fields survive a trip through the UTC calendar unchanged.
          const date = new Date(Date.UTC(y, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
          const exists = date.toISOString().startsWith(text.slice(0, -1)) && Number(h) < 24;
          const result = validateScheduledAt(text, { now: 0 });
          expect(result.ok ? 'ok' : result.code, text).to.equal(exists ? 'ok' : 'malformed');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts a future time only when it is at least the lead ahead', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 1000 }), (delta, lead) => {
        const now = Date.UTC(2030, 0, 1);
        const result = validateScheduledAt(new Date(now + delta), { now, minLeadMinutes: lead });
        const expected = delta <= 0 ? 'past' : delta < lead * 60_000 ? 'too_soon' : 'ok';
        expect(result.ok ? 'ok' : result.code).to.equal(expected);
      }),
    );
  });

  it('accepts a language exactly when the shared language list knows it', () => {
    const tags = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc
        .tuple(fc.stringMatching(/^[a-zA-Z]{2,3}$/), fc.constantFrom('', '-US', '-CA', '_US', '-us'))
        .map(([l, r]) => l + r),
    );
    fc.assert(
      fc.property(tags, (tag) => {
        const result = validateLanguage(tag);
        expect(result.ok, tag).to.equal(isKnownLanguage(tag));
        if (result.ok) expect(result.value).to.equal(tag);
      }),
      { numRuns: 2000 },
    );
  });
});
