/**
 * `<ccai-schedule-call>`'s day and time pickers: radio groups a visitor finds by their legends, on
 * a phone-sized column, with the keyboard, with hundreds of times in a day, and what the page can
 * style (`::part`). Booking through them is in the other suites (they all pick through these).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import { textOf } from '../../helpers/dom.js';
import {
  FIRST_SLOT,
  choiceText,
  choices,
  chosen,
  focusOn,
  offered,
  phoneOf,
  pick,
  root,
  scheduleCall,
  submit,
  tabStop,
  typeInto,
  until,
  useMockApi,
} from './helpers.js';

/** The element in a column `width` px wide, as on a small phone. */
async function inColumn(width: number, attributes?: string, lang?: string): Promise<CcaiScheduleCall> {
  const el = await scheduleCall(attributes, lang);
  el.parentElement!.style.inlineSize = `${width}px`;
  await el.updateComplete;
  return el;
}

const box = (radio: HTMLInputElement) => radio.nextElementSibling as HTMLElement;
/**
 * The focus ring of a choice (its box's outline), in px beyond each side of the box, is not cut off
 * by the choice around it: `content-visibility: auto` implies paint containment, which clips all
 * painted outside the choice's padding box (WCAG 2.4.7: the ring must be seen).
 */
function expectRingShown(radio: HTMLInputElement): void {
  const style = getComputedStyle(box(radio));
  expect(style.outlineStyle, 'focus is visible on the box').to.equal('solid');
  expect(parseFloat(style.outlineWidth), 'a ring, not a hairline').to.be.at.least(2);
  const reach = Math.max(0, parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth));
  const ring = box(radio).getBoundingClientRect();
  const choice = radio.closest('label')!;
  const clips = getComputedStyle(choice);
  expect(clips.contentVisibility === 'auto' || /paint|strict|content/.test(clips.contain), 'the choice clips').to.equal(
    true,
  );
  const clip = choice.getBoundingClientRect();
  const [top, right, bottom, left] = ['Top', 'Right', 'Bottom', 'Left'].map((side) =>
    parseFloat(clips.getPropertyValue(`border-${side.toLowerCase()}-width`)),
  ) as [number, number, number, number];
  const slack = 0.5;
  expect(ring.left - reach, 'ring cut on the left').to.be.at.least(clip.left + left - slack);
  expect(ring.top - reach, 'ring cut at the top').to.be.at.least(clip.top + top - slack);
  expect(ring.right + reach, 'ring cut on the right').to.be.at.most(clip.right - right + slack);
  expect(ring.bottom + reach, 'ring cut at the bottom').to.be.at.most(clip.bottom - bottom + slack);
}

const scroller = (el: CcaiScheduleCall, legend = 'Time') => choices(el, legend)[0]!.closest<HTMLElement>('.choices')!;

describe('<ccai-schedule-call> day and time pickers', () => {
  useMockApi();

  it('are radio groups named by their legends, each choice named by what it shows', async () => {
    const el = await scheduleCall();
    const groups = [...root(el).querySelectorAll('fieldset fieldset')];
    expect(groups.map((group) => textOf(group.querySelector('legend')))).to.deep.equal([en.dateLabel, en.timeLabel]);
    for (const [legend, name] of [
      [en.dateLabel, 'date'],
      [en.timeLabel, 'time'],
    ] as const) {
      const radios = choices(el, legend);
      expect(radios.length).to.be.above(1);
      for (const radio of radios) {
        expect(radio.type).to.equal('radio');
        expect(radio.name, 'one group per picker, so the arrows move within it').to.equal(name);
        expect(choiceText(radio), 'a visible label').not.to.equal('');
      }
    }
    // One Tab stop each, carrying the group's id: the chosen day, and the first time until one is chosen.
    expect(tabStop(el, en.dateLabel)!.checked).to.equal(true);
    expect(tabStop(el)!.value).to.equal(FIRST_SLOT);
    pick(el, offered(el)[2]!);
    await el.updateComplete;
    expect(tabStop(el)!.value).to.equal(offered(el)[2]);
    expect(root(el).querySelectorAll('#date, #time')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('fit a 320 px column with no horizontal scroll, in English and in Japanese', async () => {
    for (const [lang, t] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      const el = await inColumn(320, 'menu-id="9" languages="en,ja" recording-consent', lang);
      const column = el.parentElement!;
      expect(column.scrollWidth, `${lang}: the column`).to.be.at.most(320);
      expect(el.scrollWidth, `${lang}: the element`).to.be.at.most(320);
      const right = column.getBoundingClientRect().right;
      for (const legend of [t.dateLabel, t.timeLabel]) {
        const list = scroller(el, legend);
        expect(list.scrollWidth, `${lang}: ${legend} scrolls sideways`).to.be.at.most(list.clientWidth);
        for (const radio of choices(el, legend)) {
          const shown = box(radio).getBoundingClientRect();
          expect(shown.right, `${lang}: ${choiceText(radio)} inside the column`).to.be.at.most(right + 0.5);
          expect(shown.height, `${lang}: ${choiceText(radio)} a comfortable target`).to.be.at.least(44);
          // The whole label is dressed as the choice: its text is not cut off.
          expect(box(radio).scrollWidth, `${lang}: ${choiceText(radio)} not clipped`).to.be.at.most(
            box(radio).clientWidth,
          );
        }
      }
      await expect(el).to.be.accessible();
    }
  });

  it('move and choose with the arrow keys, one Tab stop per group, the focus ring on the box', async () => {
    const el = await scheduleCall();
    const days = offered(el, en.dateLabel);
    focusOn(phoneOf(el));
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(tabStop(el, en.dateLabel));
    await sendKeys({ press: 'ArrowRight' });
    await until(() => chosen(el, en.dateLabel) === days[1], 'ArrowRight did not choose the next day');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => chosen(el, en.dateLabel) === days[2], 'ArrowDown did not choose the next day');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => chosen(el, en.dateLabel) === days[1], 'ArrowLeft did not go back');
    const active = root(el).activeElement as HTMLInputElement;
    expect(active.value).to.equal(days[1]);
    expectRingShown(active);

    await sendKeys({ press: 'Tab' });
    const times = offered(el);
    expect((root(el).activeElement as HTMLInputElement).value, 'the first time of that day').to.equal(times[0]);
    expect(chosen(el), 'focus alone chooses nothing').to.equal('');
    expectRingShown(root(el).activeElement as HTMLInputElement);
    await sendKeys({ press: ' ' });
    await until(() => chosen(el) === times[0], 'Space did not choose the time');
    await sendKeys({ press: 'ArrowRight' });
    await until(() => chosen(el) === times[1], 'ArrowRight did not choose the next time');
    await sendKeys({ press: 'Tab' });
    expect(textOf(root(el).activeElement), 'Tab leaves the times').to.equal(en.submit);
  });

  it('mark the chosen day and time for the page to style (part "chosen")', async () => {
    const el = await scheduleCall();
    const parts = () =>
      [...root(el).querySelectorAll('[part~=chosen]')].map((node) => [node.getAttribute('part'), textOf(node)]);
    const day = choices(el, en.dateLabel)[0]!;
    expect(parts()).to.deep.equal([['day chosen', choiceText(day)]]);
    pick(el, FIRST_SLOT);
    await el.updateComplete;
    expect(parts()).to.deep.equal([
      ['day chosen', choiceText(day)],
      ['slot chosen', choiceText(choices(el, en.timeLabel)[0]!)],
    ]);
    expect(root(el).querySelectorAll('[part=day]').length).to.equal(offered(el, en.dateLabel).length - 1);
    expect(root(el).querySelectorAll('[part=slot]').length).to.equal(offered(el).length - 1);
    expect(root(el).querySelectorAll('[part~=days], [part~=times]')).to.have.length(2);
  });

  it('group a day of 5-minute times under their hours, in a box that scrolls, and book one of the last', async () => {
    const el = await inColumn(320, 'menu-id="9" hours="00:00-24:00" slot-minutes="5"');
    const times = offered(el);
    const hour = new Intl.DateTimeFormat('en', { hour: 'numeric' });
    const hours = [...new Set(times.map((instant) => hour.format(Date.parse(instant))))];
    expect(times.length, 'hundreds of times on the first day').to.be.above(100);
    const headings = [...root(el).querySelectorAll('[part=hour]')];
    expect(headings.map((heading) => textOf(heading))).to.deep.equal(hours);
    for (const heading of headings)
      expect(heading.getAttribute('aria-hidden'), 'each time says its hour').to.equal('true');
    const list = scroller(el);
    expect(list.clientHeight, 'a box of bounded height').to.be.below(400);
    expect(list.scrollHeight).to.be.above(list.clientHeight * 3);
    expect(el.parentElement!.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
    // A box that scrolls is no Tab stop of its own (Firefox makes one focusable): Tab goes from the
    // chosen day straight to a time.
    tabStop(el, en.dateLabel)!.focus();
    await sendKeys({ press: 'Tab' });
    expect((root(el).activeElement as HTMLInputElement | null)?.name, 'Tab from the day lands on a time').to.equal(
      'time',
    );

    const last = times.at(-1)!;
    typeInto(phoneOf(el), '(201) 555-0123');
    pick(el, last);
    await el.updateComplete;
    await submit(el);
    await until(() => root(el).querySelector('[part=confirmation]'), 'not booked');
  });

  it('list 15-minute times without headings', async () => {
    const el = await scheduleCall();
    expect(root(el).querySelectorAll('[part=hour]')).to.have.length(0);
    expect(offered(el)[0]).to.equal(FIRST_SLOT);
    expect(Date.parse(offered(el)[1]!) - Date.parse(offered(el)[0]!)).to.equal(15 * 60_000);
  });

  it('are left alone while the phone number is typed', async () => {
    const el = await scheduleCall('menu-id="9" hours="00:00-24:00" slot-minutes="5"');
    pick(el, offered(el)[3]!);
    await el.updateComplete;
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    for (const legend of [en.dateLabel, en.timeLabel])
      observer.observe(scroller(el, legend), { subtree: true, childList: true, attributes: true, characterData: true });
    for (const text of ['2', '20', '201', '201555', '2015550123']) {
      typeInto(phoneOf(el), text);
      await el.updateComplete;
    }
    observer.disconnect();
    expect(changes, 'the pickers were not touched').to.have.length(0);
    expect(chosen(el)).to.equal(offered(el)[3]);
  });
});
