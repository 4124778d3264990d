/**
 * `<ccai-customer-flags>` and the text it shows an agent: localised copy rather than a developer's
 * message, long server text that wraps inside a narrow page, server text isolated on a
 * right-to-left page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { CcaiCustomerFlags } from '../../../src/elements/customer-flags/customer-flags.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import { alertText, collect, retryButton, root, sent, useMockApi, until } from './helpers.js';

const { worker } = useMockApi();
const FLAGS = '*/apps/api/v1/calls/:id/customer_flag';

/** The element for `callId` inside a box with `style`, `dir` and `lang`, once it shows an error. */
async function failing(callId: string, { style = '', dir = 'ltr', lang = 'en' } = {}) {
  const box = document.createElement('div');
  Object.assign(box, { lang, dir });
  box.setAttribute('style', style);
  // The element is the fixture, so that it awaits its update, not an animation frame (none comes in a background tab).
  const el = await fixture<CcaiCustomerFlags>(html`<ccai-customer-flags call-id=${callId}></ccai-customer-flags>`, {
    parentNode: box,
  });
  await until(() => alertText(el) !== '', 'no error shown');
  return { box, el };
}

describe('<ccai-customer-flags> and the text it shows', () => {
  describe('a call-id that is no call id', () => {
    for (const [lang, t] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      it(`says so in the agent's language (${lang}), and gives the developer's message to ccai-error`, async () => {
        const errors = collect('ccai-error');
        const { el } = await failing('12a', { lang });
        expect(alertText(el)).to.equal(`${t.flagsLoadFailed} ${t.flagsInvalidCallId}`);
        expect(alertText(el)).not.to.contain('Not a call id');
        expect(errors.map((event) => event.detail)).to.deep.equal([
          { status: 0, message: 'Not a call id: 12a', kind: 'validation' },
        ]);
        expect(retryButton(el), 'asking again will not help').to.equal(null);
        // No API request (the page may fetch its catalogue's code on first use: not a request to the API).
        expect(sent.filter((request) => new URL(request.url).pathname.startsWith('/apps/api/'))).to.have.length(0);
        await expect(el).to.be.accessible();
      });
    }
  });

  it('wraps a long unbroken server message and never widens a 320 px page', async () => {
    const message = 'E'.repeat(600);
    worker.use(http.get(FLAGS, () => HttpResponse.json({ message }, { status: 400 })));
    const { box, el } = await failing('514', { style: 'width: 320px' });
    expect(alertText(el)).to.contain(message);
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(document.documentElement.scrollWidth, 'the page').to.be.at.most(document.documentElement.clientWidth);
    await expect(el).to.be.accessible();
  });

  it('isolates server text on a right-to-left page', async () => {
    const message = 'Flag store offline (code 17)';
    worker.use(http.get(FLAGS, () => HttpResponse.json({ message }, { status: 400 })));
    const { el } = await failing('514', { dir: 'rtl' });
    const holder = [...root(el).querySelectorAll('[role=alert] *')].find((node) => node.textContent === message);
    expect(holder, 'the message in an element of its own').to.be.instanceOf(HTMLElement);
    expect(holder!.closest('bdi, [dir=auto]'), 'the message is isolated').to.be.instanceOf(HTMLElement);
    expect(alertText(el)).to.equal(`${en.flagsLoadFailed} ${en.errorUnknown} ${message}`);
    await expect(el).to.be.accessible();
  });
});
