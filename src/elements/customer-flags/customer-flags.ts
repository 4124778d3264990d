import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { CUSTOMER_FLAG_NAMES, type CustomerFlagName, type CustomerFlags } from '../../core/calls.js';
import type { CallsClient } from '../../core/client.js';
import { CallsApiError, isTransient } from '../../core/errors.js';
import type { Messages } from '../../i18n/en.js';
import { isolatedIn, type Isolated } from '../../internal/bidi.js';
import { CcaiElement } from '../../internal/ccai-element.js';
import { booleanType, idType } from '../../internal/property-types.js';
import { CcaiFlagsChangeEvent } from '../../internal/events.js';
import { checkboxStyles, themeStyles } from '../../internal/styles.js';
import { customerFlagsStyles } from './customer-flags.styles.js';

/** "Try again" after a failed load: whenever asking again may help (an unreadable answer too), not for an unknown call. */
const mayLoadAgain = (error: unknown) =>
  isTransient(error) || (error instanceof CallsApiError && error.kind === 'parse');

/**
 * What an agent reads about a failed request: copy in their language, never a developer's message
 * (a malformed `call-id` is the page's mistake; `ccai-error` still carries the details). Server
 * text shown as it came is isolated, so a right-to-left page reads in order.
 */
function errorText(error: unknown, t: Messages, describe: (error: unknown, t: Messages) => string): Isolated {
  if (error instanceof CallsApiError && error.kind === 'validation' && error.field === 'id')
    return [t.flagsInvalidCallId];
  const text = describe(error, t);
  return error instanceof CallsApiError && error.kind === 'http' ? isolatedIn(text, error.message) : [text];
}

const LABEL_KEYS: Record<CustomerFlagName, 'verifiedCustomer' | 'badActor' | 'repeatCustomer'> = {
  verified_customer: 'verifiedCustomer',
  bad_actor: 'badActor',
  repeat_customer: 'repeatCustomer',
};

/**
 * A call's customer flags (verified customer, bad actor, repeat customer) as three checkboxes that
 * an agent can toggle.
 *
 * **For agents' authenticated tools only** (a CRM, an agent console). Never put it on a public
 * page: whoever can reach the flag routes can mark any caller as verified or clear a bad-actor
 * flag. The backend proxy that adds the API credentials must refuse `GET` and `PATCH
 * …/calls/:id/customer_flag` to the public and allow them only to signed-in agents.
 *
 * Behaviour:
 * - Loads `GET …/calls/:id/customer_flag` whenever `call-id` (or the API) changes; without
 *   `call-id` it renders nothing and sends nothing.
 * - While loading, the group and its three labelled boxes are already there, in the place they
 *   keep, but not yet known: each box `disabled` and indeterminate (exposed as mixed, so none claims
 *   "not set" before the server said so), the fieldset `aria-busy`, and the loading message below
 *   it as the status (`role=status`). When the flags arrive the same boxes take their values and are
 *   enabled (focusable but `aria-readonly` when `readonly`). A failed load shows instead why, and
 *   "Try again" when asking again may help (not for an unknown call); after "Try again" focus goes
 *   to the first flag once loaded.
 * - A change is shown at once and sends a `PATCH` with just that flag. On success the server's
 *   flags are adopted and `ccai-flags-change` fires; on failure that flag alone goes back to its
 *   last confirmed value, an error is announced and `ccai-error` fires.
 * - Writes go out one at a time, in the order the agent made them, so their answers cannot
 *   overtake each other. A flag whose write is queued or in flight cannot be toggled again
 *   (`aria-disabled`, the box keeps focus) until the server has answered: nothing is sent twice and
 *   no two writes of one flag can race.
 *
 * @tagname ccai-customer-flags
 * @summary Agent-side customer flags of a call: load, toggle optimistically, roll back on failure.
 *
 * @fires {CcaiFlagsChangeEvent} ccai-flags-change - A change was saved; `detail.flags` holds all three flags as the server returned them.
 * @fires {CcaiErrorEvent} ccai-error - Loading or saving failed: `{ status, message, kind }`.
 *
 * @csspart fieldset - The group around the three checkboxes (`aria-busy` while the flags load).
 * @csspart legend - The group's title ("Customer flags").
 * @csspart flag - The label of one flag (checkbox and text).
 * @csspart checkbox - One native checkbox (`:disabled` and `:indeterminate` while the flags load).
 * @csspart status - The loading message, below the fieldset while the flags load.
 * @csspart error - The error message (load or save failure).
 * @csspart retry - The "Try again" button after a failed load.
 *
 * @cssprop --ccai-accent - Checkbox and button colour.
 * @cssprop --ccai-on-accent - Text on the button.
 * @cssprop --ccai-color - Text colour.
 * @cssprop --ccai-muted-color - Loading text and read-only checkboxes.
 * @cssprop --ccai-background - Background.
 * @cssprop --ccai-border-color - The fieldset's border.
 * @cssprop --ccai-error-color - Error text.
 * @cssprop --ccai-focus-color - Focus ring.
 * @cssprop --ccai-radius - Corner radius.
 * @cssprop --ccai-spacing - Base spacing unit.
 * @cssprop --ccai-font-family - Font.
 * @cssprop --ccai-font-size - Base font size.
 */
export class CcaiCustomerFlags extends CcaiElement {
  static override styles = [themeStyles, checkboxStyles, customerFlagsStyles];

  /** The call whose flags are shown (the `id` of a call object). Changing it reloads. */
  @property({ attribute: 'call-id', type: Number, converter: idType }) callId?: number;

  /** Show the flags without letting them be changed; no `PATCH` is ever sent. */
  @property({ reflect: true, converter: booleanType }) readonly = false;

  /** The flags as the server last reported them for this call. */
  @state() private confirmed?: CustomerFlags;

  /** Flags with a write queued or in flight, and the value that write sets (shown meanwhile). */
  @state() private pending: ReadonlyMap<CustomerFlagName, boolean> = new Map();

  /** The last failed write, until the agent changes a flag again. */
  @state() private saveFailure?: { error: unknown };

  /** Writes are chained so that they reach the server, and answer, in the order they were made. */
  #writes: Promise<void> = Promise.resolve();

  /** Set by "Try again" so that focus lands somewhere useful once the button is gone. */
  #focusAfterLoad = false;

  /** Bumped when `call-id` changes, so that late answers about the previous call are recognised. */
  #generation = 0;

  private readonly load = new Task(this, {
    // The client's module loads with the first call id (see `loadApi`); a new client or base URL loads again.
    args: () => [this.callId, this.client, this.baseUrl] as const,
    task: async ([callId]: readonly [number | undefined, ...unknown[]], { signal }) => {
      if (!callId) return initialState;
      return (await this.loadApi()).getCustomerFlags(callId, { signal });
    },
    onComplete: (flags: CustomerFlags) => {
      this.confirmed = flags;
    },
    onError: (error: unknown) => {
      this.reportError(error);
    },
  });

  /** Given a call id: its flags, and what may go wrong with them, are shown. */
  protected override get used(): boolean {
    return this.callId != null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('callId')) {
      // Another call: nothing of the previous one may be shown or unlocked by late answers.
      this.#generation++;
      this.confirmed = undefined;
      this.pending = new Map();
      this.saveFailure = undefined;
    }
  }

  protected override updated(): void {
    if (!this.#focusAfterLoad || this.load.status === TaskStatus.PENDING) return;
    this.#focusAfterLoad = false;
    this.renderRoot.querySelector<HTMLElement>('input, button')?.focus();
  }

  protected override render() {
    // The task is briefly pending even without a call (it then settles to initial): show nothing.
    if (!this.callId) return nothing;
    const t = this.t;
    return this.load.render({
      initial: () => nothing,
      pending: () => this.#renderFlags(t),
      complete: (loaded) => this.#renderFlags(t, this.#shown(this.confirmed ?? loaded)),
      error: (error) => this.#renderLoadError(t, error),
    });
  }

  /** The flags, or without them (still loading) the same group with every box not yet known. */
  #renderFlags(t: Messages, flags?: CustomerFlags) {
    const loading = !flags;
    return html`
      <fieldset
        part="fieldset"
        aria-busy=${ifDefined(loading ? 'true' : undefined)}
      >
        <legend part="legend">${t.flagsLegend}</legend>
        ${CUSTOMER_FLAG_NAMES.map(
          (name) => html`
            <label
              part="flag"
              class="checkbox"
            >
              <input
                type="checkbox"
                part="checkbox"
                name=${name}
                .checked=${live(flags?.[name] ?? false)}
                .indeterminate=${loading}
                ?disabled=${loading}
                aria-disabled=${ifDefined(this.pending.has(name) ? 'true' : undefined)}
                aria-readonly=${ifDefined(this.readonly ? 'true' : undefined)}
                @click=${this.#guard}
                @change=${this.#onChange}
              />
              <span>${t[LABEL_KEYS[name]]}</span>
            </label>
          `,
        )}
      </fieldset>
      ${
        loading
          ? html`<p
              class="status"
              part="status"
              role="status"
            >
              ${t.loading}
            </p>`
          : html`<p
              class="error"
              part="error"
              role="alert"
            >
              ${this.saveFailure ? [t.flagsSaveFailed, ' ', ...errorText(this.saveFailure.error, t, this.#describe)] : ''}
            </p>`
      }
    `;
  }

  #renderLoadError(t: Messages, error: unknown) {
    return html`
      <div class="load-error">
        <p
          class="error"
          part="error"
          role="alert"
        >
          ${t.flagsLoadFailed} ${errorText(error, t, this.#describe)}
        </p>
        ${
          mayLoadAgain(error)
            ? html`<button
                type="button"
                part="retry"
                @click=${this.#retry}
              >
                ${t.tryAgain}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  readonly #describe = (error: unknown, t: Messages) => this.describeError(error, t);

  /** Confirmed flags with the values of pending writes laid over them. */
  #shown(confirmed: CustomerFlags): CustomerFlags {
    const flags = { ...confirmed };
    for (const [name, value] of this.pending) flags[name] = value;
    return flags;
  }

  /** Cancelling the click keeps a read-only or saving box as it was, and no `change` fires. */
  #guard = (event: MouseEvent) => {
    const name = (event.currentTarget as HTMLInputElement).name as CustomerFlagName;
    if (this.readonly || this.pending.has(name)) event.preventDefault();
  };

  #onChange = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    this.#toggle(input.name as CustomerFlagName, input.checked);
  };

  #retry = () => {
    this.#focusAfterLoad = true;
    void this.load.run();
  };

  #toggle(name: CustomerFlagName, value: boolean): void {
    const callId = this.callId;
    if (!callId || !this.confirmed || this.readonly || this.pending.has(name)) return;
    this.saveFailure = undefined;
    this.pending = new Map(this.pending).set(name, value);
    // Loaded: the flags to change were read through it.
    const api = this.api!;
    const generation = this.#generation;
    this.#writes = this.#writes.then(() => this.#write(api, callId, generation, name, value));
  }

  /** Never rejects, so that one failed write does not hold up the ones queued behind it. */
  async #write(
    api: CallsClient,
    callId: number,
    generation: number,
    name: CustomerFlagName,
    value: boolean,
  ): Promise<void> {
    let outcome: { flags: CustomerFlags } | { error: unknown };
    try {
      outcome = { flags: await api.updateCustomerFlags(callId, { [name]: value }) };
    } catch (error) {
      this.reportError(error);
      outcome = { error };
    }
    // An answer about a call no longer shown must not touch the display of the current one.
    if (generation !== this.#generation) return;
    const pending = new Map(this.pending);
    pending.delete(name);
    this.pending = pending;
    if ('error' in outcome) {
      this.saveFailure = outcome;
      return;
    }
    this.confirmed = outcome.flags;
    this.dispatchEvent(new CcaiFlagsChangeEvent({ flags: { ...outcome.flags } }));
  }
}
