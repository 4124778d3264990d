/**
 * The three elements in every shipped language, chosen by a page's `lang` as a site writes it:
 * each shows its catalogue's copy (labels, buttons, statuses, flags), the form passes axe in each.
 * The catalogues themselves are checked key by key in test/i18n/catalogues.test.ts.
 */
import { expect } from '@open-wc/testing';
import type { Messages } from '../../../src/i18n/en.js';
import { catalogueFor, loadMessages } from '../../../src/internal/localize.js';
import { textOf } from '../../helpers/dom.js';
import { agent, callOf, callStatus, customerFlags, fullForm } from './a11y.helpers.js';
import { loaded } from '../customer-flags/helpers.js';
import { buttons, labels, root, useMockApi } from '../schedule-call/helpers.js';

/** Test pages may run in background tabs, where `<ccai-call-status>` rightly does not read. */
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

/** One page language per shipped catalogue, written as sites write them. */
const PAGES = ['es-ES', 'fr', 'de-DE', 'it', 'pt-BR', 'nl', 'zh-CN', 'zh-TW', 'ko', 'ar', 'he', 'ja', 'en-US'];

describe('the three elements in each language', () => {
  useMockApi();

  for (const lang of PAGES) {
    describe(`lang="${lang}"`, () => {
      let t: Messages;
      before(async () => {
        t = await loadMessages(catalogueFor(lang));
      });

      it('<ccai-schedule-call>: legend, labels and button in the language, and axe finds nothing', async () => {
        const el = await fullForm(lang);
        expect(textOf(root(el).querySelector('legend'))).to.equal(t.scheduleLegend);
        expect(labels(el)).to.deep.equal([
          t.countryLabel,
          t.phoneLabel,
          t.dateLabel,
          t.timeLabel,
          t.languageLabel,
          t.consentLabel,
        ]);
        expect(buttons(el)).to.deep.equal([t.submit]);
        expect(textOf(root(el).querySelector('#phone-hint'))).to.equal(t.phoneHint);
        await expect(el).to.be.accessible();
      });

      it('<ccai-call-status>: heading, status and agent in the language', async () => {
        const el = await callStatus(callOf({ status: 'assigned', agent_info: agent }), lang);
        expect(textOf(root(el).querySelector('[part=label]'))).to.equal(t.statusHeading);
        expect(textOf(root(el).querySelector('bdi.text'))).to.equal(t.statusNames.assigned);
        expect(textOf(root(el).querySelector('[part=detail]'))).to.equal(
          textOf(document.createTextNode(t.agentName(agent.name))),
        );
      });

      it('<ccai-customer-flags>: legend and flags in the language', async () => {
        const el = await loaded(await customerFlags(lang));
        expect(textOf(root(el).querySelector('legend'))).to.equal(t.flagsLegend);
        expect([...root(el).querySelectorAll('label')].map((label) => textOf(label))).to.deep.equal([
          t.verifiedCustomer,
          t.badActor,
          t.repeatCustomer,
        ]);
      });
    });
  }
});
