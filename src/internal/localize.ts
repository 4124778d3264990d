import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from '../i18n/en.js';
import { enShown } from '../i18n/en-shown.js';
import { plural } from '../i18n/plural.js';

/**
 * English is built in; the others load the first time an element needs one (each is ≈ 2 KB gz,
 * its own chunk, found through `i18n/catalogues.ts`), so a page pays only for the languages it shows.
 */
const SHIPPED = 'ar de es fr he it ja ko nl pt zh-Hans zh-Hant'.split(' ');
/**
 * English is built in only as far as a widget shows it before use (`en-shown.ts`); the rest
 * (`en-later.ts`) is added once a widget is used, before the first render that may show it.
 */
const catalogues: Record<string, Messages> = { en: enShown as Messages };
const loading = new Map<string, Promise<void>>();
let englishLater: Promise<void> | undefined;
let englishComplete = false;

/**
 * Completes English once. A failed load (offline, or a deploy that removed the chunk) is not kept:
 * the next update tries again; until then the strings still missing render empty, and the form
 * sends nothing (see `LocalizeController#complete`).
 */
function loadEnglishLater(): Promise<void> | undefined {
  if (englishComplete) return undefined;
  return (englishLater ??= import('../i18n/en-later.js').then(
    ({ enLater }) => {
      catalogues.en = { ...enShown, ...enLater(plural) };
      englishComplete = true;
    },
    () => void (englishLater = undefined),
  ));
}

/** Every shipped catalogue, English first. */
export const shippedCatalogues = () => ['en', ...SHIPPED];

/** Loads a shipped catalogue once; a failed load leaves English in its place until the next update tries again. */
function loadCatalogue(catalogue: string): Promise<void> | undefined {
  if (catalogues[catalogue]) return undefined;
  let pending = loading.get(catalogue);
  if (!pending)
    loading.set(
      catalogue,
      (pending = import('../i18n/catalogues.js')
        .then(({ loaders }) => loaders[catalogue]!(plural))
        .then(
          (messages) => void (catalogues[catalogue] = messages),
          () => void loading.delete(catalogue),
        )),
    );
  return pending;
}

/** A shipped catalogue's messages, loaded as an element loads them; English for any other. */
export async function loadMessages(catalogue: string): Promise<Messages> {
  await loadCatalogue(catalogue);
  await loadEnglishLater();
  return catalogues[catalogue] ?? catalogues.en!;
}

/**
 * The catalogue that speaks `lang` (a BCP 47 tag): by its language (`pt-BR` → `pt`; `he-IL` and the
 * old `iw` → `he`), and for Chinese by its script, written or implied (`zh-TW`, `zh-HK`,
 * `zh-Hant-*` → `zh-Hant`; `zh`, `zh-CN`, `zh-SG`, `zh-Hans-*` → `zh-Hans`). Anything else, a
 * missing or malformed tag included, gets English.
 */
export function catalogueFor(lang: string): string {
  try {
    // Intl.Locale canonicalises (`iw` → `he`, case); `maximize` supplies the likely script. About 2 µs.
    const locale = new Intl.Locale(lang);
    if (locale.language === 'zh') return locale.maximize().script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
    return SHIPPED.includes(locale.language) ? locale.language : 'en';
  } catch {
    return 'en';
  }
}

type Host = ReactiveControllerHost & HTMLElement;
const connected = new Set<Host>();
let observer: MutationObserver | undefined;
const parentOf = (node: Node) => (node instanceof ShadowRoot ? node.host : node.parentNode);

/** The `lang` of the element itself or its nearest ancestor, crossing shadow roots; `''` if none. */
export function nearestLang(element: Element): string {
  for (let node: Node | null = element; node; node = parentOf(node))
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!;
  return '';
}

/** One observer for every widget on the page: any `lang` change re-renders them all (it is rare). */
function watchLangChanges(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => connected.forEach((host) => host.requestUpdate()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * Picks the UI language from the nearest `[lang]` and merges the host's overrides over that
 * catalogue (the direction follows in CSS, see `styles.ts`). No global singleton: each element
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
    return this.catalogue.slice(0, 2);
  }

  /**
   * Settles once the catalogue in use is in, with all of English once the widget is `used` (a
   * language that failed to load is shown in English); `undefined` when they are already.
   */
  loading(used: boolean): Promise<void> | undefined {
    const catalogue = this.catalogue;
    const complete = () => (used && (catalogue === 'en' || !catalogues[catalogue]) ? loadEnglishLater() : undefined);
    const pending = loadCatalogue(catalogue);
    return pending ? pending.then(complete) : complete();
  }

  /** Whether every string of the catalogue in use is in (its own, or all of English in its place). */
  get complete(): boolean {
    return englishComplete || (this.catalogue !== 'en' && !!catalogues[this.catalogue]);
  }

  messages(overrides?: Partial<Messages>): Messages {
    const base = catalogues[this.catalogue] ?? catalogues.en!;
    if (!overrides) return base;
    return {
      ...base,
      ...overrides,
      statusNames: { ...base.statusNames, ...overrides.statusNames },
      failReasons: { ...base.failReasons, ...overrides.failReasons },
    };
  }
}
