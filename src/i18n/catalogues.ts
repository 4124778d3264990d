import type { Messages } from './en.js';
import type { Plural } from './plural.js';

/**
 * Where each catalogue other than English is: a chunk of its own, loaded on first use. This list
 * is itself loaded on first use: the page's entry holds one `import()` for it instead of twelve
 * (their hashed chunk names alone cost ≈ 0.3 KB gz there), so a page in another language makes
 * two small requests before its first render, this list (≈ 0.3 KB gz) and then its catalogue.
 * `SHIPPED` in `internal/localize.ts` names the same tags (a test keeps them alike). Catalogues
 * are handed `plural` by the caller rather than import it (see `plural.ts`), and so is this list.
 */
export const loaders: Record<string, (plural: Plural) => Promise<Messages>> = {
  ar: (plural) => import('./ar.js').then((module) => module.ar(plural)),
  de: (plural) => import('./de.js').then((module) => module.de(plural)),
  es: (plural) => import('./es.js').then((module) => module.es(plural)),
  fr: (plural) => import('./fr.js').then((module) => module.fr(plural)),
  he: (plural) => import('./he.js').then((module) => module.he(plural)),
  it: (plural) => import('./it.js').then((module) => module.it(plural)),
  ja: () => import('./ja.js').then((module) => module.ja),
  ko: (plural) => import('./ko.js').then((module) => module.ko(plural)),
  nl: (plural) => import('./nl.js').then((module) => module.nl(plural)),
  pt: (plural) => import('./pt.js').then((module) => module.pt(plural)),
  'zh-Hans': (plural) => import('./zh-Hans.js').then((module) => module.zhHans(plural)),
  'zh-Hant': (plural) => import('./zh-Hant.js').then((module) => module.zhHant(plural)),
};
