/**
 * `<ccai-schedule-call>` on a 320 px phone and a right-to-left page with what issue 10 added: the
 * now/later choice and the wait, the confirmation's four actions, and Change time's notice that
 * both calls exist (with its long button). Nothing may be wider than the column.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { textOf } from '../../helpers/dom.js';
import {
  button,
  buttons,
  pick,
  fillValid,
  root,
  scheduleCall,
  submit,
  until,
  useMockApi,
  whenText,
} from './helpers.js';

Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

const SECOND_SLOT = '2031-03-03T14:30:00.000Z';

/** Nothing inside is wider than the 320 px column. */
function fits(el: CcaiScheduleCall): void {
  expect(el.parentElement!.scrollWidth, 'the column').to.be.at.most(320);
  const host = el.getBoundingClientRect();
  // Options are laid out by the select's own popup (Firefox reports them off the box).
  for (const node of root(el).querySelectorAll<HTMLElement>(':not(option)')) {
    expect(node.getBoundingClientRect().left - host.left, node.outerHTML.slice(0, 80)).to.be.at.least(-1);
    expect(
      node.getBoundingClientRect().right - el.getBoundingClientRect().left,
      node.outerHTML.slice(0, 80),
    ).to.be.at.most(321);
  }
}

async function narrow(attributes?: string, dir = 'ltr'): Promise<CcaiScheduleCall> {
  const el = await scheduleCall(attributes);
  el.parentElement!.style.inlineSize = '320px';
  el.parentElement!.dir = dir;
  return el;
}

describe('<ccai-schedule-call> call now, change time and calendar on a phone', () => {
  const { worker } = useMockApi();

  for (const dir of ['ltr', 'rtl']) {
    it(`fits the now/later choice and the wait in 320 px (${dir})`, async () => {
      const el = await narrow('menu-id="9" modes="now,later"', dir);
      await until(() => textOf(root(el).querySelector('#wait')).startsWith('Estimated wait'), 'no wait');
      fits(el);
    });

    it(`fits the confirmation's actions and the both-calls notice in 320 px (${dir})`, async () => {
      const el = await narrow(undefined, dir);
      await fillValid(el);
      await submit(el);
      await until(() => buttons(el).includes(en.changeTime), 'not booked');
      fits(el);
      worker.use(
        http.patch(
          '*/apps/api/v1/calls/scheduled/:id/cancel',
          () => HttpResponse.json({ message: 'x' }, { status: 503 }),
          {
            once: true,
          },
        ),
      );
      button(el, en.changeTime).click();
      await until(() => buttons(el).includes(en.changeSubmit), 'no form');
      pick(el, SECOND_SLOT, en.timeLabel);
      await el.updateComplete;
      await submit(el, en.changeSubmit);
      await until(() => root(el).querySelector('[role=alert]'), 'no notice');
      fits(el);
      if (dir === 'rtl') {
        const bdis = [...root(el).querySelectorAll('[role=alert] bdi, .message bdi')].map((bdi) => textOf(bdi));
        expect(bdis, 'the dates isolated').to.include.members([whenText(SECOND_SLOT)]);
        expect(bdis.length).to.be.at.least(2);
      }
    });
  }
});
