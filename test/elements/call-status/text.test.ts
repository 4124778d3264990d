/**
 * `<ccai-call-status>` and the text it is given: a read of another call is refused, long unbroken
 * server text wraps inside a narrow page, and inserted values are bidi-isolated on a
 * right-to-left page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import { en } from '../../../src/i18n/en.js';
import {
  CALL_URL,
  SECOND,
  T0,
  callOf,
  collect,
  handled,
  mock,
  mount,
  notice,
  part,
  pollAfter,
  useMockApi,
  statusName,
  worldCall,
} from './helpers.js';

const fresh = { reads: 0, call: undefined, errors: 0 };
const agent = (name: string) => ({ id: 1, name, first_name: '', last_name: '', agent_number: null, avatar_url: null });

/** Elements showing `calls`, pushed in, inside `attrs` (e.g. a 320 px wide or right-to-left box). */
async function showing(calls: ReturnType<typeof callOf>[], style: string, dir = 'ltr') {
  const box = document.createElement('div');
  Object.assign(box, { lang: 'en', dir });
  box.setAttribute('style', style);
  const elements = calls.map((call) => {
    const el = document.createElement('ccai-call-status');
    el.call = call;
    return el;
  });
  // The elements are the fixture, so that it awaits their update, not an animation frame (none comes in a background tab).
  await fixture(html`${elements}`, { parentNode: box });
  await Promise.all(elements.map((el) => el.updateComplete));
  return { box, elements };
}

/** The shadow text nodes of `el` that contain `value`. */
function textNodesWith(el: CcaiCallStatus, value: string): Text[] {
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  const found: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (node.textContent!.includes(value)) found.push(node as Text);
  return found;
}

const isolated = (node: Text) => node.parentElement?.closest('bdi, [dir=auto]') != null;

describe('<ccai-call-status> and the text it is given', () => {
  const { worker } = useMockApi();

  describe('a read of another call', () => {
    it('is refused: not shown as this call, reported as an unreadable answer', async () => {
      worker.use(
        http.get(CALL_URL, () => HttpResponse.json({ ...mock.world.calls[514], id: 601, status: 'connected' })),
      );
      const errors = collect('ccai-error');
      const { el } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      expect(statusName(el), 'no status shown').to.equal('');
      expect(el.call).to.equal(undefined);
      expect(notice(el)).to.equal(`${en.statusUnavailable} ${en.statusRetrying}`);
      expect(errors.map((event) => [event.detail.kind, event.detail.status])).to.deep.equal([['parse', 200]]);
      await expect(el).to.be.accessible();
    });

    it('keeps the last status of the right call when a later read is of another', async () => {
      worldCall(600, { status: 'queued' });
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      worker.use(
        http.get(CALL_URL, () => HttpResponse.json({ ...mock.world.calls[600], id: 601, status: 'finished' }), {
          once: true,
        }),
      );
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(statusName(el)).to.equal(en.statusNames.queued);
      expect(el.call?.id).to.equal(600);
      expect(errors).to.have.length(1);
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(notice(el)).to.equal('');
    });
  });

  describe('long unbroken server text', () => {
    it('wraps and never widens a 320 px page', async () => {
      const { box, elements } = await showing(
        [
          callOf({ status: 'x'.repeat(38), agent_info: agent('A'.repeat(5000)) }),
          callOf({ status: 'failed', fail_reason: 'r'.repeat(400) }),
          callOf({ status: 'assigned', agent_info: agent('N'.repeat(200)) }),
        ],
        'width: 320px',
      );
      expect(statusName(elements[0]!)).to.equal('x'.repeat(38));
      expect(box.scrollWidth, 'the box').to.be.at.most(box.clientWidth);
      for (const el of elements) {
        const base = part(el, 'base') as HTMLElement;
        expect(base.scrollWidth, el.call!.status).to.be.at.most(base.clientWidth);
        expect(el.getBoundingClientRect().width).to.be.at.most(320);
      }
      expect(document.documentElement.scrollWidth, 'the page').to.be.at.most(document.documentElement.clientWidth);
      await expect(elements[0]).to.be.accessible();
    });
  });

  describe('a right-to-left page', () => {
    it('isolates the inserted date, name, reason and unknown status', async () => {
      const scheduledAt = new Date(T0 + 60 * 60 * SECOND).toISOString();
      const hebrew = 'דנה כהן';
      const { elements } = await showing(
        [
          callOf({ status: 'scheduled', scheduled_at: scheduledAt }),
          callOf({ status: 'assigned', agent_info: agent(`${hebrew} 2`) }),
          callOf({ status: 'failed', fail_reason: 'carrier_gone' }),
          callOf({ status: 'on_hold_42' }),
        ],
        '',
        'rtl',
      );
      const [scheduled, assigned, failed, unknown] = elements as [
        CcaiCallStatus,
        CcaiCallStatus,
        CcaiCallStatus,
        CcaiCallStatus,
      ];
      const when = new Intl.DateTimeFormat('en', {
        weekday: 'short',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      }).format(new Date(scheduledAt));
      const values: [CcaiCallStatus, string][] = [
        [scheduled, when],
        [assigned, `${hebrew} 2`],
        [failed, 'carrier_gone'],
        [unknown, 'on_hold_42'],
      ];
      for (const [el, value] of values) {
        const nodes = textNodesWith(el, value);
        expect(nodes, value).not.to.deep.equal([]);
        expect(nodes.every(isolated), `${value} is isolated`).to.equal(true);
      }
      expect(statusName(assigned)).to.equal(en.statusNames.assigned);
      for (const el of elements) await expect(el).to.be.accessible();
    });
  });
});
