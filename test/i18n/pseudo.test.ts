/**
 * The three elements in a pseudo-locale (every catalogue string accented and ~40 % longer, given
 * through `messages`), in their main states, in a 320 px column (a small phone) and a 480 px one:
 * - no hard-coded text: every letter on screen, and in labelling attributes, is the catalogue's or
 *   data's (dates, times, zone, countries, languages, names, server text: the choices of the
 *   pickers and what sits in a `<bdi>`), so an unaccented Latin letter anywhere else is a string
 *   that no catalogue can translate;
 * - nothing clipped: no label, legend, button or sentence wider than its box or than the element,
 *   no select too narrow for its chosen text, and no horizontal scroll.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { http, HttpResponse } from 'msw';
import type { Call } from '../../src/core/schemas.js';
import type { CcaiCallStatus } from '../../src/elements/call-status/call-status.js';
import '../../src/elements/call-status/define.js';
import type { CcaiCustomerFlags } from '../../src/elements/customer-flags/customer-flags.js';
import '../../src/elements/customer-flags/define.js';
import type { CcaiScheduleCall } from '../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../src/i18n/en.js';
import { agent, callOf } from '../elements/shared/a11y.helpers.js';
import { loaded, noRetry } from '../elements/customer-flags/helpers.js';
import {
  CALLS,
  FIRST_SLOT,
  button,
  clock,
  control,
  pick,
  root,
  until,
  useMockApi,
} from '../elements/schedule-call/helpers.js';
import { pseudo, pseudoCatalogue } from './pseudo.js';

/** Test pages may run in background tabs, where `<ccai-call-status>` rightly does not read. */
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

const t = pseudoCatalogue();
const WIDTHS = [320, 480];
const LATIN = /[A-Za-z]/;
const LABELLING = ['aria-label', 'aria-description', 'aria-valuetext', 'title', 'placeholder', 'alt'];
/** Every English string of the catalogue: none may appear as data either. */
const ENGLISH = Object.values(en).flatMap((value) =>
  typeof value === 'string' ? [value] : typeof value === 'object' ? Object.values(value as object) : [],
) as string[];

/** The shadow roots of `el` and of the elements inside it (the status in a confirmation). */
function shadowRoots(el: Element): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (shadow: ShadowRoot) => {
    found.push(shadow);
    for (const node of shadow.querySelectorAll('*')) if (node.shadowRoot) visit(node.shadowRoot);
  };
  visit(el.shadowRoot!);
  return found;
}

/**
 * Data, not copy: the choices of the selects (countries, languages) and of the day and time pickers
 * (their dates, times and hour headings), and inserted values (`<bdi>`).
 */
const isData = (node: Node) =>
  !!node.parentElement?.closest('bdi, option:not([value=""]), [part~=day], [part~=slot], [part~=hour]');

/** Text and labelling attributes with Latin letters that are not data: strings the catalogue does not hold. */
function hardCoded(el: Element): string[] {
  const found: string[] = [];
  for (const shadow of shadowRoots(el)) {
    const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      if (!text || node.parentElement?.closest('style')) continue;
      if (isData(node)) {
        if (ENGLISH.includes(text)) found.push(`catalogue text shown as data: "${text}"`);
      } else if (LATIN.test(text)) found.push(`"${text}" in <${node.parentElement?.localName}>`);
    }
    for (const node of shadow.querySelectorAll('*'))
      for (const name of LABELLING) {
        const value = node.getAttribute(name);
        if (value && LATIN.test(value)) found.push(`${name}="${value}" on <${node.localName}>`);
      }
  }
  return found;
}

const hidden = (node: Element) => !!node.closest('.visually-hidden') || node.getClientRects().length === 0;

/** Everything cut or spilling: boxes narrower than their text, text outside the element, selects too narrow. */
function clipped(el: HTMLElement): string[] {
  const found: string[] = [];
  const host = el.getBoundingClientRect();
  if (el.scrollWidth > el.clientWidth + 1)
    found.push(`the element scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
  if (document.documentElement.scrollWidth > window.innerWidth) found.push('the page scrolls sideways');
  const canvas = document.createElement('canvas').getContext('2d')!;
  for (const shadow of shadowRoots(el)) {
    for (const node of shadow.querySelectorAll<HTMLElement>('label, legend, button, p, li, span, bdi, div')) {
      if (hidden(node)) continue;
      if (node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1)
        found.push(`<${node.localName}> "${node.textContent!.trim().slice(0, 40)}" is wider than its box`);
    }
    const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      if (!node.textContent!.trim() || parent.closest('style, option') || hidden(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of range.getClientRects())
        if (box.left < host.left - 1 || box.right > host.right + 1)
          found.push(`"${node.textContent!.trim().slice(0, 40)}" runs outside the element`);
    }
    for (const select of shadow.querySelectorAll('select')) {
      const style = getComputedStyle(select);
      // Firefox gives no computed `font` shorthand: built from its parts.
      canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.text.trim() ?? '';
      // Room for the text: the select's inner width less its padding and the arrow (about 24 px).
      const room = select.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd) - 24;
      if (canvas.measureText(text).width > room) found.push(`<select id=${select.id}> cuts "${text}"`);
    }
  }
  return found;
}

async function check(el: HTMLElement, state: string): Promise<void> {
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  expect(hardCoded(el), `${state}: hard-coded text`).to.deep.equal([]);
  expect(clipped(el), `${state}: clipped`).to.deep.equal([]);
}

/** `template` in a column `width` px wide, in the pseudo-locale's page (`lang="en-XA"`, its data in English). */
async function mount<T extends HTMLElement>(template: TemplateResult, width: number): Promise<T> {
  const parentNode = document.createElement('div');
  parentNode.lang = 'en-XA';
  parentNode.style.inlineSize = `${width}px`;
  return fixture<T>(template, { parentNode });
}

const form = (width: number) =>
  mount<CcaiScheduleCall>(
    html`<ccai-schedule-call
      menu-id="9"
      languages="en,ja"
      recording-consent
      timezone="America/New_York"
      days="mon-sun"
      default-country="US"
      .clock=${clock}
      .messages=${t}
    ></ccai-schedule-call>`,
    width,
  );

const status = (call: Call | undefined, width: number, callId = '') =>
  mount<CcaiCallStatus>(
    html`<ccai-call-status
      call-id=${callId}
      .call=${call}
      .messages=${t}
    ></ccai-call-status>`,
    width,
  );

const flags = (width: number) =>
  mount<CcaiCustomerFlags>(
    html`<ccai-customer-flags
      call-id="514"
      .client=${noRetry()}
      .messages=${t}
    ></ccai-customer-flags>`,
    width,
  );

async function fill(el: CcaiScheduleCall): Promise<void> {
  const phone = control<HTMLInputElement>(el, t.phoneLabel);
  phone.focus();
  phone.value = '(201) 555-0123';
  phone.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  await until(() => control(el, t.countryLabel).options.length > 100, 'the phone metadata did not load');
  pick(el, FIRST_SLOT, t.timeLabel);
  await el.updateComplete;
}

describe('the pseudo-locale: no hard-coded text, nothing clipped', () => {
  const { worker } = useMockApi();

  it('is the catalogue made longer and accented, key by key', () => {
    expect(t.scheduleLegend).to.equal(pseudo(en.scheduleLegend));
    expect(t.scheduleLegend.length).to.be.at.least(en.scheduleLegend.length * 1.4);
    expect(t.agentName('Ada')).to.match(/^⟦[^A-Za-z]*Ada[^A-Za-z]*⟧$/);
    expect(Object.keys(t)).to.deep.equal(Object.keys(en));
  });

  for (const width of WIDTHS) {
    describe(`${width} px wide`, () => {
      it('<ccai-schedule-call>: the form, its errors, and a refusal with Try again', async () => {
        const el = await form(width);
        expect(root(el).querySelector('legend')!.textContent!.trim()).to.equal(t.scheduleLegend);
        await check(el, 'the form');
        button(el, t.submit).click();
        await until(() => root(el).querySelector('.error'), 'no errors shown');
        await check(el, 'the errors');
        worker.use(http.post(CALLS, () => HttpResponse.json({ message: 'Internal' }, { status: 503 })));
        await fill(el);
        button(el, t.submit).click();
        await until(() => root(el).querySelector('[role=alert] button'), 'no Try again');
        await check(el, 'a refusal');
      });

      it('<ccai-schedule-call>: the confirmation with its live status, and the cancellation', async () => {
        const el = await form(width);
        await fill(el);
        button(el, t.submit).click();
        await until(() => root(el).querySelector('.message'), 'not booked');
        const inner = root(el).querySelector<CcaiCallStatus>('ccai-call-status')!;
        await until(() => inner.shadowRoot?.querySelector('bdi.text'), 'no status');
        await check(el, 'the confirmation');
        button(el, t.cancelCall).click();
        await until(() => root(el).querySelector('.message')?.textContent?.includes(t.cancelled), 'not cancelled');
        await check(el, 'cancelled');
      });

      it('<ccai-call-status>: every status, an agent, a failure with its reason, a lost call', async () => {
        for (const name of Object.keys(en.statusNames)) {
          const el = await status(
            callOf({ status: name, scheduled_at: '2031-03-04T15:00:00.000Z', agent_info: agent }),
            width,
          );
          await check(el, name);
        }
        await check(await status(callOf({ status: 'failed', fail_reason: 'eu_abandoned' }), width), 'failed');
        const gone = await status(undefined, width, '404404');
        await until(() => gone.shadowRoot!.querySelector('[part=notice]')?.textContent?.trim(), 'no notice');
        await check(gone, 'not found');
      });

      it('<ccai-customer-flags>: loaded, a failed save, a failed load with Try again', async () => {
        const el = await loaded(await flags(width));
        await check(el, 'loaded');
        worker.use(
          http.patch('*/apps/api/v1/calls/:id/customer_flag', () =>
            HttpResponse.json({ message: 'Nope' }, { status: 500 }),
          ),
        );
        root(el).querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
        await until(() => root(el).querySelector('[role=alert]')?.textContent?.trim(), 'no save error');
        await check(el, 'a failed save');
        worker.use(http.get('*/apps/api/v1/calls/:id/customer_flag', () => HttpResponse.json({}, { status: 503 })));
        const failed = await flags(width);
        await until(() => failed.shadowRoot!.querySelector('button'), 'no Try again');
        await check(failed, 'a failed load');
      });
    });
  }
});
