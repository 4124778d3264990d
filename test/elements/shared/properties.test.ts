/**
 * Properties as frameworks set them. React 19 and Vue 3 set a custom element's property whenever
 * the element has one (`key in element`; Vue camelizes `days-ahead` first), with the value as
 * written: a string for a literal attribute, `""` for a bare boolean attribute, or whatever a
 * binding holds. Every public property must then hold what its attribute gives, a value of the
 * wrong type must be refused with one console error naming the element and the property, and the
 * element must still render.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CcaiCallStatus, CcaiCustomerFlags, CcaiScheduleCall } from '../../../src/index.js';
import type { CcaiCallScheduledEvent } from '../../../src/internal/events.js';
import { control, root, textOf, until } from '../../helpers/dom.js';
import { useMockApi } from '../../helpers/mock-api.js';

useMockApi();

Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

type Props = Record<string, unknown>;

/** React 19's rule for a custom element (react-dom `setValueForPropertyOnCustomComponent`): a property if `key in el`. */
function setLikeReact(el: HTMLElement, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    if (key in el) (el as unknown as Props)[key] = value;
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value != null) el.setAttribute(key, String(value));
  }
}

/** Vue 3's rule (runtime-dom `shouldSetAsProp`): the camelized key if it is in the element, else the attribute. */
function setLikeVue(el: HTMLElement, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    const camel = key.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    if (camel in el) (el as unknown as Props)[camel] = value;
    else if (value != null && value !== false) el.setAttribute(key, value === true ? '' : String(value));
  }
}

/**
 * Every public property of each element, with the attribute text a page would write (the property
 * of an attribute-less one gets a value of its own type). Strings as frameworks pass them.
 */
const CASES: { tag: string; attributes: Record<string, string>; objects: Props }[] = [
  {
    tag: 'ccai-schedule-call',
    attributes: {
      'base-url': '',
      'menu-id': '9',
      'call-id': '514',
      'ticket-id': 'T-1',
      languages: 'en, ja',
      'default-country': 'US',
      timezone: 'America/New_York',
      hours: '08:00-18:00',
      days: 'mon-sun',
      'days-ahead': '7',
      'slot-minutes': '30',
      'min-lead-minutes': '0',
      'recording-consent': '',
    },
    objects: { capability: 'cap', messages: { submit: 'Call me' }, clock: { now: () => Date.now() } },
  },
  {
    tag: 'ccai-call-status',
    attributes: { 'base-url': '', 'call-id': '514', src: '{base-url}/apps/api/v1/calls/{id}' },
    objects: { capability: 'cap', messages: { statusHeading: 'Call' } },
  },
  {
    tag: 'ccai-customer-flags',
    attributes: { 'base-url': '', 'call-id': '514', readonly: '' },
    objects: { messages: { flagsLegend: 'Flags' } },
  },
];

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

async function watchConsole<T>(run: () => Promise<T>): Promise<{ result: T; errors: string[] }> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  try {
    return { result: await run(), errors };
  } finally {
    console.error = original;
  }
}

describe('properties as frameworks set them', () => {
  for (const { tag, attributes, objects } of CASES) {
    for (const [framework, set] of [
      ['React 19', setLikeReact],
      ['Vue 3', setLikeVue],
    ] as const) {
      it(`<${tag}>: every public property set the ${framework} way holds what its attribute gives`, async () => {
        const byAttribute = document.createElement(tag) as HTMLElement & Props;
        for (const [name, text] of Object.entries(attributes)) byAttribute.setAttribute(name, text);
        const byProperty = document.createElement(tag) as HTMLElement & Props;
        const { errors } = await watchConsole(async () => {
          // React passes JSX keys as written (camelCase for a property); Vue passes template keys kebab-case.
          const keyed = Object.fromEntries(
            Object.entries(attributes).map(([name, text]) => [framework === 'React 19' ? camel(name) : name, text]),
          );
          set(byProperty, { ...keyed, ...objects });
          document.body.append(byAttribute, byProperty);
          await Promise.all([byAttribute, byProperty].map((el) => (el as unknown as CcaiCallStatus).updateComplete));
        });
        try {
          for (const name of Object.keys(attributes)) {
            const property = camel(name);
            expect(byProperty[property], property).to.deep.equal(byAttribute[property]);
            expect(typeof byProperty[property], property).to.not.equal('undefined');
          }
          for (const [property, value] of Object.entries(objects)) expect(byProperty[property]).to.equal(value);
          expect(errors).to.deep.equal([]);
          expect(root(byProperty).childElementCount, 'rendered').to.be.greaterThan(0);
        } finally {
          byAttribute.remove();
          byProperty.remove();
        }
      });
    }
  }

  it("`languages` takes \"en,ja\" or ['en', 'ja'], and the form offers both", async () => {
    for (const languages of ['en,ja', ['en', 'ja']] as const) {
      const el = await fixture<CcaiScheduleCall>(
        html`<ccai-schedule-call
          menu-id="9"
          days="mon-sun"
          hours="00:00-23:45"
          default-country="US"
        ></ccai-schedule-call>`,
      );
      (el as unknown as Props).languages = languages;
      await el.updateComplete;
      expect(el.languages).to.deep.equal(['en', 'ja']);
      const select = control<HTMLSelectElement>(el, 'Language');
      expect([...select.options].map((option) => option.value).filter(Boolean)).to.deep.equal(['en', 'ja']);
    }
  });

  it('`callId` is a number on all three, as `call.id` is in events; a numeric string is read as one', async () => {
    const form = document.createElement('ccai-schedule-call');
    const status = document.createElement('ccai-call-status');
    const flags = document.createElement('ccai-customer-flags');
    for (const el of [form, status, flags]) {
      el.callId = '0514' as unknown as number;
      expect(el.callId).to.equal(514);
      el.setAttribute('call-id', '600');
      expect(el.callId).to.equal(600);
    }
    // What a page does with the booking event: no conversion, and the type checker agrees.
    const onScheduled = (event: CcaiCallScheduledEvent) => {
      status.callId = event.detail.call.id;
      flags.callId = event.detail.call.id;
    };
    expect(onScheduled).to.be.a('function');
  });

  const WRONG: [tag: string, property: string, value: unknown, expected: RegExp][] = [
    [
      'ccai-schedule-call',
      'languages',
      42,
      /^<ccai-schedule-call>: languages must be an array of strings.*42 \(number\)/,
    ],
    ['ccai-schedule-call', 'languages', ['en', 7], /^<ccai-schedule-call>: languages must be .*array/],
    ['ccai-schedule-call', 'daysAhead', { days: 7 }, /^<ccai-schedule-call>: daysAhead must be a number; /],
    ['ccai-schedule-call', 'recordingConsent', 1, /^<ccai-schedule-call>: recordingConsent must be a boolean; /],
    ['ccai-schedule-call', 'clock', 'now', /^<ccai-schedule-call>: clock must be an object; "now" \(string\)/],
    [
      'ccai-call-status',
      'callId',
      true,
      /^<ccai-call-status>: callId must be a number, or a string of decimal digits; true \(boolean\) was ignored$/,
    ],
    ['ccai-call-status', 'call', 'x', /^<ccai-call-status>: call must be an object; "x" \(string\) was ignored$/],
    ['ccai-customer-flags', 'callId', { id: 514 }, /^<ccai-customer-flags>: callId must be a number.*object/],
    ['ccai-customer-flags', 'messages', [1], /^<ccai-customer-flags>: messages must be an object; .*array/],
  ];
  for (const [tag, property, value, expected] of WRONG) {
    it(`<${tag}>.${property} = ${JSON.stringify(value)}: one console error naming both, the value kept, still rendered`, async () => {
      const el = await fixture<CcaiCallStatus>(
        `<${tag} menu-id="9" call-id="514" days="mon-sun" hours="00:00-23:45" default-country="US"></${tag}>`,
      );
      await until(() => textOf(root(el)) !== '' && !textOf(root(el)).includes('Loading'), 'rendered');
      const before = (el as unknown as Props)[property];
      const shown = textOf(root(el));
      const { errors } = await watchConsole(async () => {
        (el as unknown as Props)[property] = value;
        await el.updateComplete;
      });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(expected);
      expect((el as unknown as Props)[property]).to.equal(before);
      expect(textOf(root(el))).to.equal(shown);
      expect(shown).to.not.equal('');
    });
  }

  it('text that is no call id is shown as such, not as an empty element', async () => {
    const status = await fixture<CcaiCallStatus>(html`<ccai-call-status></ccai-call-status>`);
    const flags = await fixture<CcaiCustomerFlags>(html`<ccai-customer-flags></ccai-customer-flags>`);
    for (const el of [status, flags]) {
      setLikeReact(el, { callId: '12a' });
      await until(() => root(el).querySelector('[role=alert], .notice:not(:empty)'), 'the problem shown');
      expect(textOf(root(el))).to.not.equal('');
    }
  });

  it('a wrong value never blanks the form: after `languages = 42` the form still books in its languages', async () => {
    const el = await fixture<CcaiScheduleCall>(
      html`<ccai-schedule-call
        menu-id="9"
        languages="en,ja"
        days="mon-sun"
        hours="00:00-23:45"
        default-country="US"
      ></ccai-schedule-call>`,
    );
    await watchConsole(async () => {
      (el as unknown as Props).languages = 42;
      await el.updateComplete;
    });
    expect(el.languages).to.deep.equal(['en', 'ja']);
    expect(control(el, 'Phone number')).to.exist;
    expect(control(el, 'Language')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('the flags: `readonly` set as Vue passes a bare attribute ("") shows them without letting them change', async () => {
    const flags = await fixture<CcaiCustomerFlags>(html`<ccai-customer-flags call-id="514"></ccai-customer-flags>`);
    setLikeVue(flags, { readonly: '' });
    await flags.updateComplete;
    expect(flags.readonly).to.equal(true);
    expect(flags.hasAttribute('readonly')).to.equal(true);
  });
});
