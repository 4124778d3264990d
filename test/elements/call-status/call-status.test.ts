import { expect } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import { http, HttpResponse } from 'msw';
import { CALL_STATUSES } from '../../../src/core/calls.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import { simulateGateway } from '../../helpers/gateway.js';
import {
  CALL_URL,
  MINUTE,
  SECOND,
  T0,
  announced,
  callOf,
  collect,
  details,
  handled,
  mock,
  mount,
  noReadAfter,
  notice,
  part,
  pollAfter,
  reads,
  useMockApi,
  statusName,
  worldCall,
  until,
} from './helpers.js';

const origin = location.origin;
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const agent = {
  id: 1,
  name: 'Admin UJET',
  first_name: 'Admin',
  last_name: 'UJET',
  agent_number: null,
  avatar_url: null,
};
const fresh = { reads: 0, call: undefined, errors: 0 };
/** What the element must show for a time: date, time and zone in the visitor's zone. */
const formatted = (at: string, locale: string) =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(at));

describe('<ccai-call-status>', () => {
  const { worker } = useMockApi();

  describe('rendering', () => {
    it('names every status of the spec in English', async () => {
      const { el } = await mount({ call: callOf({ status: 'queued' }) });
      for (const status of CALL_STATUSES) {
        el.call = callOf({ status });
        await el.updateComplete;
        expect(statusName(el), status).to.equal(en.statusNames[status]);
      }
    });

    it('names every status of the spec in Japanese', async () => {
      const { el } = await mount({ call: callOf({ status: 'queued' }), lang: 'ja' });
      for (const status of CALL_STATUSES) {
        el.call = callOf({ status });
        await el.updateComplete;
        const name = (ja.statusNames as Record<string, string>)[status];
        expect(name, status).to.be.a('string');
        expect(statusName(el), status).to.equal(name);
      }
      expect(announced(el)).to.contain(ja.statusHeading);
    });

    it('shows an unknown status as the API spells it, even a name Object.prototype has', async () => {
      const { el } = await mount({ call: callOf({ status: 'on_hold_new' }) });
      expect(statusName(el)).to.equal('on_hold_new');
      el.call = callOf({ status: 'constructor' });
      await el.updateComplete;
      expect(statusName(el)).to.equal('constructor');
    });

    it('shows the scheduled time in the visitor’s zone, in both languages', async () => {
      const call = callOf({ status: 'scheduled', scheduled_at: '2030-01-15T12:00:00.000Z' });
      const { el } = await mount({ call });
      expect(details(el)).to.deep.equal([en.scheduledFor(formatted('2030-01-15T12:00:00.000Z', 'en'))]);
      expect(details(el)[0]).to.contain('2030');
      const { el: jaEl } = await mount({ call, lang: 'ja' });
      expect(details(jaEl)).to.deep.equal([ja.scheduledFor(formatted('2030-01-15T12:00:00.000Z', 'ja'))]);
      expect(details(jaEl)[0]).to.match(/^予約日時: 2030年1月15日/);
    });

    it('shows the agent once assigned, from the name or from first and last name', async () => {
      const { el } = await mount({ call: callOf({ status: 'queued' }) });
      expect(details(el)).to.deep.equal([]);
      el.call = callOf({ status: 'assigned', agent_info: agent });
      await el.updateComplete;
      expect(details(el)).to.deep.equal(['Agent: Admin UJET']);
      el.call = callOf({
        status: 'connected',
        agent_info: { ...agent, name: '', first_name: 'Ann', last_name: 'Lee' },
      });
      await el.updateComplete;
      expect(details(el)).to.deep.equal(['Agent: Ann Lee']);
    });

    it('shows why a call failed: friendly text for known codes, the code otherwise', async () => {
      const { el } = await mount({ call: callOf({ status: 'failed', fail_reason: 'eu_no_answer' }) });
      expect(details(el)).to.deep.equal(['Reason: there was no answer']);
      el.call = callOf({ status: 'failed', fail_reason: 'voip_conn_timeout' });
      await el.updateComplete;
      expect(details(el)).to.deep.equal(['Reason: voip_conn_timeout']);
      el.call = callOf({ status: 'failed', fail_reason: 'nothing' });
      await el.updateComplete;
      expect(details(el)).to.deep.equal([]);
      const { el: jaEl } = await mount({ call: callOf({ status: 'failed', fail_reason: 'eu_busy' }), lang: 'ja' });
      expect(details(jaEl)).to.deep.equal(['理由: 話し中でした']);
    });

    it('takes string overrides from `messages`', async () => {
      const { el } = await mount({ call: callOf({ status: 'queued' }) });
      el.messages = { statusNames: { queued: 'In the queue' } };
      await el.updateComplete;
      expect(statusName(el)).to.equal('In the queue');
    });
  });

  describe('where the call comes from', () => {
    it('shows a call pushed in without any request, and fires on status changes only', async () => {
      const changes = collect('ccai-status-change');
      const first = callOf({ status: 'queued' });
      const { el, clock } = await mount({ call: first });
      expect(statusName(el)).to.equal(en.statusNames.queued);
      expect(changes.map((event) => event.detail)).to.deep.equal([{ call: first, previousStatus: null }]);
      expect(await noReadAfter(clock, 60 * MINUTE)).to.equal(true);
      expect(clock.pending).to.equal(0);

      el.call = callOf({ status: 'queued', wait_duration: 30 });
      await el.updateComplete;
      expect(changes).to.have.length(1);
      const assigned = callOf({ status: 'assigned', agent_info: agent });
      el.call = assigned;
      await el.updateComplete;
      expect(changes.map((event) => event.detail)[1]).to.deep.equal({ call: assigned, previousStatus: 'queued' });
      expect(statusName(el)).to.equal(en.statusNames.assigned);
      expect(reads).to.deep.equal([]);
    });

    it('reads the call by `call-id` from the API and fires the first status', async () => {
      worldCall(600, { status: 'queued' });
      const changes = collect('ccai-status-change');
      const errors = collect('ccai-error');
      const { el } = await mount({ callId: '600' });
      expect(textOf(part(el, 'loading'))).to.equal(en.loading);
      await handled(el, fresh, errors);
      expect(reads).to.deep.equal([`${origin}/apps/api/v1/calls/600`]);
      expect(statusName(el)).to.equal(en.statusNames.queued);
      expect(part(el, 'loading')).to.equal(null);
      expect(el.call?.id).to.equal(600);
      expect(changes).to.have.length(1);
      expect(changes[0]!.detail.previousStatus).to.equal(null);
      expect(changes[0]!.detail.call.id).to.equal(600);
      expect(changes[0]!.bubbles && changes[0]!.composed).to.equal(true);
    });

    it('reads from a `src` template with `{id}` and `{base-url}`', async () => {
      const errors = collect('ccai-error');
      worker.use(
        http.get('*/proxy/status/calls/:id', ({ params }) =>
          HttpResponse.json({ id: Number(params.id), status: 'connecting' }),
        ),
      );
      const { el } = await mount({ callId: '42', baseUrl: `${origin}/proxy`, src: '{base-url}/status/calls/{id}' });
      await handled(el, fresh, errors);
      expect(reads).to.deep.equal([`${origin}/proxy/status/calls/42`]);
      expect(statusName(el)).to.equal(en.statusNames.connecting);

      worker.use(http.get('*/elsewhere/calls/:id.json', () => HttpResponse.json({ id: 42, status: 'connected' })));
      const before = { reads: reads.length, call: el.call, errors: 0 };
      el.src = '/elsewhere/calls/{id}.json';
      await handled(el, before, errors);
      expect(reads.at(-1)).to.equal(`${origin}/elsewhere/calls/42.json`);
      expect(statusName(el)).to.equal(en.statusNames.connected);
    });

    it('continues from a pushed call without reading at once when `call-id` is set too', async () => {
      worldCall(600, { status: 'assigned', agent_info: agent });
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600', call: callOf({ id: 600, status: 'queued' }) });
      expect(statusName(el)).to.equal(en.statusNames.queued);
      expect(clock.nextIn).to.equal(15 * SECOND);
      expect(await noReadAfter(clock, 14 * SECOND)).to.equal(true);
      await pollAfter(el, clock, 1 * SECOND, errors);
      expect(statusName(el)).to.equal(en.statusNames.assigned);
    });

    it('starts over with the new call when `call-id` changes', async () => {
      worldCall(600, { status: 'connected' });
      worldCall(601, { status: 'scheduled', scheduled_at: iso(60 * MINUTE) });
      const changes = collect('ccai-status-change');
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      el.callId = 601;
      // Not `handled`: forgetting call 600 already changes `call`, before 601 is read.
      await until(() => el.call?.id === 601, 'call 601 was not read');
      await el.updateComplete;
      expect(reads.at(-1)).to.equal(`${origin}/apps/api/v1/calls/601`);
      expect(statusName(el)).to.equal(en.statusNames.scheduled);
      expect(changes.map((event) => [event.detail.call.id, event.detail.previousStatus])).to.deep.equal([
        [600, null],
        [601, null],
      ]);
      expect(clock.pending, 'the old schedule is gone').to.equal(1);
      expect(clock.nextIn).to.equal(15 * MINUTE);
    });
  });

  describe('behind a gateway (simulated over the mock)', () => {
    it('sends its `capability` with every read, and never shows it in the DOM', async () => {
      worldCall(610, { status: 'queued' });
      const gateway = simulateGateway(mock.handlers);
      worker.use(...gateway.handlers);
      const capability = gateway.issue(610);
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '610', capability });
      await handled(el, fresh, errors);
      expect(statusName(el)).to.equal(en.statusNames.queued);
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(gateway.received).to.deep.equal([
        { method: 'GET', path: '/apps/api/v1/calls/610', capability },
        { method: 'GET', path: '/apps/api/v1/calls/610', capability },
      ]);
      expect(errors).to.have.length(0);
      expect(el.hasAttribute('capability')).to.equal(false);
      expect(el.outerHTML + el.shadowRoot!.innerHTML).not.to.contain(capability);
    });

    it('reads again at once when `capability` changes, and sends no header without one', async () => {
      worldCall(611, { status: 'scheduled', scheduled_at: iso(60 * MINUTE) });
      const gateway = simulateGateway(mock.handlers);
      worker.use(...gateway.handlers);
      const errors = collect('ccai-error');
      const { el } = await mount({ callId: '611' });
      await until(() => errors.length === 1, 'no 404 without a capability');
      await el.updateComplete;
      expect(notice(el)).to.equal(en.errorNotFound);
      el.capability = gateway.issue(611);
      await handled(el, { reads: 1, call: undefined, errors: 1 }, errors);
      expect(statusName(el)).to.equal(en.statusNames.scheduled);
      expect(notice(el)).to.equal('');
      expect(gateway.received.map((request) => request.capability)).to.deep.equal([null, el.capability]);
    });
  });

  describe('announcements', () => {
    it('announces a status change once, and leaves the live region alone on polls without change', async () => {
      const call = worldCall(600, { status: 'queued' });
      const changes = collect('ccai-status-change');
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      const region = el.shadowRoot!.querySelector('[role=status][part=status]')!;
      expect(region.getAttribute('aria-atomic')).to.equal('true');
      expect(announced(el)).to.equal(`${en.statusHeading} ${en.statusNames.queued}`);

      const mutations: MutationRecord[] = [];
      const observer = new MutationObserver((records) => mutations.push(...records));
      observer.observe(region, { subtree: true, childList: true, characterData: true, attributes: true });
      await pollAfter(el, clock, 15 * SECOND, errors);
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(reads).to.have.length(3);
      expect(mutations, 'polls without change touch nothing').to.have.length(0);
      expect(changes).to.have.length(1);

      call.status = 'assigned';
      call.agent_info = agent;
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(announced(el)).to.equal(`${en.statusHeading} ${en.statusNames.assigned}`);
      expect(mutations.length).to.be.greaterThan(0);
      expect(changes.map((event) => event.detail.previousStatus)).to.deep.equal([null, 'queued']);
      expect(details(el)).to.deep.equal(['Agent: Admin UJET']);
      observer.disconnect();
    });
  });

  describe('accessibility', () => {
    it('is accessible while loading', async () => {
      worldCall(600, { status: 'queued' });
      worker.use(http.get(CALL_URL, () => new Promise<Response>(() => {})));
      const { el } = await mount({ callId: '600' });
      await until(() => reads.length === 1);
      expect(part(el, 'loading')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('is accessible when scheduled, live and failed, in English and Japanese', async () => {
      for (const lang of ['en', 'ja']) {
        for (const call of [
          callOf({ status: 'scheduled', scheduled_at: iso(60 * MINUTE) }),
          callOf({ status: 'connected', agent_info: agent }),
          callOf({ status: 'failed', fail_reason: 'eu_no_answer' }),
        ]) {
          const { el } = await mount({ call, lang });
          expect(details(el)).to.have.length(1);
          await expect(el).to.be.accessible();
        }
      }
    });

    it('is accessible with an error note beside the last known status', async () => {
      const errors = collect('ccai-error');
      worker.use(http.get(CALL_URL, () => HttpResponse.json({ message: 'Down' }, { status: 503 })));
      const { el, clock } = await mount({ callId: '600', call: callOf({ id: 600, status: 'queued' }), lang: 'ja' });
      clock.tick(15 * SECOND);
      await until(() => errors.length === 1);
      await el.updateComplete;
      expect(notice(el)).to.equal(`${ja.statusUnavailable} ${ja.statusRetrying}`);
      expect(statusName(el)).to.equal(ja.statusNames.queued);
      await expect(el).to.be.accessible();
    });
  });
});
