/**
 * A site that sets only `--ccai-accent` (the README's first theming example) keeps text on the
 * accent readable in both schemes: the text follows the accent unless `--ccai-on-accent` is set.
 * Checked with axe's colour contrast and with the colours the browser computes, on the chosen day,
 * the chosen time and the submit button.
 */
import { expect, fixture } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { FIRST_SLOT, button, clock, fillValid, root, useMockApi } from '../schedule-call/helpers.js';

/** The colour as the browser paints it, in sRGB 0–255 (whatever syntax it computes to). */
function painted(color: string): [number, number, number] {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** WCAG 2 contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = painted(color).map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

async function themed(style: string): Promise<CcaiScheduleCall> {
  const parentNode = document.createElement('div');
  parentNode.setAttribute('style', style);
  const el = await fixture<CcaiScheduleCall>(
    '<ccai-schedule-call menu-id="9" timezone="America/New_York" days="mon-sun" default-country="US"></ccai-schedule-call>',
    { parentNode },
  );
  el.clock = clock;
  await el.updateComplete;
  await fillValid(el, '(201) 555-0123', FIRST_SLOT);
  return el;
}

/** Text on the accent: the submit button, and the chosen day's and time's boxes. */
function onAccent(el: CcaiScheduleCall): HTMLElement[] {
  return [button(el, en.submit), ...root(el).querySelectorAll<HTMLElement>('[part~=chosen]')];
}

describe('text on an accent the site set alone', () => {
  useMockApi();

  // The demo's brown, a light amber, a dark green, a light sky blue, and the widget's own (none set).
  const accents = ['#8a4b08', '#f3b870', '#1e5631', '#9fd3f5', ''];
  // Firefox has no scheme emulation for the runner (CDP): there, the scheme the browser is in.
  const canEmulate = !navigator.userAgent.includes('Firefox');
  const own = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const emulate = (scheme: 'light' | 'dark') => (canEmulate ? emulateMedia({ colorScheme: scheme }) : undefined);
  for (const scheme of canEmulate ? (['light', 'dark'] as const) : ([own] as const)) {
    for (const accent of accents) {
      it(`is readable on ${accent || 'the widget’s own accent'} in the ${scheme} scheme`, async () => {
        await emulate(scheme);
        const el = await themed(accent ? `--ccai-accent: ${accent}` : '');
        const boxes = onAccent(el);
        expect(boxes.length, 'the chosen day and time and the button').to.equal(3);
        for (const box of boxes) {
          const style = getComputedStyle(box);
          const ratio = contrast(style.color, style.backgroundColor);
          expect(ratio, `${box.textContent?.trim()}: ${style.color} on ${style.backgroundColor}`).to.be.at.least(4.5);
        }
        await expect(el).to.be.accessible();
      });
    }
  }

  after(() => emulate('light'));

  it('leaves --ccai-on-accent to the site when it sets it', async () => {
    await emulate('dark');
    const el = await themed('--ccai-accent: #f3b870; --ccai-on-accent: rgb(43, 23, 0)');
    expect(getComputedStyle(button(el, en.submit)).color).to.equal('rgb(43, 23, 0)');
  });
});
