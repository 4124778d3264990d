/**
 * Which catalogue a page's `lang` gets, that each loads only when first shown, and plural forms
 * from `Intl.PluralRules`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { CcaiCallStatus } from '../../src/elements/call-status/call-status.js';
import '../../src/elements/call-status/define.js';
import { en } from '../../src/i18n/en.js';
import { plural } from '../../src/i18n/plural.js';
import { catalogueFor } from '../../src/internal/localize.js';
import { root, textOf, until } from '../helpers/dom.js';

/** The catalogue modules the page has fetched so far (the dev server serves each as `/src/i18n/<tag>.ts`). */
const fetchedCatalogues = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => /\/src\/i18n\/([\w-]+)\.(?:js|ts)\b/.exec(entry.name)?.[1])
    .filter((tag) => tag && tag !== 'en' && tag !== 'plural');

async function statusIn(lang: string): Promise<CcaiCallStatus> {
  const parentNode = document.createElement('div');
  parentNode.lang = lang;
  return fixture<CcaiCallStatus>(html`<ccai-call-status></ccai-call-status>`, { parentNode });
}
const heading = (el: CcaiCallStatus) => textOf(root(el).querySelector('[part=label]'));

describe('choosing a catalogue by lang', () => {
  it('loads a catalogue only when an element first shows it', async () => {
    // First in this file: nothing has asked for Korean or Dutch yet.
    expect(fetchedCatalogues()).not.to.include('ko');
    const el = await statusIn('ko-KR');
    await until(() => heading(el) === '통화 상태', 'Korean copy');
    expect(fetchedCatalogues()).to.include('ko');
    expect(fetchedCatalogues()).not.to.include('nl');
  });

  const cases: [lang: string, catalogue: string][] = [
    ['en', 'en'],
    ['en-GB', 'en'],
    ['es', 'es'],
    ['es-419', 'es'],
    ['fr-CA', 'fr'],
    ['de-AT', 'de'],
    ['it-CH', 'it'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
    ['nl-BE', 'nl'],
    ['ja-JP', 'ja'],
    ['ko-KR', 'ko'],
    ['ar', 'ar'],
    ['ar-EG', 'ar'],
    ['he', 'he'],
    ['he-IL', 'he'],
    ['iw', 'he'],
    ['iw-IL', 'he'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['ZH-tw', 'zh-Hant'],
    ['fi', 'en'],
    ['fa-IR', 'en'],
    ['', 'en'],
    ['not a tag', 'en'],
  ];
  for (const [lang, catalogue] of cases)
    it(`lang="${lang}" → ${catalogue}`, () => expect(catalogueFor(lang)).to.equal(catalogue));

  it('shows Traditional Chinese for zh-TW and Hebrew for the old tag iw, on the page', async () => {
    expect(heading(await statusIn('zh-TW'))).to.equal('通話狀態');
    expect(heading(await statusIn('zh-CN'))).to.equal('通话状态');
    expect(heading(await statusIn('iw'))).to.equal('מצב השיחה');
    expect(heading(await statusIn('pt-BR'))).to.equal('Status da chamada');
    expect(heading(await statusIn('sv'))).to.equal(en.statusHeading);
  });
});

describe('plural()', () => {
  const isolated = (n: string) => `\u2068${n}\u2069`;
  const minutes = { one: '# minute', other: '# minutes' };

  it('takes the form from Intl.PluralRules of the language', () => {
    expect(plural('en', 1, minutes)).to.equal(`${isolated('1')} minute`);
    expect(plural('en', 0, minutes)).to.equal(`${isolated('0')} minutes`);
    expect(plural('en', 15, minutes)).to.equal(`${isolated('15')} minutes`);
    // French says "one" for 0 and 1, "many" for a million.
    const fr = { one: '# minute', many: '# de minutes', other: '# minutes' };
    expect(plural('fr', 0, fr)).to.equal(`${isolated('0')} minute`);
    expect(plural('fr', 1_000_000, fr)).to.equal(`${isolated('1\u202f000\u202f000')} de minutes`);
  });

  it('takes any of the six Arabic forms', () => {
    const forms = { zero: 'zero', one: 'one', two: 'two', few: 'few', many: 'many', other: 'other' };
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map((n) => plural('ar', n, forms))).to.deep.equal([
      'zero',
      'one',
      'two',
      'few',
      'few',
      'many',
      'many',
      'other',
      'other',
    ]);
  });

  it('falls back to other for a category a catalogue leaves out', () => {
    expect(plural('ru', 5, { one: '# минута', other: '# мин.' })).to.equal(`${isolated('5')} мин.`);
  });

  it('writes the number as the language does', () => {
    expect(plural('en', 1440, minutes)).to.equal(`${isolated('1,440')} minutes`);
    expect(plural('de', 1440, { other: '# Minuten' })).to.equal(`${isolated('1.440')} Minuten`);
  });
});
