import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Messages } from '../i18n/en.js';

/**
 * English is built in; the other catalogues load the first time an element needs one (Japanese is
 * ≈ 2 KB gz, as UTF-8 compresses poorly), so a page pays only for the languages it shows.
 */
const catalogues: Record<string, Messages> = { en };
const loaders: Record<string, () => Promise<Messages>> = {
  ja: () => import('../i18n/ja.js').then((module) => module.ja),
};
const loading = new Map<string, Promise<void>>();

/** Loads a shipped catalogue once; a failed load leaves English in its place. */
function loadCatalogue(language: string): Promise<void> | undefined {
  const load = loaders[language];
  if (!load || catalogues[language]) return undefined;
  let pending = loading.get(language);
  if (!pending) {
    pending = load().then(
      (messages) => {
        catalogues[language] = messages;
      },
      () => undefined,
    );
    loading.set(language, pending);
  }
  return pending;
}

type Host = ReactiveControllerHost & HTMLElement;
const connected = new Set<Host>();
let observer: MutationObserver | undefined;

/** The `lang` of the element itself or its nearest ancestor, crossing shadow roots; `''` if none. */
export function nearestLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
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
 * catalogue. No global singleton: each element asks for its own place in the page.
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

  /** `'en'` or `'ja'`: the shipped catalogue in use. */
  get language(): string {
    const primary = nearestLang(this.#host).split('-')[0]!.toLowerCase();
    return primary in catalogues || primary in loaders ? primary : 'en';
  }

  /** Settles once the catalogue of `language` is in; `undefined` when it is already. */
  get loading(): Promise<void> | undefined {
    return loadCatalogue(this.language);
  }

  messages(overrides?: Partial<Messages>): Messages {
    const base = catalogues[this.language] ?? en;
    if (!overrides) return base;
    return {
      ...base,
      ...overrides,
      statusNames: { ...base.statusNames, ...overrides.statusNames },
      failReasons: { ...base.failReasons, ...overrides.failReasons },
    };
  }
}
