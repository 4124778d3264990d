import { expect } from '@open-wc/testing';
import {
  defaultRegion,
  formatPhoneAsTyped,
  isPossiblePhoneNumberString,
  MAX_PHONE_INPUT_LENGTH,
  validatePhoneNumber,
} from '../../../src/core/validation/index.js';

/** Every number the API page prints (calls-api.md examples O2, O8, I1, I6, and the outbound numbers). */
const DOCUMENTED_WELL_FORMED: ReadonlyArray<[input: string, e164: string]> = [
  ['+1 205-123-4567', '+12051234567'],
  ['+1 859-657-9625', '+18596579625'],
  ['+1 339-219-5276', '+13392195276'],
  ['+1 760-867-5309', '+17608675309'],
  ['+1 760-410-8538', '+17604108538'],
  ['+82-10-6861-2345', '+821068612345'],
];

describe('validatePhoneNumber', () => {
  describe('numbers from the API page', () => {
    for (const [input, e164] of DOCUMENTED_WELL_FORMED) {
      it(`accepts ${input} as ${e164}`, () => {
        const result = validatePhoneNumber(input);
        expect(result).to.include({ ok: true });
        if (result.ok) expect(result.value.e164).to.equal(e164);
        expect(isPossiblePhoneNumberString(input)).to.equal(true);
      });
    }

    it('accepts +1 205-123-4567 although no region claims it (possible, not valid)', () => {
      expect(validatePhoneNumber('+1 205-123-4567')).to.deep.equal({
        ok: true,
        value: { e164: '+12051234567', national: '(205) 123-4567', international: '+1 205 123 4567' },
      });
    });

    it('refuses a number libphonenumber finds possible but E.164 cannot carry (16 digits)', () => {
      expect(validatePhoneNumber('+81 00100000000000')).to.include({ ok: false, code: 'too_long' });
      expect(isPossiblePhoneNumberString('+81 00100000000000')).to.equal(false);
    });

    it('formats a Korean mobile number and names its country', () => {
      expect(validatePhoneNumber('+82-10-6861-2345')).to.deep.equal({
        ok: true,
        value: { e164: '+821068612345', country: 'KR', national: '010-6861-2345', international: '+82 10 6861 2345' },
      });
    });

    it('rejects 123123 (O8): national form with no country to read it in', () => {
      expect(validatePhoneNumber('123123')).to.include({ ok: false, code: 'invalid_country' });
      expect(isPossiblePhoneNumberString('123123')).to.equal(false);
    });

    it('rejects 123123 as too short when a country is given', () => {
      expect(validatePhoneNumber('123123', { defaultCountry: 'US' })).to.include({ ok: false, code: 'too_short' });
    });

    it('rejects +1 999-657-12 (I1, S1) as too short', () => {
      expect(validatePhoneNumber('+1 999-657-12')).to.include({ ok: false, code: 'too_short' });
      expect(isPossiblePhoneNumberString('+1 999-657-12')).to.equal(false);
    });
  });

  describe('national input', () => {
    it('reads 03-1234-5678 as a Tokyo number with JP', () => {
      const result = validatePhoneNumber('03-1234-5678', { defaultCountry: 'JP' });
      expect(result).to.deep.equal({
        ok: true,
        value: { e164: '+81312345678', country: 'JP', national: '03-1234-5678', international: '+81 3 1234 5678' },
      });
    });

    it('accepts a lower-case country code', () => {
      const result = validatePhoneNumber('03-1234-5678', { defaultCountry: 'jp' });
      expect(result.ok && result.value.e164).to.equal('+81312345678');
    });

    it('reads the same digits differently in another country', () => {
      const result = validatePhoneNumber('(205) 123-4567', { defaultCountry: 'US' });
      expect(result.ok && result.value.e164).to.equal('+12051234567');
    });

    for (const defaultCountry of ['XX', 'JPN', '', 'ja', '419', 'zz']) {
      it(`ignores the invalid default country ${JSON.stringify(defaultCountry)}`, () => {
        expect(validatePhoneNumber('03-1234-5678', { defaultCountry })).to.include({
          ok: false,
          code: 'invalid_country',
        });
      });
    }

    it('lets an international number win over the default country', () => {
      const result = validatePhoneNumber('+82-10-6861-2345', { defaultCountry: 'JP' });
      expect(result.ok && result.value.e164).to.equal('+821068612345');
    });

    it('reports too_long and invalid_length from the country plan', () => {
      expect(validatePhoneNumber('+1 205 123 45678')).to.include({ ok: false, code: 'too_long' });
      // Swedish national numbers have 6 to 10 or 12 digits, never 11.
      expect(validatePhoneNumber('+46 12345678901')).to.include({ ok: false, code: 'invalid_length' });
    });
  });

  describe('other input', () => {
    for (const input of [undefined, null, '', '   ']) {
      it(`requires a value (${JSON.stringify(input)})`, () => {
        expect(validatePhoneNumber(input)).to.include({ ok: false, code: 'required' });
      });
    }

    for (const input of [12051234567, {}, ['+12051234567'], true, 'call me', 'tel:+1-205-123-4567', '+']) {
      it(`rejects ${JSON.stringify(input)} as not a number`, () => {
        expect(validatePhoneNumber(input)).to.include({ ok: false, code: 'not_a_number' });
      });
    }

    it('rejects an unknown calling code as invalid_country', () => {
      expect(validatePhoneNumber('+999 1234567')).to.include({ ok: false, code: 'invalid_country' });
    });

    it('ignores surrounding whitespace', () => {
      const result = validatePhoneNumber('  +1 339-219-5276\n');
      expect(result.ok && result.value.e164).to.equal('+13392195276');
    });

    it('refuses an extension, which E.164 cannot carry', () => {
      const result = validatePhoneNumber('+1 205-123-4567 ext. 12');
      expect(result).to.include({ ok: false, code: 'not_a_number' });
      expect(result.ok || result.message).to.match(/extension/);
    });

    it('refuses input longer than the cap even when the digits would do', () => {
      const padded = `+1${' '.repeat(MAX_PHONE_INPUT_LENGTH)}2051234567`;
      expect(validatePhoneNumber(padded)).to.include({ ok: false, code: 'not_a_number' });
      expect(validatePhoneNumber('+1 (205) 123 - 4567')).to.include({ ok: true });
    });
  });
});

describe('formatPhoneAsTyped', () => {
  it('formats a partial US number in the default country', () => {
    expect(formatPhoneAsTyped('2051234', 'US')).to.equal('(205) 123-4');
  });

  it('formats a partial international number without a country', () => {
    expect(formatPhoneAsTyped('+8210686')).to.equal('+82 1068 6');
  });

  it('formats a Japanese national number', () => {
    expect(formatPhoneAsTyped('0312345678', 'JP')).to.equal('03-1234-5678');
  });

  it('treats an invalid country as absent instead of throwing', () => {
    expect(formatPhoneAsTyped('+12051234567', 'XX')).to.equal('+1 205 123 4567');
  });

  it('leaves over-long input alone', () => {
    const long = '1'.repeat(MAX_PHONE_INPUT_LENGTH + 1);
    expect(formatPhoneAsTyped(long, 'US')).to.equal(long);
  });
});

describe('defaultRegion', () => {
  const cases: ReadonlyArray<[languages: string[], region: string]> = [
    [['en-GB'], 'GB'],
    [['sv'], 'SE'],
    [['ja'], 'JP'],
    [['en'], 'US'],
    [['en', 'en-GB'], 'GB'],
    [['de', 'fr-CA'], 'CA'],
    [['es-419'], 'US'],
    [['not a tag', ''], 'US'],
    [[], 'US'],
  ];
  for (const [languages, region] of cases) {
    it(`gives ${region} for ${JSON.stringify(languages)}`, () => {
      expect(defaultRegion(languages)).to.equal(region);
    });
  }

  it("reads the browser's languages by default", () => {
    expect(defaultRegion()).to.equal(defaultRegion(navigator.languages));
    expect(defaultRegion()).to.match(/^[A-Z]{2}$/);
  });
});
