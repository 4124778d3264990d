import { expect } from '@open-wc/testing';
import { validateScheduledAt } from '../../../src/core/validation/index.js';

/** The clock the documented examples run at (calls-api.md, section 5: the `created_at` of S6). */
const now = '2019-09-10T00:19:14Z';

describe('validateScheduledAt', () => {
  describe('future times', () => {
    const cases: ReadonlyArray<[input: string, iso: string]> = [
      ['2019-09-15T00:19:14.421Z', '2019-09-15T00:19:14.421Z'],
      ['2019-09-15T09:19:14+09:00', '2019-09-15T00:19:14.000Z'],
      ['2019-09-14T17:19:14-07:00', '2019-09-15T00:19:14.000Z'],
      ['2019-09-15T00:19Z', '2019-09-15T00:19:00.000Z'],
      ['2019-09-15T00:19:14.4219999Z', '2019-09-15T00:19:14.421Z'],
      ['2019-09-15T00:19:14.5+00:00', '2019-09-15T00:19:14.500Z'],
      ['2020-02-29T12:00:00Z', '2020-02-29T12:00:00.000Z'],
      ['2019-12-31T23:59:59.999Z', '2019-12-31T23:59:59.999Z'],
    ];
    for (const [input, iso] of cases) {
      it(`accepts ${input} as ${iso}`, () => {
        expect(validateScheduledAt(input, { now })).to.deep.equal({ ok: true, value: iso });
      });
    }

    it('accepts a Date', () => {
      const date = new Date('2019-09-15T00:19:14.421Z');
      expect(validateScheduledAt(date, { now })).to.deep.equal({ ok: true, value: '2019-09-15T00:19:14.421Z' });
    });

    it('takes now as a Date or epoch milliseconds as well as a string', () => {
      const input = '2019-09-10T00:19:15Z';
      expect(validateScheduledAt(input, { now: new Date(now) })).to.include({ ok: true });
      expect(validateScheduledAt(input, { now: Date.parse(now) })).to.include({ ok: true });
      expect(validateScheduledAt(input, { now: Date.parse(now) + 1000 })).to.include({ ok: false, code: 'past' });
    });

    it('uses the real clock when now is not given', () => {
      expect(validateScheduledAt(new Date(Date.now() + 60_000))).to.include({ ok: true });
      expect(validateScheduledAt(new Date(Date.now() - 60_000))).to.include({ ok: false, code: 'past' });
    });
  });

  describe('past and too soon', () => {
    it('rejects the documented 2019-09-15 example once that day has gone', () => {
      expect(validateScheduledAt('2019-09-15T00:19:14.421Z', { now: '2019-09-16T00:00:00Z' })).to.include({
        ok: false,
        code: 'past',
      });
    });

    it('counts now itself as past', () => {
      expect(validateScheduledAt(now, { now })).to.include({ ok: false, code: 'past' });
      expect(validateScheduledAt('2019-09-10T09:19:14+09:00', { now })).to.include({ ok: false, code: 'past' });
    });

    it('rejects a time closer than the minimum lead', () => {
      const options = { now, minLeadMinutes: 15 };
      expect(validateScheduledAt('2019-09-10T00:34:13.999Z', options)).to.include({ ok: false, code: 'too_soon' });
      expect(validateScheduledAt('2019-09-10T00:34:14Z', options)).to.deep.equal({
        ok: true,
        value: '2019-09-10T00:34:14.000Z',
      });
    });

    it('treats a negative or non-finite lead as none', () => {
      for (const minLeadMinutes of [-5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(validateScheduledAt('2019-09-10T00:19:15Z', { now, minLeadMinutes })).to.include({ ok: true });
      }
    });
  });

  describe('malformed', () => {
    const inputs = [
      '2019-09-15',
      '2019-09-15T10:00:00',
      '2019-02-30T10:00:00Z',
      '2019-02-29T10:00:00Z',
      '2019-04-31T10:00:00Z',
      '2019-13-01T10:00:00Z',
      '2019-00-10T10:00:00Z',
      '2019-09-00T10:00:00Z',
      '2019-09-15T25:00:00Z',
      '2019-09-15T24:00:00Z',
      '2019-09-15T10:60:00Z',
      '2019-09-15T10:00:60Z',
      '2019-09-15T10:00:00+24:00',
      '2019-09-15T10:00:00+0900',
      '2019-09-15 10:00:00Z',
      '2019-09-15t10:00:00z',
      '15/09/2019 10:00',
      'Sun Sep 15 2019 10:00:00 GMT+0900',
      '+002019-09-15T10:00:00Z',
      'tomorrow',
    ];
    for (const input of inputs) {
      it(`rejects ${JSON.stringify(input)}`, () => {
        expect(validateScheduledAt(input, { now })).to.include({ ok: false, code: 'malformed' });
      });
    }

    for (const input of [
      1568506754421,
      true,
      {},
      [],
      { toISOString: () => '2019-09-15T00:19:14Z' },
      new Date(Number.NaN),
    ]) {
      it(`rejects the non-string ${Object.prototype.toString.call(input)} ${String(input)}`, () => {
        expect(validateScheduledAt(input, { now })).to.include({ ok: false, code: 'malformed' });
      });
    }

    for (const input of [undefined, null, '', '  ']) {
      it(`requires a value (${JSON.stringify(input)})`, () => {
        expect(validateScheduledAt(input, { now })).to.include({ ok: false, code: 'required' });
      });
    }
  });
});
