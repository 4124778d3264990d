/**
 * The in-page half of `npm run bench` (`scripts/bench.mjs` bundles this file for production and
 * drives it): the built library, and beside it the floor — plain Lit elements that render the
 * same native controls with the same labels and options, and no logic at all.
 *
 * Each measurement returns its phases in ms, read with `performance.now()` (5 µs resolution: the
 * page is cross-origin isolated). "Frame" waits for the next animation frame and then a task, so
 * that style, layout and paint of the new content are included.
 */
import '../dist/index.js';
import { CallsClient } from '../dist/core.js';
import { LitElement, html } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

/** Monday 08:00 in New York: the form offers every slot of ten working days, the same in every run. */
const NOW = Date.parse('2030-01-14T13:00:00Z');
const FORM_ATTRIBUTES = {
  'menu-id': '9',
  languages: 'en,ja',
  timezone: 'America/New_York',
  hours: '09:00-17:00',
  days: 'mon-fri',
};
const CALL = {
  id: 515,
  status: 'scheduled',
  call_type: 'Voice Scheduled (API)',
  lang: 'en',
  scheduled_at: '2030-01-14T15:00:00.000Z',
  created_at: '2030-01-14T13:00:00.000Z',
  agent_info: null,
  fail_reason: 'nothing',
};
const FLAGS = { verified_customer: true, bad_actor: false, repeat_customer: true };
/** A number as a visitor types it, one character per keystroke. */
const TYPED = '2015550123';

const nextTask = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(channel.port1.close());
    channel.port2.postMessage(null);
  });
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(nextTask())));
const stage = document.getElementById('stage');

// The floor: the same controls in a plain Lit element with no logic. Its template is the markup
// the real element rendered (same labels, classes and parts), static, except that each list of
// options is rendered from data with `map`, as any Lit element renders a list. "Styled" adopts
// the element's own stylesheets; "bare" has none.

/** Splits rendered markup into static pieces and the options of each `<select>` between them. */
function floorShape(markup) {
  const template = document.createElement('template');
  template.innerHTML = markup.replace(/<!--[\s\S]*?-->/g, '');
  const lists = [...template.content.querySelectorAll('select')].map((select) => {
    const options = [...select.options].map((option) => [option.value, option.text]);
    select.innerHTML = '<!--list-->';
    return options;
  });
  return { pieces: template.innerHTML.split('<!--list-->'), lists };
}

/** `staticHtml` needs the same strings array for the same shape of template. */
const blanks = new Map();
const stringsOf = (count) =>
  blanks.get(count) ??
  blanks.set(count, Object.assign(Array(count).fill(''), { raw: Array(count).fill('') })).get(count);

class Floor extends LitElement {
  static properties = { shape: { attribute: false }, typed: { state: true } };
  constructor() {
    super();
    this.typed = '';
  }
  firstUpdated() {
    // What a plain element does with a keystroke: keep the value, render again.
    this.renderRoot.addEventListener('input', (event) => (this.typed = event.target.value));
  }
  render() {
    const { pieces, lists } = this.shape;
    const values = pieces.flatMap((piece, i) => [
      unsafeStatic(piece),
      ...(i < lists.length ? [lists[i].map(([value, label]) => html`<option value=${value}>${label}</option>`)] : []),
    ]);
    return staticHtml(stringsOf(values.length + 1), ...values);
  }
}

const TAGS = {
  'schedule-call': 'ccai-schedule-call',
  'call-status': 'ccai-call-status',
  'customer-flags': 'ccai-customer-flags',
};
for (const [name, tag] of Object.entries(TAGS)) {
  customElements.define(`floor-bare-${name}`, class extends Floor {});
  customElements.define(
    `floor-styled-${name}`,
    class extends Floor {
      static styles = customElements.get(tag).styles;
    },
  );
}

// The subjects: how to make each, and when it has rendered what it is for.

function makeForm() {
  const el = document.createElement('ccai-schedule-call');
  for (const [name, value] of Object.entries(FORM_ATTRIBUTES)) el.setAttribute(name, value);
  el.clock = { now: () => NOW };
  return el;
}

function makeStatus() {
  const el = document.createElement('ccai-call-status');
  el.call = CALL;
  return el;
}

/** From the injected `fetch` being called to its body read: the browser's async plumbing, not the element's work. */
let answer = null;

/** A flags element whose client's `fetch` answers with `FLAGS` at once, or once `answered` settles. */
function flagsAnswering(answered) {
  const el = document.createElement('ccai-customer-flags');
  const fetch = async () => {
    if (answered) await answered;
    const response = Response.json(FLAGS);
    const asked = performance.now();
    const text = response.text.bind(response);
    response.text = () => text().then((body) => ((answer = performance.now() - asked), body));
    return response;
  };
  el.client = new CallsClient({ fetch });
  el.setAttribute('call-id', '515');
  return el;
}

/** The held flags elements, each with what lets its `fetch` answer. */
const held = new WeakMap();

/**
 * `customer-flags`, its first render: the GET is held, as on any real network (where the answer
 * comes frames later), so the frame measured is the one the element paints first — the three boxes
 * disabled and not yet known. `settle` then lets it answer and waits for the flags, untimed, so that
 * none of that work falls into the next sample.
 */
function makeFlagsFirst() {
  let answerNow;
  const el = flagsAnswering(new Promise((resolve) => (answerNow = resolve)));
  held.set(el, answerNow);
  return el;
}

/** `customer-flags shown`: a client whose `fetch` answers at once, timed until the boxes carry the data. */
const makeFlagsShown = () => flagsAnswering();

const FLAG_VALUES = Object.values(FLAGS);
const boxesOf = (el) => [...(el.shadowRoot?.querySelectorAll('input[type=checkbox]') ?? [])];
/** The flags are on screen: enabled, known, and checked as `FLAGS` says. */
const flagsShown = (el) => {
  const boxes = boxesOf(el);
  return (
    boxes.length === 3 && boxes.every((box, i) => !box.disabled && !box.indeterminate && box.checked === FLAG_VALUES[i])
  );
};

const MAKE = {
  'schedule-call': makeForm,
  'call-status': makeStatus,
  'customer-flags': makeFlagsFirst,
  'customer-flags shown': makeFlagsShown,
};
const READY = {
  // Its first render: the three boxes on screen (still loading).
  'customer-flags': (el) => boxesOf(el).length === 3,
  'customer-flags shown': flagsShown,
};
const SETTLE = {
  'customer-flags': async (el) => {
    held.get(el)();
    await rendered(el, flagsShown);
  },
};
/**
 * What each real element rendered, as the floors' templates; `schedule-call typing` is the form
 * being typed in. For `customer-flags` that is its first render (the loading markup); for
 * `customer-flags shown`, the flags as loaded (the floors this measurement always had).
 */
const shapes = {};

export const subjects = {};
for (const name of [...Object.keys(MAKE), 'schedule-call typing']) {
  const tag = name.split(' ')[0];
  if (MAKE[name]) subjects[name] = { make: MAKE[name], ready: READY[name] ?? (() => true), settle: SETTLE[name] };
  for (const kind of ['styled', 'bare']) {
    const make = () => Object.assign(document.createElement(`floor-${kind}-${tag}`), { shape: shapes[name] });
    subjects[`floor ${kind}: ${name}`] = { make, ready: () => true };
  }
}

/**
 * Until `el` shows what it is for: at once for most, after its data arrived for `customer-flags
 * shown` (seen as it happens: nodes replaced, attributes such as `disabled` dropped).
 */
async function rendered(el, ready) {
  await el.updateComplete;
  if (ready(el)) return;
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => ready(el) && resolve(observer.disconnect()));
    observer.observe(el.shadowRoot, { childList: true, subtree: true, attributes: true });
  });
  await el.updateComplete;
}

/** Renders each real element once, also a form being typed in, and keeps their markup for the floors. */
export async function setup() {
  const names = Object.keys(MAKE);
  const elements = names.map((name) => subjects[name].make());
  stage.append(...elements);
  await Promise.all(elements.map((el, i) => rendered(el, subjects[names[i]].ready)));
  names.forEach((name, i) => (shapes[name] = floorShape(elements[i].shadowRoot.innerHTML)));
  await Promise.all(elements.map((el, i) => subjects[names[i]].settle?.(el)));
  const describe = (root) =>
    [...root.querySelectorAll('select, input, button')]
      .map((control) => `${control.id || control.type}${control.options ? ` (${control.options.length})` : ''}`)
      .join(', ');
  const typing = await formBeingTyped();
  shapes['schedule-call typing'] = floorShape(typing.shadowRoot.innerHTML);
  const result = { form: describe(elements[0].shadowRoot), typing: describe(typing.shadowRoot), shapes };
  stage.replaceChildren();
  return result;
}

/** For a fresh page that must not render the real elements before it is measured: the floors' shapes from another. */
export const useShapes = (given) => Object.assign(shapes, given);

/** Create → connected → `updateComplete` (for `customer-flags shown`, the data shown) → next frame painted. */
export async function firstRender(name) {
  const { make, ready, settle } = subjects[name];
  globalThis.gc?.();
  answer = null;
  const t0 = performance.now();
  const el = make();
  stage.append(el);
  const t1 = performance.now();
  await rendered(el, ready);
  const t2 = performance.now();
  await frame();
  const t3 = performance.now();
  const result = {
    total: t3 - t0,
    create: t1 - t0,
    update: t2 - t1,
    frame: t3 - t2,
    ...(answer === null ? {} : { answer }),
  };
  await settle?.(el);
  el.remove();
  return result;
}

/** `count` forms mounted at once, until all have rendered and the frame is painted. */
export async function manyForms(name, count) {
  const { make } = subjects[name];
  globalThis.gc?.();
  const t0 = performance.now();
  const forms = Array.from({ length: count }, make);
  stage.append(...forms);
  const t1 = performance.now();
  await Promise.all(forms.map((el) => el.updateComplete));
  const t2 = performance.now();
  await frame();
  const t3 = performance.now();
  stage.replaceChildren();
  return { total: t3 - t0, create: t1 - t0, update: t2 - t1, frame: t3 - t2 };
}

const typeInto = (input, character) => {
  input.value += character;
  input.dispatchEvent(
    new InputEvent('input', { inputType: 'insertText', data: character, bubbles: true, composed: true }),
  );
};

/** A form whose phone metadata has loaded and whose phone error is shown: typing is checked as it goes. */
async function formBeingTyped() {
  const el = makeForm();
  stage.append(el);
  await el.updateComplete;
  const input = el.shadowRoot.querySelector('input[type=tel]');
  input.focus();
  // Focus loads the metadata (said again in case the headless page has no focus); the country list then fills.
  input.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
  while (el.shadowRoot.querySelector('#country').options.length < 2) await nextTask();
  typeInto(input, '555');
  input.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
  await nextTask();
  await el.updateComplete;
  if (!el.shadowRoot.querySelector('[part=error]'))
    throw new Error('the phone error is not shown: nothing to validate');
  return el;
}

/**
 * A visitor who typed a short number and left the field comes back and types it in full: every
 * keystroke is formatted and checked (the error shown until the number is valid). Phone metadata
 * is loaded before timing starts. Per keystroke: input event → `updateComplete` → next frame.
 */
export async function keystrokes(name) {
  let el;
  if (name === 'schedule-call') el = await formBeingTyped();
  else stage.append((el = subjects[`${name} typing`].make()));
  await el.updateComplete;
  const input = el.shadowRoot.querySelector('input[type=tel]');
  // Typed into, so focused: the real form's field has focus (its first use loads the metadata); the
  // floor's must too, or the floor skips the focused field's painting that a visitor's typing costs.
  input.focus();
  input.value = '';
  input.dispatchEvent(new InputEvent('input', { inputType: 'deleteContentBackward', bubbles: true, composed: true }));
  await el.updateComplete;
  await frame();
  const samples = [];
  for (const character of TYPED) {
    globalThis.gc?.();
    const t0 = performance.now();
    typeInto(input, character);
    await el.updateComplete;
    const t1 = performance.now();
    await frame();
    const t2 = performance.now();
    samples.push({ total: t2 - t0, update: t1 - t0, frame: t2 - t1 });
  }
  el.remove();
  return { samples };
}
