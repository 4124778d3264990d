import { expect } from '@open-wc/testing';
import { validateLanguage } from '../../../src/core/validation/index.js';

describe('validateLanguage', () => {
  for (const input of ['en', 'ja', 'fr-CA', 'zh-TW']) {
    it(`accepts ${input}`, () => {
      expect(validateLanguage(input)).to.deep.equal({ ok: true, value: input });
    });
  }

  for (const input of ['EN', 'En', 'en_US', 'en-us', 'eng', 'e', 'en-', 'en-USA', ' en', 'en\n', 'fr-ca', 'zh-Hant']) {
    it(`rejects ${JSON.stringify(input)} as malformed`, () => {
      expect(validateLanguage(input)).to.include({ ok: false, code: 'malformed' });
    });
  }

  for (const input of [42, {}, ['en'], true]) {
    it(`rejects the non-string ${JSON.stringify(input)} as malformed`, () => {
      expect(validateLanguage(input)).to.include({ ok: false, code: 'malformed' });
    });
  }

  it('rejects a well-shaped code that ISO 639-1 does not have (I10)', () => {
    expect(validateLanguage('xy')).to.include({ ok: false, code: 'unknown' });
    expect(validateLanguage('xy-US')).to.include({ ok: false, code: 'unknown' });
    // Withdrawn from ISO 639-1.
    expect(validateLanguage('bh')).to.include({ ok: false, code: 'unknown' });
  });

  for (const input of [undefined, null, '']) {
    it(`requires a value (${JSON.stringify(input)})`, () => {
      expect(validateLanguage(input)).to.include({ ok: false, code: 'required' });
    });
  }

  describe('offered', () => {
    const offered = ['en', 'ja', 'fr-CA'];

    it('accepts an offered language', () => {
      expect(validateLanguage('ja', { offered })).to.deep.equal({ ok: true, value: 'ja' });
      expect(validateLanguage('fr-CA', { offered })).to.deep.equal({ ok: true, value: 'fr-CA' });
    });

    it('rejects a real language the tenant does not offer (I8)', () => {
      expect(validateLanguage('fr', { offered })).to.include({ ok: false, code: 'not_offered' });
      expect(validateLanguage('en-GB', { offered })).to.include({ ok: false, code: 'not_offered' });
      expect(validateLanguage('en', { offered: [] })).to.include({ ok: false, code: 'not_offered' });
    });

    it('reports unknown before not offered', () => {
      expect(validateLanguage('xy', { offered })).to.include({ ok: false, code: 'unknown' });
    });
  });
});
