import { expect } from '@open-wc/testing';
import { createCallsClient, menuWait } from '../../src/core/index.js';
import { useMockApi } from '../helpers/mock-api.js';

const entry = (fields: Record<string, unknown>) =>
  ({ menu_id: 9, voice_call: 4, logged_in_agents: 2, ...fields }) as Parameters<typeof menuWait>[0][number];

describe('menuWait', () => {
  const { mock } = useMockApi();

  it('reads the voice wait and whether agents are logged in from the mock’s wait_times (W1)', async () => {
    const client = createCallsClient({ baseUrl: location.origin });
    mock.world.menus[9]!.waitTimes = { voice_call: 4, chat: 1 };
    expect(menuWait(await client.getWaitTimes({ lang: 'en', menuId: 9 }), 9)).to.deep.equal({
      minutes: 4,
      staffed: true,
    });
    mock.world.agents = {};
    expect(menuWait(await client.getWaitTimes({ lang: 'en', menuId: 9 }), 9)).to.deep.equal({
      minutes: 4,
      staffed: false,
    });
  });

  it('takes only the asked menu; a menu missing from the answer has no estimate', () => {
    const entries = [entry({ menu_id: 10, voice_call: 9 }), entry({ menu_id: 9, voice_call: 2 })];
    expect(menuWait(entries, 9)).to.deep.equal({ minutes: 2, staffed: true });
    expect(menuWait(entries, 11)).to.deep.equal({ minutes: undefined, staffed: undefined });
    expect(menuWait([], 9)).to.deep.equal({ minutes: undefined, staffed: undefined });
  });

  it('rounds a part minute up, reads a negative wait as none, and leaves unknown what the answer does not say', () => {
    expect(menuWait([entry({ voice_call: 2.2 })], 9).minutes).to.equal(3);
    expect(menuWait([entry({ voice_call: -1 })], 9).minutes).to.equal(0);
    expect(menuWait([entry({ voice_call: null })], 9).minutes).to.equal(undefined);
    expect(menuWait([entry({ voice_call: Number.NaN })], 9).minutes).to.equal(undefined);
    expect(menuWait([entry({ logged_in_agents: undefined })], 9).staffed).to.equal(undefined);
    expect(menuWait([entry({ logged_in_agents: 0 })], 9).staffed).to.equal(false);
  });
});
