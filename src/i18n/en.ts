import { enLater } from './en-later.js';
import { enShown } from './en-shown.js';
import { plural } from './plural.js';

/**
 * English copy, and the shape every catalogue has. Keys are flat so that a site can override any
 * one string (`element.messages = { submit: 'Call me back' }`); functions take what they insert.
 * Sections: shared, then one per element. Add keys to your own section.
 *
 * Written in two parts so that a page loads only what its widgets show before they are used:
 * `en-shown.ts` (with the page) and `en-later.ts` (once a widget is used; see
 * `internal/localize.ts`). A new key goes to `en-later.ts` unless a widget shows it before use.
 */
export const en = { ...enShown, ...enLater(plural) };

export type Messages = typeof en;
