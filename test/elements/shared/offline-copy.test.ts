/**
 * The English a widget shows only once it is used (`src/i18n/en-later.ts`) is a chunk of its own,
 * loaded on first use. When it cannot be loaded (offline, or a deploy that removed the chunk), the
 * form sends nothing, since it could not say how a booking went, and says the server could not be
 * reached (that text is in the page from the start); the next submit tries the chunk again, which
 * books where the browser fetches a failed module again (Chromium), and says the same where it keeps
 * the failure until a reload (Firefox ESR). The chunk is refused through the MSW worker, then let through.
 *
 * Nothing in this file's page imports the English catalogue itself (`en.ts` would bring the chunk
 * in with it), so the texts are written out here.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse, passthrough } from 'msw';
import { refetchesFailedModules } from '../../helpers/modules.js';
import {
  alertText,
  collect,
  creates,
  fillValid,
  message,
  root,
  scheduleCall,
  submit,
  until,
  useMockApi,
} from '../schedule-call/helpers.js';

const ENGLISH_LATER = /\/src\/i18n\/en-later\.(?:js|ts)(?:\?|$)/;

describe('the English copy loaded on first use, when it cannot be', function () {
  this.timeout(20_000);
  const { worker } = useMockApi();
  /** Whether this browser fetches a module again after a failed fetch (measured before the test). */
  let refetches = false;
  before(async () => (refetches = await refetchesFailedModules(worker)));

  it('sends nothing and says so, keeps the form, and books once the copy comes', async () => {
    let offline = true;
    let chunkRequests = 0;
    worker.use(
      http.get(ENGLISH_LATER, () => {
        chunkRequests += 1;
        return offline ? HttpResponse.error() : passthrough();
      }),
    );
    const errors = collect('ccai-error');
    const el = await scheduleCall();
    await fillValid(el);
    await until(() => chunkRequests > 0, 'the English copy was not asked for on first use');
    await submit(el);
    await until(() => alertText(el) !== '', 'nothing said');
    expect(alertText(el)).to.equal('We could not reach the server. Check your connection and try again.');
    expect(errors.map((event) => event.detail.kind)).to.deep.equal(['network']);
    expect(creates(), 'no booking sent').to.have.length(0);
    expect(root(el).querySelector<HTMLInputElement>('#phone')!.value, 'the number kept').to.equal('(201) 555-0123');

    offline = false;
    await submit(el);
    if (refetches) {
      await until(() => root(el).querySelector('[part=confirmation]'), 'not booked once the copy could load');
      expect(message(el)).to.match(/^Your call is scheduled for /);
      expect(creates(), 'one booking').to.have.length(1);
    } else {
      await until(() => errors.length === 2, 'the second submit was not refused');
      expect(alertText(el)).to.equal('We could not reach the server. Check your connection and try again.');
      expect(creates(), 'still no booking sent').to.have.length(0);
    }
  });
});
