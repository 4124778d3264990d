/**
 * Right-to-left languages. Arabic and Hebrew read right to left even where the page declares no
 * `dir`; the other languages take the page's; a `dir` on the element wins. The layout mirrors, every inserted date,
 * time, name, number or server text is isolated so the sentence reads in order, and the three
 * elements pass axe on an Arabic page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { CcaiCallStatus } from '../../src/elements/call-status/call-status.js';
import type { CcaiCustomerFlags } from '../../src/elements/customer-flags/customer-flags.js';
import '../../src/elements/customer-flags/define.js';
import type { CcaiScheduleCall } from '../../src/elements/schedule-call/schedule-call.js';
import { en, type Messages } from '../../src/i18n/en.js';
import { loadMessages } from '../../src/internal/localize.js';
import { textOf } from '../helpers/dom.js';
import { agent, callOf, callStatus, customerFlags, fillIn, fullForm } from '../elements/shared/a11y.helpers.js';
import { loaded } from '../elements/customer-flags/helpers.js';
import { CALLS, button, root, until, useMockApi } from '../elements/schedule-call/helpers.js';

/** Test pages may run in background tabs, where `<ccai-call-status>` rightly does not read. */
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

const FLAGS = '*/apps/api/v1/calls/:id/customer_flag';
const direction = (el: Element) => getComputedStyle(el).direction;
const rect = (node: Element | Range) => node.getBoundingClientRect();

/** The box of one character of a text node. */
function charBox(text: Text, index: number): DOMRect {
  const range = document.createRange();
  range.setStart(text, index);
  range.setEnd(text, index + 1);
  return range.getBoundingClientRect();
}

/** `markup` inside `<div>` with `attributes` (e.g. `lang="ar"`), mounted; the element is the fixture. */
async function inside<T extends HTMLElement>(attributes: { lang: string; dir?: string }, markup: string): Promise<T> {
  const parentNode = document.createElement('div');
  for (const [name, value] of Object.entries(attributes)) if (value) parentNode.setAttribute(name, value);
  parentNode.style.inlineSize = '480px';
  const el = await fixture<T>(markup, { parentNode });
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

describe('right-to-left languages', () => {
  const { worker } = useMockApi();
  let ar: Messages;
  let he: Messages;
  before(async () => {
    [ar, he] = await Promise.all([loadMessages('ar'), loadMessages('he')]);
  });

  describe('the direction', () => {
    const status = '<ccai-call-status></ccai-call-status>';

    it('is right to left in Arabic and Hebrew, with or without a dir on the page', async () => {
      for (const attributes of [
        { lang: 'ar' },
        { lang: 'ar-EG' },
        { lang: 'he' },
        { lang: 'iw' },
        { lang: 'he', dir: 'rtl' },
      ]) {
        const el = await inside<CcaiCallStatus>(attributes, status);
        expect(direction(el), JSON.stringify(attributes)).to.equal('rtl');
      }
    });

    it("takes the page's direction in the other languages", async () => {
      for (const attributes of [{ lang: 'en' }, { lang: 'ja' }, { lang: 'fi' }])
        expect(direction(await inside<CcaiCallStatus>(attributes, status)), attributes.lang).to.equal('ltr');
      // A right-to-left page showing English in place of an unshipped Persian keeps its mirrored layout.
      for (const attributes of [
        { lang: 'fa', dir: 'rtl' },
        { lang: 'en', dir: 'rtl' },
      ])
        expect(direction(await inside<CcaiCallStatus>(attributes, status)), attributes.lang).to.equal('rtl');
    });

    it('gives way to a dir on the element itself (an English widget on an Arabic page)', async () => {
      const arabic = await inside<CcaiCallStatus>({ lang: 'ar' }, '<ccai-call-status dir="ltr"></ccai-call-status>');
      expect(direction(arabic)).to.equal('ltr');
      const english = await inside<CcaiCallStatus>(
        { lang: 'en', dir: 'rtl' },
        '<ccai-call-status dir="ltr"></ccai-call-status>',
      );
      expect(direction(english)).to.equal('ltr');
      const page = Object.assign(document.createElement('div'), { dir: 'rtl', lang: 'ar' });
      const inPage = await fixture<CcaiCallStatus>(
        html`<ccai-call-status
          lang="en"
          dir="ltr"
        ></ccai-call-status>`,
        {
          parentNode: page,
        },
      );
      expect(direction(inPage)).to.equal('ltr');
      expect(textOf(root(inPage).querySelector('[part=label]'))).to.equal(en.statusHeading);
    });

    it('follows a change of lang', async () => {
      const el = await inside<CcaiCallStatus>({ lang: 'ar' }, status);
      el.parentElement!.lang = 'en';
      await until(() => direction(el) === 'ltr', 'English: left to right');
      el.parentElement!.lang = 'he';
      await until(() => direction(el) === 'rtl', 'Hebrew: right to left');
    });

    it('reaches elements inside another element (the status in a confirmation)', async () => {
      const el = await fullForm('ar');
      expect(direction(el)).to.equal('rtl');
      await fillIn(el, ar);
      button(el, ar.submit).click();
      await until(() => root(el).querySelector('ccai-call-status'), 'not booked');
      const inner = root(el).querySelector<CcaiCallStatus>('ccai-call-status')!;
      await inner.updateComplete;
      expect(direction(inner)).to.equal('rtl');
    });
  });

  describe('the layout mirrors', () => {
    it('<ccai-schedule-call>: labels, legend and button start at the right', async () => {
      for (const [lang, t] of [
        ['ar', ar],
        ['en', en],
      ] as const) {
        const el = await inside<CcaiScheduleCall>(
          { lang },
          '<ccai-schedule-call menu-id="9" timezone="America/New_York" days="mon-sun" default-country="US"></ccai-schedule-call>',
        );
        const host = rect(el);
        const label = root(el).querySelector('label')!;
        const legend = root(el).querySelector('legend')!;
        const submit = button(el, t.submit);
        const country = root(el).querySelector('select')!;
        if (lang === 'ar') {
          for (const node of [label, legend, submit, country])
            expect(host.right - rect(node).right, `${node.localName} at the right`).to.be.below(2);
          expect(rect(label).left - host.left, 'the label is not stretched').to.be.above(100);
        } else {
          for (const node of [label, legend, submit, country])
            expect(rect(node).left - host.left, `${node.localName} at the left`).to.be.below(2);
        }
      }
    });

    it('<ccai-call-status>: the dot before the status, on the right', async () => {
      const el = await callStatus(callOf({ status: 'queued' }), 'ar');
      const dot = root(el).querySelector('.dot')!;
      const name = root(el).querySelector('bdi.text')!;
      expect(rect(dot).left).to.be.at.least(rect(name).right - 1);
      expect(textOf(name)).to.equal(ar.statusNames.queued);
    });

    it('<ccai-customer-flags>: each box before its label, on the right', async () => {
      const el = await loaded(await customerFlags('he'));
      const box = root(el).querySelector('input[type=checkbox]')!;
      const label = box.closest('label')!;
      expect(rect(box).left).to.be.at.least(rect(label).right - rect(box).width - 2);
      expect(textOf(label)).to.equal(he.verifiedCustomer);
    });
  });

  describe('inserted values read in order', () => {
    it('a Latin name after an Arabic label: one isolated run, read left to right, after the label', async () => {
      const name = 'Smith, J.';
      const el = await callStatus(callOf({ status: 'assigned', agent_info: { ...agent, name } }), 'ar');
      const line = [...root(el).querySelectorAll('[part=detail]')].find((li) => textOf(li).includes(name))!;
      expect(textOf(line)).to.equal(textOf(document.createTextNode(ar.agentName(name))));
      const bdi = line.querySelector('bdi')!;
      expect(textOf(bdi)).to.equal(name);
      const text = [...bdi.childNodes].find((node): node is Text => node.nodeType === Node.TEXT_NODE)!;
      const first = charBox(text, 0);
      const last = charBox(text, name.length - 1);
      expect(last.left, 'the name runs left to right, its full stop last').to.be.above(first.left);
      // The sentence runs right to left: the label ("الموظف:") is to the right of the name.
      const label = [...line.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
      const range = document.createRange();
      range.selectNodeContents(label);
      expect(rect(range).left).to.be.at.least(rect(bdi).right - 1);
    });

    it('the date in "scheduled for" and the reason for a failure, each in a <bdi>', async () => {
      const scheduled = await callStatus(
        callOf({ status: 'scheduled', scheduled_at: '2031-03-04T15:00:00.000Z' }),
        'he',
      );
      const when = root(scheduled).querySelector('[part=detail] bdi');
      expect(textOf(when)).to.match(/\d/);
      const failed = await callStatus(callOf({ status: 'failed', fail_reason: 'carrier_xyz' }), 'ar');
      expect(textOf(root(failed).querySelector('[part=detail] bdi'))).to.equal('carrier_xyz');
    });

    it('the zone in the form, and the time in the confirmation', async () => {
      const el = await fullForm('ar');
      const zone = root(el).getElementById('zone')!;
      expect(zone.querySelectorAll('bdi')).to.have.length(1);
      await fillIn(el, ar);
      button(el, ar.submit).click();
      await until(() => root(el).querySelector('.message'), 'not booked');
      const message = root(el).querySelector('.message')!;
      const bdis = message.querySelectorAll('bdi');
      expect(bdis).to.have.length(1);
      expect(textOf(message)).to.equal(textOf(document.createTextNode(ar.confirmation(textOf(bdis[0]!)))));
    });

    it('server text in an error', async () => {
      const refusal = 'Menu 9 is closed (maintenance)';
      worker.use(http.post(CALLS, () => HttpResponse.json({ message: refusal }, { status: 400 })));
      const el = await fullForm('ar');
      await fillIn(el, ar);
      button(el, ar.submit).click();
      await until(() => root(el).querySelector('[role=alert] bdi'), 'no refusal shown');
      expect(textOf(root(el).querySelector('[role=alert] bdi'))).to.equal(refusal);
      expect(textOf(root(el).querySelector('[role=alert] p'))).to.equal(`${ar.errorUnknown} ${refusal}`);
    });

    it('server text refusing a cancel', async () => {
      const refusal = 'Call 12 is locked (agent busy)';
      worker.use(
        http.patch('*/apps/api/v1/calls/scheduled/:id/cancel', () =>
          HttpResponse.json({ message: refusal }, { status: 400 }),
        ),
      );
      const el = await fullForm('he');
      await fillIn(el, he);
      button(el, he.submit).click();
      await until(() => root(el).querySelector('.message'), 'not booked');
      button(el, he.cancelCall).click();
      await until(() => root(el).querySelector('[role=alert] bdi'), 'no refusal shown');
      expect(textOf(root(el).querySelector('[role=alert] bdi'))).to.equal(refusal);
      expect(textOf(root(el).querySelector('[role=alert] p'))).to.equal(`${he.errorUnknown} ${refusal}`);
    });

    it('server text in a flags error', async () => {
      worker.use(http.get(FLAGS, () => HttpResponse.json({ message: 'Flag service (v2) down' }, { status: 400 })));
      const el = await customerFlags('he');
      await until(() => root(el).querySelector('[role=alert] bdi'), 'no error shown');
      expect(textOf(root(el).querySelector('[role=alert] bdi'))).to.equal('Flag service (v2) down');
    });

    it('a count: isolated in the sentence, in each plural form', () => {
      for (const n of [1, 2, 3, 11, 100])
        expect(ar.slotTooSoon(n), String(n)).to.satisfy(
          (text: string) => !/\d/.test(text) || /\u2068\d+\u2069/.test(text),
        );
      expect(he.slotTooSoon(15)).to.include('\u206815\u2069');
    });
  });

  describe('axe on an Arabic page', function () {
    // Two axe runs over a whole form in one test: past the default 10 s on two cores busy with
    // other work (seen once at a load of 21), about 2 s on idle ones.
    this.timeout(30_000);

    it('<ccai-schedule-call>, the form and the confirmation', async () => {
      const el = await fullForm('ar');
      await expect(el).to.be.accessible();
      await fillIn(el, ar);
      button(el, ar.submit).click();
      await until(() => root(el).querySelector('.message'), 'not booked');
      await expect(el).to.be.accessible();
    });

    it('<ccai-call-status>', async () => {
      const el = await callStatus(callOf({ status: 'assigned', agent_info: agent }), 'ar');
      await expect(el).to.be.accessible();
    });

    it('<ccai-customer-flags>', async () => {
      const el: CcaiCustomerFlags = await loaded(await customerFlags('ar'));
      await expect(el).to.be.accessible();
    });
  });
});
