/**
 * Every shipped catalogue, as the elements load it: every key of `en` (keys added later are
 * caught too: the test walks `en`), nothing left in English, inserted values kept, counts in every
 * plural form of the language, and the language's own script.
 */
import { expect } from '@open-wc/testing';
import { en, type Messages } from '../../src/i18n/en.js';
import { loaders } from '../../src/i18n/catalogues.js';
import { catalogueFor, loadMessages, shippedCatalogues } from '../../src/internal/localize.js';

/**
 * Keys whose copy is rightly the same as English in a language, because the word is. Keep this
 * short and say why: anything else identical to English is an untranslated string.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  fr: ['dateLabel'], // "Date" is French too.
};

/** The script each non-Latin catalogue writes in: every sentence has at least one such letter. */
const SCRIPTS: Record<string, RegExp> = {
  ar: /\p{Script=Arabic}/u,
  he: /\p{Script=Hebrew}/u,
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  ko: /\p{Script=Hangul}/u,
  'zh-Hans': /\p{Script=Han}/u,
  'zh-Hant': /\p{Script=Han}/u,
};

/** Stands for an inserted string value (a noncharacter: never in copy). */
const VALUE = '\u{10FFFF}';
/** An inserted, isolated count, as `plural()` writes it. */
const ISOLATED_NUMBER = /\u2068[^\u2069]*\u2069/g;

type Entry = [key: string, value: unknown];

/** A count for each plural category of `language` (as `Intl.PluralRules` sees it), e.g. `{ one: 1, other: 0 }`. */
function countsByCategory(language: string): Map<Intl.LDMLPluralRule, number> {
  const rules = new Intl.PluralRules(language);
  const counts = new Map<Intl.LDMLPluralRule, number>();
  for (const n of [...Array(201).keys(), 1_000_000]) if (!counts.has(rules.select(n))) counts.set(rules.select(n), n);
  return counts;
}

/** Whether `message` inserts a string (it echoes a marker) rather than a count. */
const takesText = (message: (...args: never[]) => string) =>
  (message as (value: string) => string)(VALUE).includes(VALUE);

const catalogues = shippedCatalogues().filter((tag) => tag !== 'en');

describe('the shipped catalogues', () => {
  it('are listed alike where the entry picks them and where they are loaded', () => {
    expect(Object.keys(loaders).sort()).to.deep.equal(catalogues.sort());
  });

  it('are the eleven of the issue besides English and Japanese', () => {
    expect(shippedCatalogues().sort()).to.deep.equal(
      ['ar', 'de', 'en', 'es', 'fr', 'he', 'it', 'ja', 'ko', 'nl', 'pt', 'zh-Hans', 'zh-Hant'].sort(),
    );
  });

  for (const tag of catalogues) {
    describe(tag, () => {
      let t: Messages;
      before(async () => {
        t = await loadMessages(tag);
      });
      const same = SAME_AS_ENGLISH[tag] ?? [];
      const language = tag;

      it('loads through its loader as a catalogue of its own', () => {
        expect(t).not.to.equal(en);
        expect(catalogueFor(tag)).to.equal(tag);
      });

      it('has every key of en, and no other, each of the same kind', () => {
        expect(Object.keys(t).sort()).to.deep.equal(Object.keys(en).sort());
        for (const [key, value] of Object.entries(en) as Entry[]) {
          const own = t[key as keyof Messages];
          expect(typeof own, key).to.equal(typeof value);
          if (typeof value === 'object')
            expect(Object.keys(own).sort(), key).to.deep.equal(Object.keys(value as object).sort());
        }
      });

      it('translates every string, statuses and reasons included', () => {
        const untranslated: string[] = [];
        for (const [key, value] of Object.entries(en) as Entry[]) {
          const own = t[key as keyof Messages] as unknown;
          if (typeof value === 'string' && own === value && !same.includes(key)) untranslated.push(key);
          if (typeof value === 'object')
            for (const [name, text] of Object.entries(value as Record<string, string>))
              if ((own as Record<string, string>)[name] === text) untranslated.push(`${key}.${name}`);
        }
        expect(untranslated, 'left in English').to.deep.equal([]);
        for (const key of same)
          expect(t[key as keyof Messages], `${key} is listed as the same`).to.equal(en[key as keyof Messages]);
      });

      it('translates every sentence that inserts a value, and keeps the value, once', () => {
        for (const [key, value] of Object.entries(en) as Entry[]) {
          if (typeof value !== 'function' || !takesText(value as never)) continue;
          const message = t[key as keyof Messages] as (...values: string[]) => string;
          const args = Array.from({ length: Math.max(1, value.length) }, () => VALUE);
          const text = message(...args);
          expect(text.split(VALUE).length - 1, `${key} inserts its value once per argument`).to.equal(args.length);
          expect(text, `${key} is translated`).not.to.equal((value as (...values: string[]) => string)(...args));
          expect(text.replaceAll(VALUE, '').trim(), `${key} says something besides the value`).not.to.equal('');
        }
      });

      it('words every count in each plural form of the language, from Intl.PluralRules', () => {
        for (const [key, value] of Object.entries(en) as Entry[]) {
          if (typeof value !== 'function' || takesText(value as never)) continue;
          const message = t[key as keyof Messages] as (count: number) => string;
          const english = value as (count: number) => string;
          const forms = new Map<string, string>();
          for (const [category, count] of countsByCategory(language)) {
            const text = message(count);
            expect(text, `${key}(${count})`).not.to.equal(english(count));
            expect(text, `${key}(${count}) has no placeholder left`).not.to.match(/#|undefined|NaN/);
            forms.set(category, text.replace(ISOLATED_NUMBER, '#'));
          }
          // The count is written as the language writes numbers, and isolated (the plain-text <bdi>).
          const other = countsByCategory(language).get('other')!;
          expect(message(other), `${key}(${other})`).to.include(
            `\u2068${new Intl.NumberFormat(language).format(other)}\u2069`,
          );
          // One, two and few read differently from other wherever the language has them; zero and
          // many may read as other does (Arabic uses the singular after 11–99 and after 100 alike).
          for (const category of ['one', 'two', 'few'] as const)
            if (forms.has(category))
              expect(forms.get(category), `${key}: the ${category} form`).not.to.equal(forms.get('other'));
        }
      });

      const script = SCRIPTS[tag];
      if (script)
        it('writes every sentence in its own script', () => {
          const texts: [string, string][] = [];
          for (const [key, value] of Object.entries(t) as Entry[]) {
            if (typeof value === 'string') texts.push([key, value]);
            else if (typeof value === 'function') texts.push([key, (value as (v: never) => string)(2 as never)]);
            else for (const [name, text] of Object.entries(value as object)) texts.push([`${key}.${name}`, text]);
          }
          expect(texts.filter(([, text]) => !script.test(text)).map(([key]) => key)).to.deep.equal([]);
        });
    });
  }

  it('keeps Traditional and Simplified Chinese apart', async () => {
    const [hans, hant] = await Promise.all([loadMessages('zh-Hans'), loadMessages('zh-Hant')]);
    const strings = (Object.keys(en) as (keyof Messages)[]).filter((key) => typeof en[key] === 'string');
    const differing = strings.filter((key) => hans[key] !== hant[key]);
    // Words such as 日期 (date) are written alike; most sentences are not.
    expect(differing.length / strings.length).to.be.above(0.8);
    expect(hant.loading).to.equal('載入中…');
    expect(hans.loading).to.equal('正在加载…');
  });
});
