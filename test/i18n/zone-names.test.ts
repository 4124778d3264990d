/**
 * The visitor's zone is named in their language where the locale has a name for it, and as an
 * offset ("GMT-08:00") only where it has none. Zones are passed explicitly (`nameZone`'s test
 * parameter), so this holds in any browser and on any machine; the form shows the same function's
 * answer for the browser's own zone.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { CcaiScheduleCall } from '../../src/elements/schedule-call/schedule-call.js';
import '../../src/elements/schedule-call/define.js';
import { nameZone } from '../../src/elements/schedule-call/format.js';
import { formatWhen } from '../../src/elements/schedule-call/outcome.js';
import { loadMessages, shippedCatalogues } from '../../src/internal/localize.js';
import { root, textOf, until } from '../helpers/dom.js';

const WINTER = Date.parse('2031-01-15T12:00:00Z');
/** An offset as any of these locales writes one: GMT/UTC/غرينتش, a sign, digits. */
const OFFSET = /^(GMT|UTC|غرينتش)?\s*\u200e?[+\-−]\d/u;
const isOffset = (name: string) => OFFSET.test(name.replaceAll('\u200e', '')) || /^(GMT|UTC)$/.test(name);

describe("the visitor's zone, named", () => {
  for (const locale of shippedCatalogues())
    it(`${locale}: names UTC and Pacific time, not as offsets`, () => {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo']) {
        const name = nameZone(locale, WINTER, zone);
        expect(name, `${zone} in ${locale}`).not.to.equal('');
        expect(isOffset(name), `${zone} in ${locale}: "${name}"`).to.equal(false);
      }
    });

  it('in the language of the page', () => {
    expect(nameZone('en', WINTER, 'America/Los_Angeles')).to.equal('Pacific Time');
    expect(nameZone('es', WINTER, 'America/Los_Angeles')).to.include('Pacífico');
    expect(nameZone('fr', WINTER, 'America/Los_Angeles')).to.include('Pacifique');
    expect(nameZone('de', WINTER, 'Europe/Berlin')).to.equal('Mitteleuropäische Zeit');
    expect(nameZone('ja', WINTER, 'Asia/Tokyo')).to.equal('日本標準時');
    expect(nameZone('zh-Hant', WINTER, 'Asia/Taipei')).to.include('台北');
    expect(nameZone('ar', WINTER, 'Asia/Riyadh')).to.match(/\p{Script=Arabic}/u);
    expect(nameZone('he', WINTER, 'Asia/Jerusalem')).to.include('ישראל');
  });

  it('takes the specific name where the generic one is an offset (UTC has no generic name)', () => {
    expect(nameZone('en', WINTER, 'UTC')).to.equal('Coordinated Universal Time');
    expect(nameZone('ja', WINTER, 'UTC')).to.equal('協定世界時');
  });

  it('says the offset only where the locale has no name for the zone', () => {
    // Etc/GMT+8 is a bare offset (8 hours behind): no locale names it.
    for (const locale of ['en', 'fr', 'ar'])
      expect(isOffset(nameZone(locale, WINTER, 'Etc/GMT+8')), locale).to.equal(true);
    expect(nameZone('en', WINTER, 'Etc/GMT+8')).to.equal('GMT-08:00');
  });

  it("is what the form shows for the browser's own zone, in the page's language", async () => {
    for (const lang of ['es', 'ar', 'zh-TW']) {
      const parentNode = document.createElement('div');
      parentNode.lang = lang;
      const el = await fixture<CcaiScheduleCall>(
        html`<ccai-schedule-call
          menu-id="9"
          timezone="America/New_York"
          days="mon-sun"
          .clock=${{ now: () => WINTER }}
        ></ccai-schedule-call>`,
        { parentNode },
      );
      const t = await loadMessages(lang === 'zh-TW' ? 'zh-Hant' : lang);
      const zone = nameZone(lang, WINTER);
      await until(
        () => textOf(root(el).querySelector('#zone')) === textOf(document.createTextNode(t.timeZoneNote(zone))),
      );
      expect(textOf(root(el).querySelector('#zone bdi'))).to.equal(zone);
    }
  });

  it('in the confirmation too: by name where the short name is only an offset', () => {
    const at = '2031-01-15T18:00:00Z';
    const cases: [locale: string, zone: string, name: RegExp][] = [
      ['es', 'America/Los_Angeles', /Pacífico/],
      ['es', 'America/Mexico_City', /central/i],
      ['ar', 'Africa/Cairo', /\p{Script=Arabic}/u],
      ['ar', 'Asia/Riyadh', /\p{Script=Arabic}/u],
      ['en', 'Europe/Berlin', /Central European/],
      ['en', 'Asia/Kolkata', /India/],
      ['fr', 'Europe/Paris', /Europe centrale/],
      ['he', 'Asia/Jerusalem', /ישראל/],
    ];
    for (const [locale, zone, name] of cases) {
      const when = formatWhen(at, locale, zone);
      expect(when, `${locale} ${zone}`)
        .to.include(nameZone(locale, Date.parse(at), zone))
        .and.match(name);
      expect(when.replaceAll('\u200e', ''), `${locale} ${zone}: "${when}"`).not.to.match(
        /(GMT|UTC|غرينتش)\s*[+\-−]\d/u,
      );
      // The date and time are still there, as the locale writes them.
      const date = new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'long', day: 'numeric' }).format(
        Date.parse(at),
      );
      expect(when, `${locale} ${zone}`).to.include(date);
    }
    // A short name that is a name stays: "PST", as an English visitor in Los Angeles reads it.
    expect(formatWhen(at, 'en', 'America/Los_Angeles')).to.equal('Wednesday, January 15 at 10:00 AM PST');
  });
});
