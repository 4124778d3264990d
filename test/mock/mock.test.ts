/** The mock itself: options, world merge, reset in place, any origin, and the undocumented corners. */
import { expect } from '@open-wc/testing';
import { createCallsApiMock, createDefaultWorld, type CallObject } from '../../src/mock/index.js';
import { useMockApi } from '../helpers/mock-api.js';

const api = `${location.origin}/apps/api/v1`;

interface Answer {
  status: number;
  body: unknown;
}

async function send(method: string, path: string, body?: unknown, base = api): Promise<Answer> {
  const init: RequestInit = { method, headers: { 'Content-Type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

const post = (body: Record<string, unknown>) => send('POST', '/calls', body);
const message = (text: string) => ({ message: text });

const inbound = { call_type: 'Voice Inbound (API)', menu_id: 9, end_user_number: '+1 859-657-9625' };
const scheduled = { ...inbound, call_type: 'Voice Scheduled (API)', scheduled_at: '2019-09-15T00:19:14.421Z' };
const outbound = {
  call_type: 'Voice Outbound (API)',
  agent_email: 'admin@somedomain.com',
  end_user_number: '+1 859-657-9625',
};

describe('createCallsApiMock', () => {
  describe('options and world (no requests)', () => {
    it('uses the default world of widgets.md and a real clock by default', () => {
      const { world } = createCallsApiMock();
      expect(world).to.deep.equal(createDefaultWorld());
      expect(world.now).to.equal(null);
      expect(world.languages).to.deep.equal(['en', 'ja', 'es']);
      expect(world.menus[9]).to.include({ name: 'Lock Star', type: 'mobile_menu', state: 'open' });
      expect(world.menus[10]).to.include({ type: 'web_menu', state: 'open' });
      expect(world.tickets['71450']!.contactId).to.equal('381630957514');
    });

    it('merges a partial world per key, each entity shallow; arrays replace', () => {
      const { world } = createCallsApiMock({
        now: '2020-01-01T00:00:00Z',
        world: {
          menus: { 9: { state: 'after_hours' }, 11: { id: 11, name: 'Keys', type: 'ivr_menu', state: 'open' } },
          languages: ['ja'],
        },
      });
      expect(world.now).to.equal('2020-01-01T00:00:00Z');
      expect(world.menus[9]).to.include({ id: 9, name: 'Lock Star', type: 'mobile_menu', state: 'after_hours' });
      expect(Object.keys(world.menus)).to.deep.equal(['9', '10', '11', '50']);
      expect(world.languages).to.deep.equal(['ja']);
      expect(world.agents['admin@somedomain.com']!.available).to.equal(true);
    });

    it('does not share state between two mocks or with the defaults', () => {
      const a = createCallsApiMock();
      const b = createCallsApiMock();
      a.world.menus[9]!.state = 'after_hours';
      a.world.languages.push('fr');
      expect(b.world.menus[9]!.state).to.equal('open');
      expect(createDefaultWorld().languages).to.deep.equal(['en', 'ja', 'es']);
    });

    it('reset() restores the initial world in place, keeping the world, its maps and arrays', () => {
      const local = createCallsApiMock({ world: { menus: { 9: { state: 'after_hours' } } } });
      const { world } = local;
      const { menus, languages } = world;
      menus[9]!.state = 'open';
      delete menus[10];
      languages.splice(0);
      world.calls[600] = { ...world.calls[514]!, id: 600 };
      world.now = '2030-01-01T00:00:00Z';
      local.reset();
      expect(local.world).to.equal(world);
      expect(world.menus).to.equal(menus);
      expect(world.languages).to.equal(languages);
      expect(languages).to.deep.equal(['en', 'ja', 'es']);
      expect(menus[9]!.state).to.equal('after_hours');
      expect(menus[10]!.name).to.equal('Lock Star Web');
      expect(Object.keys(world.calls)).to.deep.equal(['514']);
      expect(world.now).to.equal(null);
    });
  });

  describe('over HTTP', () => {
    const { mock } = useMockApi({ mock: { now: '2019-09-10T00:19:14Z' } });

    it('answers on any origin', async () => {
      for (const base of ['https://tenant.example.com/apps/api/v1', 'http://localhost:4999/apps/api/v1', api]) {
        const { status, body } = await send('GET', '/calls/514', undefined, base);
        expect(status, base).to.equal(200);
        expect((body as CallObject).id).to.equal(514);
      }
    });

    it('reads the world at request time', async () => {
      expect((await post(inbound)).status).to.equal(201);
      mock.world.menus[9]!.state = 'manual_redirection';
      expect((await post(inbound)).body).to.deep.equal(
        message("Menu is in 'manual redirection' state, can't accept calls"),
      );
    });

    it('stores created calls: ids count up, GET /calls/:id and flags see them', async () => {
      const first = (await post(inbound)).body as CallObject;
      const second = (await post(scheduled)).body as CallObject;
      expect([first.id, second.id]).to.deep.equal([515, 516]);
      expect(second.participants[0]!.id).to.be.greaterThan(first.participants[0]!.id);
      expect((await send('GET', '/calls/516')).body).to.deep.equal(second);
      expect((await send('GET', '/calls/516/customer_flag')).body).to.deep.equal({
        verified_customer: false,
        bad_actor: false,
        repeat_customer: false,
      });
      expect(await send('GET', '/calls/9999')).to.deep.equal({ status: 404, body: message('Call not found') });
    });

    it('accepts the deprecated call type aliases', async () => {
      expect((await post({ ...inbound, call_type: 'IncomingCall' })).body).to.include({
        call_type: 'Voice Inbound (API)',
      });
      expect((await post({ ...scheduled, call_type: 'ScheduledCall' })).body).to.include({
        call_type: 'Voice Scheduled (API)',
      });
      expect((await post({ ...outbound, call_type: 'OutboundCall' })).body).to.include({
        call_type: 'Voice Outbound (API)',
      });
      expect((await post({ ...outbound, call_type: undefined })).body).to.deep.equal(message('Invalid call type'));
    });

    it('answers one predictable message for several faults (the validation order)', async () => {
      const allWrong = { call_type: 'Voice Scheduled (API)', menu_id: 'x', lang: 'xy', end_user_number: '1' };
      expect((await post(allWrong)).body).to.deep.equal(message('menu_id is not well formed'));
      expect((await post({ ...allWrong, menu_id: 50 })).body).to.deep.equal(
        message('Only mobile and web menu IDs are permitted'),
      );
      expect((await post({ ...allWrong, menu_id: 10 })).body).to.deep.equal(message("Language 'xy' is not found"));
      expect((await post({ ...allWrong, menu_id: 10, lang: 'ja' })).body).to.deep.equal(
        message('end_user_number is not well formed'),
      );
      expect(
        (await post({ ...outbound, agent_email: 'agent@somedomain.com', end_user_number: '1' })).body,
      ).to.deep.equal(message('Agent is not available to take this call'));
    });

    it('lets a known ticket stand in for the number, and refuses an unknown one', async () => {
      const call = (await post({ ...inbound, end_user_number: undefined, ticket_id: 76517 })).body as CallObject;
      expect(call.out_ticket_id).to.equal('76517');
      expect((await post({ ...outbound, end_user_number: '123', ticket_id: '71450' })).body).to.include({
        out_ticket_id: '71450',
      });
      expect((await post({ ...scheduled, ticket_id: '1' })).body).to.deep.equal(message('Contact not found'));
    });

    it('offers a region variant when its language is offered, case-sensitively', async () => {
      expect((await post({ ...inbound, lang: 'es-MX' })).status).to.equal(201);
      expect((await post({ ...inbound, lang: 'fr-CA' })).body).to.deep.equal(
        message("Language 'fr-CA' is not available"),
      );
      expect((await post({ ...inbound, lang: 'EN' })).body).to.deep.equal(message("Language 'EN' is not found"));
      mock.world.languages.push('fr');
      expect((await post({ ...inbound, lang: 'fr-CA' })).status).to.equal(201);
    });

    it('refuses a scheduled_at that is malformed or not in the future (extensions)', async () => {
      expect((await post({ ...scheduled, scheduled_at: 'next tuesday' })).body).to.deep.equal(
        message('scheduled_at is not well formed'),
      );
      expect((await post({ ...scheduled, scheduled_at: '2019-09-15T00:19:14' })).body).to.deep.equal(
        message('scheduled_at is not well formed'),
      );
      expect((await post({ ...scheduled, scheduled_at: '2019-09-10T00:19:14Z' })).body).to.deep.equal(
        message('scheduled_at must be in the future'),
      );
      const call = (await post({ ...scheduled, scheduled_at: '2019-09-15T09:00:00+09:00' })).body as CallObject;
      expect(call.scheduled_at).to.equal('2019-09-15T00:00:00.000Z');
    });

    it('follows the real clock when now is null', async () => {
      mock.world.now = null;
      expect((await post(scheduled)).body).to.deep.equal(message('scheduled_at must be in the future'));
      const soon = new Date(Date.now() + 3_600_000).toISOString();
      expect((await post({ ...scheduled, scheduled_at: soon })).status).to.equal(201);
    });

    it('checks call_id of a scheduled call (extensions) and takes its menu unless menu_id is given', async () => {
      const base = { ...scheduled, menu_id: undefined };
      expect((await post({ ...base, call_id: 9999 })).body).to.deep.equal(message('call_id 9999 is not found'));
      expect((await post({ ...base, call_id: 'abc' })).body).to.deep.equal(message('call_id is not well formed'));
      const call = (await post({ ...base, call_id: 514, menu_id: 10 })).body as CallObject;
      expect(call).to.include({ parent_id: 514 });
      expect(call.selected_menu).to.include({ id: 10, menu_type: 'web_menu' });
    });

    it("uses the sent outbound number when it is the agent's (digits compared), else the default", async () => {
      mock.world.agents['admin@somedomain.com']!.outboundNumbers = ['+1 339-219-5276', '+1 415-555-0134'];
      expect((await post({ ...outbound, outbound_number: '+14155550134' })).body).to.include({
        outbound_number: '+1 415-555-0134',
      });
      expect((await post({ ...inbound, outbound_number: '+1 000' })).body).to.include({
        outbound_number: '+1 339-219-5276',
      });
    });

    it('reports recording permission only where the menu asks for it', async () => {
      const granted = { ...inbound, recording_permission: 'recording_permission_granted' };
      expect((await post(granted)).body).to.include({ recording_permission: 'not_asked' });
      mock.world.menus[9]!.asksRecordingPermission = true;
      expect((await post(granted)).body).to.include({ recording_permission: 'granted' });
    });

    it('updates flags with either spelling and refuses non-booleans (extension)', async () => {
      expect((await send('PATCH', '/calls/514/customer_flag', { repeat_customers: true })).body).to.include({
        repeat_customer: true,
      });
      expect(await send('PATCH', '/calls/514/customer_flag', { bad_actor: 'yes' })).to.deep.equal({
        status: 400,
        body: message('bad_actor must be true or false'),
      });
      expect((await send('GET', '/calls/514/customer_flag')).body).to.deep.equal({
        verified_customer: true,
        bad_actor: false,
        repeat_customer: true,
      });
      expect(await send('PATCH', '/calls/514/customer_flag', [true])).to.deep.equal({
        status: 400,
        body: message('Missing parameters'),
      });
    });

    it('reads a call through the Manager API, with updated_at (extension)', async () => {
      const manager = `${location.origin}/manager/api/v1`;
      const call = (await post(scheduled)).body as CallObject;
      expect((await send('GET', `/calls/${call.id}`, undefined, manager)).body).to.deep.equal({
        ...call,
        updated_at: call.created_at,
      });
      mock.world.now = '2019-09-12T00:00:00Z';
      await send('PATCH', `/calls/scheduled/${call.id}/cancel`);
      expect((await send('GET', `/calls/${call.id}`, undefined, manager)).body).to.include({
        status: 'cancelled',
        updated_at: '2019-09-12T00:00:00.000Z',
      });
      expect(await send('GET', '/calls/9999', undefined, manager)).to.deep.equal({
        status: 404,
        body: message('Call not found'),
      });
      expect(await send('DELETE', `/calls/${call.id}`, undefined, manager)).to.deep.equal({
        status: 404,
        body: message('Resource not found'),
      });
    });

    it('leaves a call that is not scheduled unchanged on cancel', async () => {
      const { status, body } = await send('PATCH', '/calls/scheduled/514/cancel');
      expect(status).to.equal(200);
      expect(body).to.include({ id: 514, status: 'finished' });
    });

    it('filters wait times and checks their language', async () => {
      expect(((await send('GET', '/wait_times?lang=en')).body as unknown[]).length).to.equal(3);
      expect((await send('GET', '/wait_times?lang=ja&menu_type=web_menu&channel_type=chat')).body).to.deep.equal([
        {
          menu_id: 10,
          menu_type: 'web_menu',
          voice_call: null,
          chat: 2,
          materialized_path: '10',
          logged_in_agents: 3,
          available_agents: 2,
          breakthrough_agents: 0,
        },
      ]);
      expect((await send('GET', '/wait_times?lang=fr')).body).to.deep.equal(message("Language 'fr' is not available"));
      expect((await send('GET', '/wait_times?lang=en&menu_id=9999')).body).to.deep.equal(
        message('menu_id 9999 is not found'),
      );
      expect((await send('GET', '/wait_times?lang=en&channel_type=sms')).body).to.deep.equal(
        message('channel_type must be voice_call or chat'),
      );
    });
  });
});
