/** Helpers for the `<ccai-customer-flags>` suite: requests seen, events seen, gated answers, DOM queries. */
import { fixture, html } from '@open-wc/testing';
import { sent } from '../../helpers/mock-api.js';
import { createCallsClient } from '../../../src/core/index.js';
import type { CcaiCustomerFlags } from '../../../src/elements/customer-flags/customer-flags.js';
import '../../../src/elements/customer-flags/define.js';
// The element loads its client's module on first use (internal/client-module.ts); loaded with the
// suite, so that `sent` holds what the element asks of the API, not the test server's source files.
import '../../../src/internal/requests.js';
import { root, until, textOf } from '../../helpers/dom.js';

export { sent, useMockApi } from '../../helpers/mock-api.js';
export const patches = () => sent.filter((request) => request.method === 'PATCH');
export const patchBodies = () =>
  Promise.all(patches().map(async (request) => JSON.parse(await request.body) as unknown));

export { collect, gate, stopCollecting } from '../../helpers/events.js';

export { control, root, until } from '../../helpers/dom.js';
export const boxes = (el: CcaiCustomerFlags) => [
  ...root(el).querySelectorAll<HTMLInputElement>('input[type=checkbox]'),
];
export const labelsOf = (el: CcaiCustomerFlags) => boxes(el).map((input) => input.labels?.[0]?.textContent?.trim());
export const checked = (el: CcaiCustomerFlags) => boxes(el).map((input) => input.checked);
export const alertText = (el: CcaiCustomerFlags) => textOf(root(el).querySelector('[role=alert]'))?.trim() ?? '';
export const retryButton = (el: CcaiCustomerFlags) => root(el).querySelector('button');

/** The group waiting for its flags: `aria-busy` on the fieldset (its boxes are there already, not yet known). */
export const busy = (el: CcaiCustomerFlags) => root(el).querySelector('fieldset')?.getAttribute('aria-busy') === 'true';

/** Until the flags have arrived: the three boxes shown and the group no longer busy. */
export async function loaded(el: CcaiCustomerFlags): Promise<CcaiCustomerFlags> {
  await until(() => boxes(el).length === 3 && !busy(el), 'the flags did not load');
  return el;
}

export const flagsOf = (callId = '514', readonly = false) =>
  fixture<CcaiCustomerFlags>(
    html`<ccai-customer-flags
      call-id=${callId}
      ?readonly=${readonly}
    ></ccai-customer-flags>`,
  );

/** A client that does not retry reads, so load failures show at once. */
export const noRetry = () => createCallsClient({ retry: { retries: 0 } });
