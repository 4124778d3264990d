/** Helpers for the accessibility suite: the three elements mounted in a language, probes of focus and motion. */
import { fixture, html } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { Call } from '../../../src/core/schemas.js';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import '../../../src/elements/call-status/define.js';
import type { CcaiCustomerFlags } from '../../../src/elements/customer-flags/customer-flags.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import type { en } from '../../../src/i18n/en.js';
export { callOf } from '../call-status/helpers.js';
import { noRetry } from '../customer-flags/helpers.js';
import { FIRST_SLOT, clock, control, phoneReady, pick, root, typeInto } from '../schedule-call/helpers.js';

/**
 * What a screen reader says for the focused control: its label, or a button's text; for a choice
 * of the day or time pickers, the group's legend and then the choice ("Time: 9:15 AM").
 */
export function focusedName(el: CcaiScheduleCall): string {
  const active = root(el).activeElement as HTMLInputElement | null;
  if (!active) return '';
  if (active.type === 'radio')
    return `${textOf(active.closest('fieldset')?.querySelector('legend'))}: ${textOf(active.labels?.[0])}`;
  const label = active.id ? root(el).querySelector(`label[for="${active.id}"]`) : null;
  return textOf(label ?? active);
}

export const shiftTab = async () => {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
};

/** Fills a valid form by the labels of the UI language: a US number and the first slot. */
export async function fillIn(el: CcaiScheduleCall, t: typeof en): Promise<void> {
  typeInto(control<HTMLInputElement>(el, t.phoneLabel), '(201) 555-0123');
  await phoneReady(el, t.countryLabel);
  pick(el, FIRST_SLOT, t.timeLabel);
  await el.updateComplete;
}

export { message } from '../schedule-call/helpers.js';

export const agent = {
  id: 1,
  name: 'Admin UJET',
  first_name: 'Admin',
  last_name: 'UJET',
  agent_number: null,
  avatar_url: null,
};

/**
 * Renders `template` inside `<div lang>`. The element itself is the fixture, so that `fixture`
 * awaits its update rather than an animation frame, which never comes in a background tab.
 */
async function mount<T extends HTMLElement>(template: TemplateResult, lang: string): Promise<T> {
  const parentNode = document.createElement('div');
  parentNode.lang = lang;
  return fixture<T>(template, { parentNode });
}

/** The form on the suite's clock with every field on show: country, phone, date, time, language, consent. */
export const fullForm = (lang: string) =>
  mount<CcaiScheduleCall>(
    html`<ccai-schedule-call
      menu-id="9"
      languages="en,ja"
      recording-consent
      timezone="America/New_York"
      days="mon-sun"
      default-country="US"
      .clock=${clock}
    ></ccai-schedule-call>`,
    lang,
  );

export const callStatus = (call: Call | undefined, lang: string, callId = '') =>
  mount<CcaiCallStatus>(
    html`<ccai-call-status
      call-id=${callId}
      .call=${call}
    ></ccai-call-status>`,
    lang,
  );

export const customerFlags = (lang: string, readonly = false) =>
  mount<CcaiCustomerFlags>(
    html`<ccai-customer-flags
      call-id="514"
      ?readonly=${readonly}
      .client=${noRetry()}
    ></ccai-customer-flags>`,
    lang,
  );

/** Every element in these shadow roots, and in shadow roots nested in them, that transitions or animates. */
export function moving(roots: ShadowRoot[]): string[] {
  const found: string[] = [];
  const visit = (shadow: ShadowRoot) => {
    for (const node of shadow.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(node, pseudo);
        const durations = [
          ...style.transitionDuration.split(','),
          ...(style.animationName === 'none' ? [] : style.animationDuration.split(',')),
        ];
        if (durations.some((duration) => parseFloat(duration) > 0))
          found.push(`${node.localName}.${node.className}${pseudo ?? ''}`);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
  };
  roots.forEach(visit);
  return found;
}
