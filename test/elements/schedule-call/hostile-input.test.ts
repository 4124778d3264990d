/**
 * Hostile and odd input on `<ccai-schedule-call>`: server text that looks like markup stays text;
 * very long, full-width, Arabic-Indic, right-to-left and emoji input in the phone field is either
 * sent as the right E.164 number or refused with a clear message, and never silently changed into
 * something else; the form works on a right-to-left page. Generated input: the
 * `hostile-input.properties.test.ts` suite.
 */
import { aTimeout, expect, fixture } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import { http, HttpResponse } from 'msw';
import { callSchema } from '../../../src/core/schemas.js';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { loadMessages } from '../../../src/internal/localize.js';
import { guardEscapes, guardHearsRejection } from '../../helpers/faults.js';
import {
  alertText,
  CALLS,
  clock,
  collect,
  control,
  createBodies,
  creates,
  errorOf,
  fillValid,
  FIRST_SLOT,
  focusOn,
  phoneOf,
  phoneReady,
  pick,
  root,
  scheduleCall,
  submit,
  typeInto,
  until,
  useMockApi,
} from './helpers.js';

const MARKUP = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script><b>Queue</b> closed';
const pwned = () => (window as { __pwned?: number }).__pwned;

/** What the visitor pastes, in which country, and what must come of it. */
interface PhoneCase {
  name: string;
  typed: string;
  country: string;
  /** The number sent, or the refusal shown by the field. */
  outcome: { sends: string } | { refused: string };
  /** What the field shows afterwards, when it must be exactly that. */
  shown?: string;
}

const PHONE_CASES: PhoneCase[] = [
  { name: '10,000 digits', typed: '1'.repeat(10_000), country: 'US', outcome: { refused: en.phoneInvalid } },
  {
    name: '10,000 characters of text',
    typed: 'call me '.repeat(1250),
    country: 'US',
    outcome: { refused: en.phoneInvalid },
  },
  {
    name: 'full-width digits',
    typed: '+１ ２０１ ５５５ ０１２３',
    country: 'US',
    outcome: { sends: '+12015550123' },
    shown: '+1 201 555 0123',
  },
  {
    name: 'a full-width plus (a Japanese keyboard)',
    typed: '＋１ ２０１ ５５５ ０１２３',
    country: 'US',
    outcome: { sends: '+12015550123' },
    shown: '+1 201 555 0123',
  },
  {
    name: "a full-width plus and another country's number",
    typed: '＋２０ １０ １２３４ ５６７８',
    country: 'DE',
    outcome: { sends: '+201012345678' },
  },
  {
    name: 'a full-width Japanese national number',
    typed: '０９０－１２３４－５６７８',
    country: 'JP',
    outcome: { sends: '+819012345678' },
  },
  { name: 'Arabic-Indic digits', typed: '٠١٠١٢٣٤٥٦٧٨', country: 'EG', outcome: { sends: '+201012345678' } },
  { name: 'Persian digits', typed: '۰۹۱۲ ۳۴۵ ۶۷۸۹', country: 'IR', outcome: { sends: '+989123456789' } },
  {
    name: 'right-to-left marks around it',
    typed: '\u200f+20 10 1234 5678\u200f',
    country: 'US',
    outcome: { sends: '+201012345678' },
  },
  {
    name: 'a right-to-left embedding',
    typed: '\u202b٠١٠١٢٣٤٥٦٧٨\u202c',
    country: 'EG',
    outcome: { sends: '+201012345678' },
  },
  {
    name: 'an emoji before it',
    typed: '📞 +1 201 555 0123',
    country: 'US',
    outcome: { refused: en.phoneInvalid },
    shown: '📞 +1 201 555 0123',
  },
  {
    name: 'an emoji inside it',
    typed: '+1 201 💥 555 0123',
    country: 'US',
    outcome: { refused: en.phoneInvalid },
    shown: '+1 201 💥 555 0123',
  },
  { name: 'only emoji', typed: '👨‍👩‍👧😀', country: 'US', outcome: { refused: en.phoneInvalid }, shown: '👨‍👩‍👧😀' },
  {
    name: 'an extension, which E.164 cannot carry',
    typed: '(201) 555-0123 ext. 5',
    country: 'US',
    outcome: { refused: en.phoneInvalid },
  },
  {
    name: 'digits of a script the metadata does not know',
    typed: '२०१५५५०१२३',
    country: 'US',
    outcome: { refused: en.phoneInvalid },
    shown: '२०१५५५०१२३',
  },
];

describe('<ccai-schedule-call> with hostile and odd input', () => {
  const { mock, worker } = useMockApi();
  guardEscapes();
  it('(the guard hears an unhandled rejection)', guardHearsRejection);

  describe('server text', () => {
    it('shows a refusal that looks like markup as text, and runs nothing', async () => {
      worker.use(http.post(CALLS, () => HttpResponse.json({ message: MARKUP }, { status: 400 })));
      const el = await scheduleCall();
      await fillValid(el);
      await submit(el);
      await until(() => alertText(el) !== '', 'no error shown');
      expect(textOf(root(el).querySelector('[role=alert] p'))).to.equal(`${en.errorUnknown} ${MARKUP}`);
      expect(root(el).querySelector('img, script, b')).to.equal(null);
      await aTimeout(100);
      expect(pwned()).to.equal(undefined);
    });

    it('shows a status, a fail reason and an agent name that look like markup as text', async () => {
      const el = document.createElement('ccai-call-status') as CcaiCallStatus;
      el.call = callSchema.parse({
        ...structuredClone(mock.world.calls[514]),
        status: 'failed',
        fail_reason: MARKUP,
        agent_info: { ...structuredClone(mock.world.calls[514]!.agent_info), name: MARKUP },
      });
      await fixture(el);
      const text = textOf(el.shadowRoot!)!;
      expect(text).to.include(en.failReason(MARKUP));
      expect(text).to.include(en.agentName(MARKUP));
      el.call = { ...el.call!, status: MARKUP };
      await el.updateComplete;
      expect(textOf(el.shadowRoot!.querySelector('[part~=name]'))).to.equal(MARKUP);
      expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      await aTimeout(100);
      expect(pwned()).to.equal(undefined);
    });
  });

  describe('the phone field', () => {
    for (const { name, typed, country, outcome, shown } of PHONE_CASES) {
      const expected = 'sends' in outcome ? `sends ${outcome.sends}` : 'refuses it';
      it(`with ${name}: ${expected}`, async () => {
        const errors = collect('ccai-error');
        const el = await scheduleCall(`menu-id="9" default-country="${country}"`);
        focusOn(phoneOf(el));
        await phoneReady(el);
        typeInto(phoneOf(el), typed);
        await el.updateComplete;
        if (shown !== undefined) expect(phoneOf(el).value).to.equal(shown);
        pick(el, FIRST_SLOT);
        await submit(el);
        if ('sends' in outcome) {
          await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
          expect((await createBodies()).map((body) => body.end_user_number)).to.deep.equal([outcome.sends]);
        } else {
          await until(() => errors.length === 1, 'no ccai-error');
          expect(errors[0]!.detail.kind).to.equal('validation');
          expect(errorOf(el, phoneOf(el))).to.equal(outcome.refused);
          expect(phoneOf(el).value, 'what was pasted stays, to be corrected').to.have.length(typed.length);
          await aTimeout(50);
          expect(creates()).to.have.length(0);
        }
      });
    }
  });

  describe('a right-to-left page', () => {
    it('lays the form out right to left, keeps the number left to right, and books a call', async () => {
      const host = Object.assign(document.createElement('div'), { dir: 'rtl', lang: 'ar' });
      host.style.width = '360px';
      // The element is the fixture (a wrapper would wait for an animation frame, which a background tab never gets).
      const el = await fixture<CcaiScheduleCall>(
        '<ccai-schedule-call menu-id="9" timezone="America/New_York" days="mon-sun" default-country="EG"></ccai-schedule-call>',
        { parentNode: host },
      );
      el.clock = clock;
      // The page is Arabic: the form speaks it once its catalogue is in.
      const ar = await loadMessages('ar');
      await until(() => textOf(root(el).querySelector('legend')) === ar.scheduleLegend, 'the Arabic copy did not load');
      const phone = () => control<HTMLInputElement>(el, ar.phoneLabel);
      const form = root(el).querySelector('form')!;
      expect(getComputedStyle(form).direction).to.equal('rtl');
      expect(getComputedStyle(phone()).direction, 'digits read left to right').to.equal('ltr');
      focusOn(phone());
      await phoneReady(el, ar.countryLabel);
      typeInto(phone(), '٠١٠١٢٣٤٥٦٧٨');
      pick(el, FIRST_SLOT, ar.timeLabel);
      await el.updateComplete;
      const bounds = host.getBoundingClientRect();
      for (const node of root(el).querySelectorAll<HTMLElement>('label, select, input, button, p')) {
        const box = node.getBoundingClientRect();
        expect(box.left, `${node.localName} inside the page's column`).to.be.at.least(bounds.left - 1);
        expect(box.right, `${node.localName} inside the page's column`).to.be.at.most(bounds.right + 1);
      }
      const label = root(el).querySelector('label[for=phone]')!.getBoundingClientRect();
      expect(label.right, 'the label starts on the right').to.be.closeTo(bounds.right, 2);
      await submit(el, ar.submit);
      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      expect((await createBodies()).map((body) => body.end_user_number)).to.deep.equal(['+201012345678']);
    });
  });
});
