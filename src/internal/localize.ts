import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Messages } from '../i18n/en.js';
import { memo } from './memo.js';

/**
 * English is built in; the other catalogues load the first time an element needs one (each is
 * 1.5–2.5 KB gz), so a page pays only for the languages it shows.
 */
const catalogues: Record<string, Messages> = { en };
const loaders: Record<string, () => Promise<Messages>> = {
  ar: () => import('../i18n/ar.js').then((module) => module.ar),
  de: () => import('../i18n/de.js').then((module) => module.de),
  es: () => import('../i18n/es.js').then((module) => module.es),
  fr: () => import('../i18n/fr.js').then((module) => module.fr),
  he: () => import('../i18n/he.js').then((module) => module.he),
  it: () => import('../i18n/it.js').then((module) => module.it),
  ja: () => import('../i18n/ja.js').then((module) => module.ja),
  ko: () => import('../i18n/ko.js').then((module) => module.ko),
  nl: () => import('../i18n/nl.js').then((module) => module.nl),
  pt: () => import('../i18n/pt.js').then((module) => module.pt),
  'zh-Hans': () => import('../i18n/zh-Hans.js').then((module) => module.zhHans),
  'zh-Hant': () => import('../i18n/zh-Hant.js').then((module) => module.zhHant),
};
const loading = new Map<string, Promise<void>>();

/** Every shipped catalogue: `en` and those loaded on first use. */
export const shippedCatalogues = ['en', ...Object.keys(loaders)];

/** A shipped catalogue's messages, loaded as an element would load them; English for any other. */
export async function loadMessages(catalogue: string): Promise<Messages> {
  await loadCatalogue(catalogue);
  return catalogues[catalogue] ?? en;
}

/** Catalogues written right to left. */
const RIGHT_TO_LEFT = new Set(['ar', 'he']);

/**
 * The catalogue that speaks `lang` (a BCP 47 tag): by its language (`pt-BR` → `pt`, `he-IL` and the
 * old `iw` → `he`), and for Chinese by its script, written or implied (`zh-TW`, `zh-HK`,
 * `zh-Hant-*` → `zh-Hant`; `zh`, `zh-CN`, `zh-SG`, `zh-Hans-*` → `zh-Hans`). Anything else, a
 * missing or malformed tag included, gets English.
 */
export const catalogueFor = (lang: string): string => chosen(lang, () => choose(lang));
/** A render asks several times; tags come from attributes: at most 100 kept. */
const chosen = memo<string>(100);

function choose(lang: string): string {
  let locale: Intl.Locale;
  try {
    // Intl.Locale canonicalises (`iw` → `he`, case) and `maximize` supplies the likely script.
    locale = new Intl.Locale(lang);
  } catch {
    return 'en';
  }
  const language = locale.language;
  if (language === 'zh') return locale.maximize().script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  return language in loaders ? language : 'en';
}

/** Loads a shipped catalogue once; a failed load leaves English in its place. */
function loadCatalogue(catalogue: string): Promise<void> | undefined {
  const load = loaders[catalogue];
  if (!load || catalogues[catalogue]) return undefined;
  let pending = loading.get(catalogue);
  if (!pending) {
    pending = load().then(
      (messages) => {
        catalogues[catalogue] = messages;
      },
      () => undefined,
    );
    loading.set(catalogue, pending);
  }
  return pending;
}

type Host = ReactiveControllerHost & HTMLElement;
const connected = new Set<Host>();
let observer: MutationObserver | undefined;
/** Hosts whose `dir` attribute the controller set (and so may change or remove), with its value. */
const ownDir = new WeakMap<Host, string>();
/** The last `dir` the controller wrote on a host (`null`: removed), to tell its own changes from the page's. */
const written = new WeakMap<Element, string | null>();

const parentOf = (node: Node) => (node instanceof ShadowRoot ? node.host : node.parentNode);

/** The `lang` of the element itself or its nearest ancestor, crossing shadow roots; `''` if none. */
export function nearestLang(element: Element): string {
  for (let node: Node | null = element; node; node = parentOf(node))
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
  return '';
}

/**
 * The direction a host's content should run. Whichever the page declares closer to the host wins:
 * a `dir` (`ltr`/`rtl`), or a `lang`, which brings its catalogue's direction. So `<html lang="ar">`
 * with no `dir` reads right to left, `<div lang="en">` inside a right-to-left page left to right,
 * and a page's explicit `dir` beside its `lang` is obeyed (a Persian page shown in English keeps
 * the page's mirrored layout). `inherited` is what the host gets without its own `dir`.
 */
function directionOf(host: Host): { wanted: string; inherited: string } {
  let wanted: string | undefined;
  for (let node: Node | null = host; node; node = parentOf(node)) {
    if (!(node instanceof Element)) continue;
    const dir = node.getAttribute('dir')?.toLowerCase();
    const declared = (dir === 'ltr' || dir === 'rtl') && !(node === host && ownDir.get(host) === dir);
    if (declared) return { wanted: wanted ?? dir, inherited: dir };
    if (wanted === undefined && node.hasAttribute('lang'))
      wanted = RIGHT_TO_LEFT.has(catalogueFor(node.getAttribute('lang')!)) ? 'rtl' : 'ltr';
  }
  return { wanted: wanted ?? 'ltr', inherited: 'ltr' };
}

/** Gives the host a `dir` of its own only where what it inherits is not what it should have. */
function applyDirection(host: Host): void {
  const { wanted, inherited } = directionOf(host);
  const own = ownDir.get(host);
  if (own !== undefined && host.getAttribute('dir') !== own)
    ownDir.delete(host); // the page took it over
  else if (wanted === inherited) {
    if (own !== undefined) {
      ownDir.delete(host);
      written.set(host, null);
      host.removeAttribute('dir');
    }
  } else if (own !== wanted) {
    ownDir.set(host, wanted);
    written.set(host, wanted);
    host.setAttribute('dir', wanted);
  }
}

/** One observer for every widget on the page: any `lang` or `dir` change re-renders them all (it is rare). */
function watchLangChanges(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver((records) => {
    // A `dir` the controller set itself changes nothing for anyone.
    const foreign = records.some(({ attributeName, target }) => {
      const element = target as Element;
      return attributeName !== 'dir' || !written.has(element) || written.get(element) !== element.getAttribute('dir');
    });
    if (foreign) connected.forEach((host) => host.requestUpdate());
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
}

/**
 * Picks the UI language from the nearest `[lang]` and merges the host's overrides over that
 * catalogue, and mirrors the host for a right-to-left language. No global singleton: each element
 * asks for its own place in the page.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this.#host);
    watchLangChanges();
  }

  hostDisconnected(): void {
    connected.delete(this.#host);
    if (connected.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  }

  hostUpdate(): void {
    applyDirection(this.#host);
  }

  /** The BCP 47 tag to format dates and numbers with (the nearest `lang`, else the browser's). */
  get locale(): string {
    const lang = nearestLang(this.#host);
    try {
      return lang ? Intl.getCanonicalLocales(lang)[0]! : navigator.language;
    } catch {
      return navigator.language;
    }
  }

  /** The shipped catalogue in use: `'en'`, `'ja'`, `'zh-Hant'`, … (see `catalogueFor`). */
  get catalogue(): string {
    return catalogueFor(nearestLang(this.#host));
  }

  /** The language of that catalogue, without its script: `'en'`, `'ja'`, `'zh'`, … */
  get language(): string {
    return this.catalogue.split('-')[0]!;
  }

  /** Settles once the catalogue in use is in; `undefined` when it is already. */
  get loading(): Promise<void> | undefined {
    return loadCatalogue(this.catalogue);
  }

  messages(overrides?: Partial<Messages>): Messages {
    const base = catalogues[this.catalogue] ?? en;
    if (!overrides) return base;
    return {
      ...base,
      ...overrides,
      statusNames: { ...base.statusNames, ...overrides.statusNames },
      failReasons: { ...base.failReasons, ...overrides.failReasons },
    };
  }
}
