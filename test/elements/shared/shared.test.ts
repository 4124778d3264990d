/**
 * What all three elements share, run against each: `base-url` on another origin, an injected
 * `client`, `ccai-error` on a failed request, the UI language from the nearest `lang`, string
 * overrides, theming from an ancestor, safe double registration, and server text kept inert.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createCallsClient } from '../../../src/core/client.js';
import type { CcaiElement } from '../../../src/internal/ccai-element.js';
import { defineElement } from '../../../src/internal/define.js';
import type { CcaiErrorEvent } from '../../../src/internal/events.js';
import '../../../src/index.js';
import { control, root, until } from '../../helpers/dom.js';
import { useMockApi } from '../../helpers/mock-api.js';
import { offered, pick } from '../schedule-call/picker.helpers.js';

/** The API requests sent during the current test (reset after each test). */
const requests: URL[] = [];

/** Test pages may run in background tabs, where `<ccai-call-status>` rightly does not poll. */
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

type Widget = CcaiElement & { updateComplete: Promise<boolean> };

interface Case {
  tag: string;
  /** Attributes that make it talk to the API. */
  attributes: string;
  /** Makes it send its first request (for two of them, connecting is enough). */
  trigger(el: Widget): Promise<void>;
  /** The path its first request goes to. */
  path: string;
  /** A visible string in English and Japanese, and the catalogue key it comes from. */
  copy: { en: string; ja: string; key: 'scheduleLegend' | 'flagsLegend' | 'statusHeading' };
  /** A public theme property, and a part whose computed style shows it. */
  theme: { property: `--ccai-${string}`; part: string; style: 'backgroundColor' | 'accentColor' };
}

const text = (el: Element) => root(el).textContent!.replace(/\s+/g, ' ');

async function fillAndSubmit(el: Widget): Promise<void> {
  // A fixed "now" for the slots (a Monday morning in New York, years ahead of the mock's real clock).
  (el as Widget & { clock: { now(): number } }).clock = { now: () => Date.parse('2031-03-03T14:00:00Z') };
  await el.updateComplete;
  const phone = control(el, 'Phone number');
  phone.focus();
  phone.value = '(201) 555-0123';
  phone.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  await until(() => control(el, 'Country').options.length > 100, 'phone metadata loaded');
  pick(el, offered(el)[0]!);
  await el.updateComplete;
  [...root(el).querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Schedule call')!.click();
}

const cases: Case[] = [
  {
    tag: 'ccai-schedule-call',
    attributes: 'menu-id="9" timezone="America/New_York" days="mon-sun" default-country="US"',
    trigger: fillAndSubmit,
    path: '/apps/api/v1/calls',
    copy: { en: 'Schedule a callback', ja: 'コールバックを予約', key: 'scheduleLegend' },
    theme: { property: '--ccai-accent', part: 'button', style: 'backgroundColor' },
  },
  {
    tag: 'ccai-call-status',
    attributes: 'call-id="514"',
    trigger: async () => {},
    path: '/apps/api/v1/calls/514',
    copy: { en: 'Call status', ja: '通話の状況', key: 'statusHeading' },
    theme: { property: '--ccai-surface', part: 'base', style: 'backgroundColor' },
  },
  {
    tag: 'ccai-customer-flags',
    attributes: 'call-id="514"',
    trigger: async () => {},
    path: '/apps/api/v1/calls/514/customer_flag',
    copy: { en: 'Customer flags', ja: '顧客フラグ', key: 'flagsLegend' },
    theme: { property: '--ccai-accent', part: 'checkbox', style: 'accentColor' },
  },
];

const mounted: Element[] = [];

/** Mounts markup in `parent` (a fresh container by default); everything is removed after each test. */
async function mount(markup: string, parent?: HTMLElement): Promise<Widget> {
  const container = parent ?? document.createElement('div');
  if (!container.isConnected) document.body.append(container);
  mounted.push(container);
  container.insertAdjacentHTML('beforeend', markup);
  const el = container.lastElementChild as Widget;
  await el.updateComplete;
  return el;
}

describe('shared behaviour of the three elements', () => {
  const { worker } = useMockApi({
    onRequest: (request) => {
      const url = new URL(request.url);
      // Not the form's question for the server's time (HEAD /calls): a test waiting for its booking would take it for that.
      if (url.pathname.includes('/apps/api/v1/') && request.method !== 'HEAD') requests.push(url);
    },
    onReset: () => {
      requests.length = 0;
      for (const node of mounted.splice(0)) node.remove();
    },
  });

  for (const c of cases) {
    describe(`<${c.tag}>`, () => {
      it('sends its requests to base-url, even on another origin', async () => {
        const el = await mount(`<${c.tag} ${c.attributes} base-url="https://backend.example.test/support"></${c.tag}>`);
        await c.trigger(el);
        // Requests of earlier tests (aborted on disconnect) may still be reported late: look for ours.
        await until(() => requests.some((url) => url.pathname.endsWith(c.path)), 'a request was sent');
        const ours = requests.filter((url) => url.pathname.endsWith(c.path));
        expect(ours.map((url) => url.origin)).to.deep.equal(ours.map(() => 'https://backend.example.test'));
        expect(ours[0]!.pathname).to.equal(`/support${c.path}`);
      });

      it('uses an injected client instead of base-url', async () => {
        const seen: string[] = [];
        const el = document.createElement(c.tag) as Widget;
        el.client = createCallsClient({
          baseUrl: location.origin,
          fetch: (input, init) => (seen.push(String(input)), fetch(input, init)),
        });
        el.setAttribute('base-url', 'https://never.example.test');
        for (const [, name, value] of c.attributes.matchAll(/([\w-]+)="([^"]*)"/g)) el.setAttribute(name!, value!);
        const host = document.createElement('div');
        mounted.push(host);
        document.body.append(host);
        host.append(el);
        await el.updateComplete;
        await c.trigger(el);
        await until(() => seen.length > 0, 'the injected fetch was used');
        expect(new URL(seen[0]!).pathname).to.equal(c.path);
        expect(requests.every((url) => url.origin === location.origin)).to.equal(true);
      });

      it('fires ccai-error with status, message and kind when a request fails', async () => {
        worker.use(
          http.all('*/apps/api/v1/*', () => HttpResponse.json({ message: 'Upstream exploded' }, { status: 500 })),
        );
        const errors: CcaiErrorEvent[] = [];
        const listener = (event: CcaiErrorEvent) => errors.push(event);
        document.addEventListener('ccai-error', listener);
        try {
          const el = await mount(`<${c.tag} ${c.attributes}></${c.tag}>`);
          await c.trigger(el);
          await until(() => errors.length > 0, 'ccai-error fired');
          expect(errors[0]!.detail).to.deep.equal({ status: 500, message: 'Upstream exploded', kind: 'http' });
          expect(errors[0]!.bubbles && errors[0]!.composed).to.equal(true);
        } finally {
          document.removeEventListener('ccai-error', listener);
        }
      });

      it('speaks the language of the nearest lang, and follows when it changes', async () => {
        const parent = document.createElement('div');
        parent.lang = 'ja';
        const el = await mount(`<${c.tag} ${c.attributes}></${c.tag}>`, parent);
        await until(() => text(el).includes(c.copy.ja), 'Japanese copy');
        parent.lang = 'fi';
        await until(() => text(el).includes(c.copy.en), 'an unshipped language falls back to English');
        el.lang = 'ja';
        await until(() => text(el).includes(c.copy.ja), "the element's own lang wins");
      });

      it('takes any string from the messages property', async () => {
        const el = await mount(`<${c.tag} ${c.attributes}></${c.tag}>`);
        await until(() => text(el).includes(c.copy.en), 'English copy');
        el.messages = { [c.copy.key]: 'Our own words' };
        await until(() => text(el).includes('Our own words'), 'the override');
        expect(text(el)).not.to.include(c.copy.en);
      });

      it('reads --ccai-* theme properties from any ancestor', async () => {
        const parent = document.createElement('section');
        parent.style.setProperty(c.theme.property, 'rgb(1, 2, 3)');
        const el = await mount(`<${c.tag} ${c.attributes}></${c.tag}>`, parent);
        const part = () => root(el).querySelector(`[part~=${c.theme.part}]`);
        await until(() => part(), `the ${c.theme.part} part`);
        expect(getComputedStyle(part()!)[c.theme.style], `the ${c.theme.part} part`).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(el).getPropertyValue(c.theme.property).trim(), 'not redeclared on :host').to.equal(
          'rgb(1, 2, 3)',
        );
      });

      it('survives being registered a second time', () => {
        const original = customElements.get(c.tag);
        expect(() => defineElement(c.tag, class extends HTMLElement {})).not.to.throw();
        expect(customElements.get(c.tag)).to.equal(original);
      });
    });
  }

  it('renders server text as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned = true">Closed <b>today</b>';
    worker.use(
      http.patch('*/apps/api/v1/calls/:id/customer_flag', () =>
        HttpResponse.json({ message: hostile }, { status: 400 }),
      ),
    );
    const el = await mount('<ccai-customer-flags call-id="514"></ccai-customer-flags>');
    await until(() => root(el).querySelectorAll('input[type=checkbox]:enabled').length === 3, 'flags loaded');
    root(el).querySelectorAll<HTMLInputElement>('input[type=checkbox]')[1]!.click();
    await until(() => text(el).includes('Closed <b>today</b>'), 'the message, verbatim');
    expect(root(el).querySelector('img, b')).to.equal(null);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });
});
