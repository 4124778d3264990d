/**
 * Property tests over `<ccai-schedule-call>`'s inputs (fast-check): whatever is typed into the
 * phone field (pasted at once or key by key), with whatever country, time and language, the form
 * sends exactly one request when the validators accept what it holds, with the E.164 of what was
 * typed, and none otherwise; the formatting as typed never loses or invents a digit; nothing throws.
 */
import { aTimeout, expect } from '@open-wc/testing';
import fc from 'fast-check';
import { getCountryCallingCode, parseIncompletePhoneNumber, type CountryCode } from 'libphonenumber-js/min';
import { validateLanguage, validatePhoneNumber } from '../../../src/core/validation/index.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { guardEscapes, guardHearsRejection } from '../../helpers/faults.js';
import {
  choose,
  collect,
  control,
  createBodies,
  creates,
  FIRST_SLOT,
  focusOn,
  phoneOf,
  phoneReady,
  pick,
  root,
  scheduleCall,
  sent,
  stopCollecting,
  submit,
  until,
  useMockApi,
} from './helpers.js';

const RUNS = 40;
/** A later slot of the same day (09:30 New York). */
const SECOND_SLOT = '2031-03-03T14:30:00.000Z';

/** A possible national number of each country, trunk prefix included. */
const NATIONAL: Record<string, string> = {
  US: '2015550123',
  JP: '09012345678',
  GB: '02079460018',
  EG: '01012345678',
  IN: '8123456789',
  DE: '030123456',
};
const COUNTRIES = Object.keys(NATIONAL) as CountryCode[];
/** Digits zero of scripts libphonenumber reads (ASCII, full-width, Arabic-Indic, Persian) and one it does not (Devanagari). */
const ZEROS = { ascii: 0x30, fullWidth: 0xff10, arabic: 0x660, persian: 0x6f0, devanagari: 0x966 };

type Script = keyof typeof ZEROS;
const inScript = (digits: string, script: Script) =>
  digits.replace(/\d/g, (d) => String.fromCharCode(ZEROS[script] + Number(d)));

/** A real number, written the many ways visitors write (or paste) one. */
const writtenNumber = fc
  .record({
    country: fc.constantFrom(...COUNTRIES),
    international: fc.boolean(),
    plus: fc.constantFrom('+', '＋'),
    script: fc.constantFrom<Script>('ascii', 'ascii', 'fullWidth', 'arabic', 'persian', 'devanagari'),
    separator: fc.constantFrom('', ' ', '-', '\u00a0', '－', '.'),
    wrap: fc.constantFrom<[string, string]>(
      ['', ''],
      [' ', ' '],
      ['\u200f', '\u200f'],
      ['\u200e', ''],
      ['\u202b', '\u202c'],
      ['📞 ', ''],
      ['', ' 👍'],
      ['', ' ext. 12'],
    ),
  })
  .map(({ country, international, plus, script, separator, wrap: [before, after] }) => {
    const national = NATIONAL[country]!;
    const digits = international ? `${getCountryCallingCode(country)}${national.replace(/^0/, '')}` : national;
    const grouped = digits.match(/.{1,3}/g)!.join(separator);
    return { country, text: `${before}${international ? plus : ''}${inScript(grouped, script)}${after}` };
  });

/** Anything at all: text, symbols, control characters, lone surrogates, very long pastes. */
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.stringMatching(/^[+＋]?[\d ()\-.x#*]{0,24}$/),
  fc.string({
    unit: fc.constantFrom('1', '２', '٣', '\u200f', '📞', '<', '>', '"', ' '),
    minLength: 40,
    maxLength: 120,
  }),
);

/** The form's other choices: country, time (none, or one of two), and the page's language offer with the visitor's pick. */
const choices = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  time: fc.constantFrom('', FIRST_SLOT, SECOND_SLOT),
  languages: fc.constantFrom('en', 'en,ja', 'ja,en', 'en,zz', 'EN,ja', 'zz', 'en,english'),
  pick: fc.nat(3),
  keyByKey: fc.boolean(),
});

/** What an `<input type=tel>` keeps of a paste (it strips line breaks). */
function asTheInputKeeps(text: string): string {
  const input = document.createElement('input');
  input.type = 'tel';
  input.value = text;
  return input.value;
}

/** Types as the visitor would: one paste, or one key per character, each landing at the end. */
async function type(el: CcaiScheduleCall, text: string, keyByKey: boolean): Promise<void> {
  const input = phoneOf(el);
  focusOn(input);
  for (const chunk of keyByKey ? Array.from(text) : [text]) {
    input.value += chunk;
    input.dispatchEvent(
      new InputEvent('input', {
        bubbles: true,
        composed: true,
        inputType: keyByKey ? 'insertText' : 'insertFromPaste',
        data: chunk,
      }),
    );
    await el.updateComplete;
  }
}

type Choices = { country: string; time: string; languages: string; pick: number; keyByKey: boolean };

/** The language the visitor ends up with: the one picked when there is a picker, else the only one offered. */
function languageOf({ languages, pick }: Choices): string {
  const offered = languages.split(',');
  return offered[offered.length > 1 ? pick % offered.length : 0]!;
}

/** Fills and submits one form; checks what was sent against the validators; returns the number sent, if any. */
async function submitted(text: string, form: Choices): Promise<string | undefined> {
  const { country, time, languages, keyByKey } = form;
  sent.length = 0;
  const errors = collect('ccai-error');
  const el = await scheduleCall(`menu-id="9" languages="${languages}"`);
  try {
    focusOn(phoneOf(el));
    await phoneReady(el);
    choose(control(el, 'Country'), country);
    await type(el, text, keyByKey);
    if (time) pick(el, time);
    const offered = languages.split(',');
    const language = languageOf(form);
    if (offered.length > 1) choose(control(el, 'Language'), language);
    const shown = phoneOf(el).value;

    // Formatting may move digits about and add layout, never lose or invent a digit or a `+` (`＋` is one).
    const digits = (value: string) => parseIncompletePhoneNumber(value.replaceAll('＋', '+'));
    expect(digits(shown)).to.equal(digits(asTheInputKeeps(text)));
    const phone = validatePhoneNumber(shown, { defaultCountry: country });
    const accepted = phone.ok && time !== '' && validateLanguage(language, { offered }).ok;

    await submit(el);
    if (!accepted) {
      await until(() => errors.some((event) => event.detail.kind === 'validation'), 'refused without a word');
      await aTimeout(0);
      expect(creates(), 'refused input sends nothing').to.have.length(0);
      return undefined;
    }
    await until(() => root(el).querySelector('[part=confirmation]') || errors.length > 0, 'no answer');
    const bodies = await createBodies();
    expect(bodies.map((body) => body.end_user_number)).to.deep.equal([phone.value.e164]);
    return phone.value.e164;
  } finally {
    el.remove();
    stopCollecting();
    // The next form is another visitor's, not a reload that shows this booking again.
    sessionStorage.clear();
  }
}

describe('<ccai-schedule-call> with generated input', function () {
  // Forty forms each, filled and submitted: a few seconds on a quiet machine, more on a busy one.
  this.timeout(120_000);
  useMockApi();
  guardEscapes();
  it('(the guard hears an unhandled rejection)', guardHearsRejection);

  it('sends nothing for input the validators refuse, one request otherwise, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, choices, async (text, form) => {
        await submitted(text, form);
      }),
      { numRuns: RUNS },
    );
  });

  it('sends a number written in any way as its one E.164, or refuses it', async () => {
    await fc.assert(
      fc.asyncProperty(writtenNumber, choices, async ({ country, text }, form) => {
        // National numbers are typed in their own country; international ones in any.
        const sentNumber = await submitted(text, {
          ...form,
          country: text.includes('+') || text.includes('＋') ? form.country : country,
        });
        // Invisible marks (bidi, zero-width) are no part of the number: formatting drops them.
        const typed = validatePhoneNumber(asTheInputKeeps(text).replace(/\p{Cf}/gu, ''), { defaultCountry: country });
        if (sentNumber !== undefined)
          expect(typed.ok && typed.value.e164, 'the number typed, and no other').to.equal(sentNumber);
        // Digits of a known script, with nothing but layout around them, are always taken.
        const plain =
          /^[\s\u200e\u200f\u202b\u202c]*[+＋]?[\d\s\-.\u00a0－\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]+[\s\u200e\u200f\u202b\u202c]*$/u.test(
            text,
          );
        if (plain && form.time && sentNumber === undefined) {
          expect(
            validateLanguage(languageOf(form), { offered: form.languages.split(',') }).ok,
            `${JSON.stringify(text)} refused`,
          ).to.equal(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
