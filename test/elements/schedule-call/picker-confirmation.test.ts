/**
 * The time picked, stated once: the confirmation's message names it (and is what is read out), so
 * the call's live status inside the confirmation does not say "Scheduled for …" again while the
 * call waits; once the call moves on, the status shows its details (here, the agent's name).
 * A "reload" is the element removed and a new one made with the same attributes.
 */
import { expect } from '@open-wc/testing';
import type { Call } from '../../../src/core/schemas.js';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import { en } from '../../../src/i18n/en.js';
import { textOf } from '../../helpers/dom.js';
import { FIRST_SLOT, collect, fillValid, root, scheduleCall, submit, until, useMockApi, whenText } from './helpers.js';

// The call status reads only while the page is visible; the runner may open this page in a background tab.
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

const statusOf = (el: Element) => root(el).querySelector<CcaiCallStatus>('ccai-call-status')!;
const statusLabel = (el: Element) =>
  textOf(root(el).querySelector('ccai-call-status')?.shadowRoot?.querySelector('[part~=name]'));
const details = (el: Element) => statusOf(el).shadowRoot?.querySelector<HTMLElement>('[part~=details]') ?? null;
/** The confirmation's text as shown: its message, and what its status element shows (hidden parts left out). */
function shownText(el: Element): string {
  const list = details(el);
  const status = statusOf(el).shadowRoot!;
  const listShown = list && getComputedStyle(list).display !== 'none' ? textOf(list) : '';
  return `${textOf(root(el).querySelector('.message'))} ${textOf(status.querySelector('[part~=status]'))} ${listShown}`;
}

describe('<ccai-schedule-call> confirmation', () => {
  const { mock } = useMockApi();

  it('names the time once while the call is scheduled, and shows the status details once it moves on', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const el = await scheduleCall();
    await fillValid(el);
    await submit(el);
    await until(() => statusLabel(el) === en.statusNames.scheduled, 'no live status');
    const when = whenText(FIRST_SLOT);
    expect(textOf(root(el).querySelector('.message'))).to.equal(en.confirmation(when));
    const minute = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' })
      .format(Date.parse(FIRST_SLOT))
      .replace(/\s/g, ' ');
    const times = shownText(el).replace(/\s/g, ' ').split(minute).length - 1;
    expect(times, `"${minute}" in "${shownText(el)}"`).to.equal(1);
    expect(textOf(details(el)), 'the status element still knows the time').to.contain('Scheduled for');

    // An agent takes the call; the visitor comes back (a reload): the status is read again, with its details.
    const { call } = scheduled[0]!.detail;
    const tenantCall = mock.world.calls[call.id] as unknown as Call & Record<string, unknown>;
    tenantCall.status = 'assigned';
    tenantCall.agent_info = {
      id: 1,
      name: 'Admin UJET',
      first_name: 'Admin',
      last_name: 'UJET',
      agent_number: null,
      avatar_url: null,
    };
    el.remove();
    const back = await scheduleCall();
    await until(() => statusLabel(back) === en.statusNames.assigned, 'the new status was not read');
    await until(() => details(back) !== null, 'no details');
    expect(getComputedStyle(details(back)!).display).not.to.equal('none');
    expect(textOf(details(back))).to.equal(en.agentName('Admin UJET'));
    await expect(back).to.be.accessible();
  });
});
