import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { CallsClient } from '../core/client.js';
import type { Messages } from '../i18n/en.js';
import { loadClientModule, loadedClientModule } from './client-module.js';
import { CcaiErrorEvent, errorDetail } from './events.js';
import { LocalizeController } from './localize.js';
import { describeValue, objectType, PropertyTypeError, stringType, type PropertyType } from './property-types.js';

/** Classes whose typed setters are in place (see `finalize`). */
const typed = new WeakSet<object>();

/** One client per base URL, shared by every widget on the page that has no `client` of its own. */
const clients = new Map<string, CallsClient>();

/**
 * What the three widgets share: where the API is (`base-url` or an injected `client`), the UI
 * language and its overridable strings, and `ccai-error`. Deliberately one thin class, not a mixin stack.
 */
export class CcaiElement extends LitElement {
  /**
   * Every property whose converter is a `PropertyType` (internal/property-types.ts) converts what
   * it is set to in its setter, as its attribute would be read, so that a framework setting
   * `languages = "en,ja"` gets a list; a value of the wrong type is refused with one console error
   * naming the element and the property, and the property keeps its value. Done once per class
   * after Lit made its accessors (overriding `getPropertyDescriptor` would do it too, but Lit
   * deprecates that and warns in every page's console in development).
   * @internal
   */
  protected static override finalize(): void {
    super.finalize();
    if (typed.has(this)) return;
    typed.add(this);
    for (const [name, options] of this.elementProperties) {
      const type = options.converter as Partial<PropertyType<unknown>> | undefined;
      const descriptor = Object.getOwnPropertyDescriptor(this.prototype, name);
      if (typeof type?.fromProperty !== 'function' || !descriptor?.set) continue;
      const { fromProperty, expected } = type as PropertyType<unknown>;
      const set = descriptor.set;
      Object.defineProperty(this.prototype, name, {
        ...descriptor,
        set(this: HTMLElement, value: unknown) {
          let converted: unknown;
          try {
            converted = fromProperty(value);
          } catch (error) {
            if (!(error instanceof PropertyTypeError)) throw error;
            console.error(
              `<${this.localName}>: ${String(name)} must be ${expected}; ${describeValue(value)} was ignored`,
            );
            return;
          }
          set.call(this, converted);
        },
      });
    }
  }

  /** URL prefix before `/apps/api/v1` (default: this page's origin). In production, your own backend. */
  @property({ attribute: 'base-url', reflect: true, converter: stringType('') }) baseUrl = '';

  /** A client from `ccai-widgets/core` (custom headers, auth token, fetch); overrides `base-url`. */
  @property({ attribute: false, converter: objectType }) client?: CallsClient;

  /** Overrides for any UI string of the current language, e.g. `{ submit: 'Call me back' }`. */
  @property({ attribute: false, converter: objectType }) messages?: Partial<Messages>;

  protected readonly localize = new LocalizeController(this);

  /**
   * Whether the widget is in use: from then on it may show any string (errors, a status, a
   * confirmation), so the rest of the English copy loads, and renders wait for it. Before, it
   * shows only what `i18n/en-shown.ts` holds. Each element says when (README, "What loads when").
   */
  protected get used(): boolean {
    return false;
  }

  /**
   * A render in a language whose catalogue is still loading waits for it, rather than flash
   * English or, once the widget is used, a missing string.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.localize.loading(this.used);
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** The strings to render with. */
  protected get t(): Messages {
    return this.localize.messages(this.messages);
  }

  /** Where requests go: the `client`'s base URL, else `base-url` as the client made for it keeps it. */
  protected get apiBaseUrl(): string {
    return this.client ? this.client.baseUrl : this.baseUrl.replace(/\/+$/, '');
  }

  /**
   * The client requests go through: `client`, else the page's one for `base-url`; `undefined` until
   * the client's module is in (`loadApi`), which a widget loads when it is first used.
   */
  protected get api(): CallsClient | undefined {
    if (this.client) return this.client;
    const module = loadedClientModule();
    if (!module) return undefined;
    let client = clients.get(this.baseUrl);
    if (!client) clients.set(this.baseUrl, (client = new module.CallsClient({ baseUrl: this.baseUrl })));
    return client;
  }

  /**
   * The client requests go through, with its module (also for an assigned `client`: it has the
   * copy for failures, see `describeError`); a failure to load is a `network` `CallsApiError`.
   */
  protected async loadApi(): Promise<CallsClient> {
    await loadClientModule();
    return this.api!;
  }

  /**
   * What to tell a visitor about a failed request, in their language (`internal/describe-error.ts`).
   * A request failed only after `loadApi`: without its module, loading it was what failed.
   */
  protected describeError(error: unknown, t: Messages): string {
    return loadedClientModule()?.describeError(error, t) ?? t.errorNetwork;
  }

  /** Fires `ccai-error` for a failed request (or refused input) and returns its detail. */
  protected reportError(error: unknown) {
    const detail = errorDetail(error);
    this.dispatchEvent(new CcaiErrorEvent(detail));
    return detail;
  }
}
