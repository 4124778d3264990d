/**
 * A pseudo-locale for tests, never shipped: every English string accented (so any unaccented
 * Latin letter on screen did not come from the catalogue) and about 40 % longer (as German or
 * French copy runs), between ⟦ ⟧ (so a cut end shows).
 */
import { en, type Messages } from '../../src/i18n/en.js';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';
const accents = new Map([...PLAIN].map((letter, index) => [letter, [...ACCENTED][index]!]));
const FILLER = 'ţĥé ǫûîçķ ƀŕöŵñ ƒöẋ ĵûɱþš öṽéŕ ţĥé ļåžý ðöĝ ';

/** Stands for an inserted string value (a noncharacter: never in copy). */
const VALUE = '\u{10FFFF}';

export const accent = (text: string) => text.replace(/[A-Za-z]/g, (letter) => accents.get(letter)!);

/** `text` accented and lengthened by about 40 % (at least three letters), between ⟦ ⟧. */
export function pseudo(text: string): string {
  const extra = Math.max(3, Math.ceil([...text].length * 0.4));
  const filler = FILLER.repeat(Math.ceil(extra / FILLER.length) + 1).slice(0, extra);
  return `⟦${accent(text)} ${filler.trim()}⟧`;
}

/** A message function of `en` in pseudo: the sentence accented, the values it inserts left as they are. */
function pseudoMessage(message: (...args: never[]) => string) {
  return (...args: unknown[]) => {
    const marked = args.map((arg, index) => (typeof arg === 'string' ? `${VALUE}${index}${VALUE}` : arg));
    let text = pseudo((message as (...values: unknown[]) => string)(...marked));
    args.forEach((arg, index) => {
      if (typeof arg === 'string') text = text.replaceAll(`${VALUE}${index}${VALUE}`, arg);
    });
    return text;
  };
}

/** The whole pseudo catalogue, made from `en` key by key (keys added later included). */
export function pseudoCatalogue(): Messages {
  const entries = Object.entries(en).map(([key, value]) => {
    if (typeof value === 'string') return [key, pseudo(value)];
    if (typeof value === 'function') return [key, pseudoMessage(value)];
    return [key, Object.fromEntries(Object.entries(value as object).map(([name, text]) => [name, pseudo(text)]))];
  });
  return Object.fromEntries(entries) as Messages;
}
