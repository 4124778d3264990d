/**
 * Every documented example of `calls-api.md` (section 4), reproduced by the mock in Chromium and
 * read through the real client. Request bodies are the documentation page's own, changed only
 * where section 5 says the page contradicts itself; world changes are the spec table's.
 */
import { expect } from '@open-wc/testing';
import {
  CallsApiError,
  callSchema,
  createCallsClient,
  type Call,
  type CreateCallRequest,
} from '../../src/core/index.js';
import { createCallsApiMock } from '../../src/mock/index.js';
import { useMockApi } from '../helpers/mock-api.js';

const mock = createCallsApiMock({ now: '2019-09-10T00:19:14Z' });
const client = createCallsClient({ baseUrl: location.origin });
const api = `${location.origin}/apps/api/v1`;

/** Every key the documentation's call objects show. */
const DOCUMENTED_KEYS = [
  'id',
  'parent_id',
  'lang',
  'call_type',
  'status',
  'created_at',
  'queued_at',
  'assigned_at',
  'connected_at',
  'ends_at',
  'scheduled_at',
  'wait_duration',
  'call_duration',
  'hold_duration',
  'rating',
  'has_feedback',
  'voip_provider',
  'out_ticket_id',
  'out_ticket_url',
  'verified',
  'recording_url',
  'recording_permission',
  'voicemail_reason',
  'deflection',
  'disconnected_by',
  'fail_details',
  'fail_reason',
  'support_number',
  'selected_menu',
  'menu_path',
  'agent_info',
  'end_user',
  'photos',
  'videos',
  'transfers',
  'participants',
  'deflection_details',
  'offer_type',
  'offer_events',
  'answer_type',
  'outbound_number',
];

// --- The page's request bodies -----------------------------------------------------------------
const outbound = (fields: Record<string, unknown>) => ({ call_type: 'Voice Outbound (API)', ...fields });
const inbound = {
  call_type: 'Voice Inbound (API)',
  lang: 'en',
  menu_id: 9,
  end_user_number: '+1 859-657-9625',
  recording_permission: 'recording_permission_granted',
};
const scheduled = { ...inbound, call_type: 'Voice Scheduled (API)', scheduled_at: '2019-09-15T00:19:14.421Z' };

function without<T extends Record<string, unknown>>(body: T, key: keyof T): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...body };
  delete copy[key as string];
  return copy;
}

const send = (body: Record<string, unknown>) => client.createCall(body as CreateCallRequest, { validate: false });

async function rejection(promise: Promise<unknown>): Promise<CallsApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CallsApiError);
    return error as CallsApiError;
  }
  throw new Error('expected the request to be refused');
}

async function expectRefused(promise: Promise<unknown>, status: number, message: string): Promise<void> {
  const error = await rejection(promise);
  expect(error.kind).to.equal('http');
  expect(error.status).to.equal(status);
  expect(error.message).to.equal(message);
  expect(error.body).to.deep.equal({ message });
}

const refused = (body: Record<string, unknown>, message: string) => expectRefused(send(body), 400, message);

async function created(body: Record<string, unknown>): Promise<Call> {
  const result = await send(body);
  expect(result.kind).to.equal('created');
  if (result.kind !== 'created') throw new Error('not created');
  expect(result.status).to.equal(201);
  expect(callSchema.safeParse(result.call).success).to.equal(true);
  expect(Object.keys(result.call)).to.include.members(DOCUMENTED_KEYS);
  return result.call;
}

async function accepted(body: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  const result = await send(body);
  expect(result.kind).to.equal('accepted');
  if (result.kind !== 'accepted') throw new Error('not accepted');
  expect(result.status).to.equal(202);
  return result.params;
}

const agents = () => mock.world.agents;
const twoNumbers = ['+1 339-219-5276', '+1 415-555-0134'];

describe('documented examples (calls-api.md section 4)', () => {
  useMockApi({ mock });

  describe('outbound', () => {
    it('O1 agent not available', () =>
      refused(
        outbound({ agent_email: 'agent@somedomain.com', end_user_number: '+1 205-123-4567', lang: 'en' }),
        'Agent is not available to take this call',
      ));

    it('O2 by end_user_number', async () => {
      const call = await created(
        outbound({
          agent_email: 'admin@somedomain.com',
          end_user_number: '+1 859-657-9625',
          outbound_number: '+1 339-219-5276',
          lang: 'en',
        }),
      );
      expect(call).to.include({
        id: 515,
        call_type: 'Voice Outbound (API)',
        status: 'assigned',
        lang: 'en',
        assigned_at: '2019-09-10T00:19:14.000Z',
      });
      expect(call).to.include({
        end_user: null,
        out_ticket_id: null,
        queued_at: null,
        answer_type: 'manual',
        offer_type: null,
        outbound_number: '+1 339-219-5276',
      });
      expect(call.agent_info).to.deep.include({ id: 1, name: 'Admin UJET', first_name: 'Admin', last_name: 'UJET' });
      expect(call.participants!.map((p) => [p.type, p.status, p.user_id, p.end_user_id])).to.deep.equal([
        ['agent', 'waiting', 1, null],
        ['end_user', 'waiting', null, null],
      ]);
      expect(call.offer_events).to.deep.equal([]);
    });

    it('O3 by ticket_id 71450', async () => {
      const call = await created(
        outbound({
          agent_email: 'admin@somedomain.com',
          ticket_id: '71450',
          outbound_number: '+1 339-219-5276',
          lang: 'en',
        }),
      );
      expect(call).to.include({ status: 'assigned', out_ticket_id: '71450', outbound_number: '+1 339-219-5276' });
      expect(call.end_user).to.deep.equal({ id: 67, identifier: null, out_contact_id: '381630957514' });
      expect(call.participants!.map((p) => [p.type, p.status, p.end_user_id])).to.deep.equal([
        ['agent', 'waiting', null],
        ['end_user', 'waiting', 67],
      ]);
    });

    it('O4 neither ticket nor number', () =>
      refused(outbound({ agent_email: 'admin@somedomain.com', lang: 'en' }), 'ticket_id or end_user_number required'));

    it("O5 email is not an agent's", () => {
      delete agents()['admin@somedomain.com'];
      return refused(
        outbound({ agent_email: 'admin@somedomain.com', end_user_number: '+1 205-123-4567', lang: 'en' }),
        'Not a valid agent email',
      );
    });

    it('O6 no email', () =>
      refused(outbound({ end_user_number: '+1 205-123-4567', lang: 'en' }), 'Agent email required'));

    it('O7 agent lacks permission', () =>
      refused(
        outbound({ agent_email: 'allen@somedomain.com', end_user_number: '+1 205-123-4567', lang: 'en' }),
        'Agent does not have access to make calls',
      ));

    it('O8 malformed number', () => {
      agents()['allen@somedomain.com']!.canCall = true;
      return refused(
        outbound({
          agent_email: 'allen@somedomain.com',
          outbound_number: '+1 760-410-8538',
          end_user_number: '123123',
          lang: 'en',
        }),
        'end_user_number is not well-formed',
      );
    });

    it('O9 unknown ticket', () => {
      agents()['allen@somedomain.com']!.canCall = true;
      return refused(
        outbound({ agent_email: 'allen@somedomain.com', outbound_number: '+1 760-410-8538', ticket_id: 1, lang: 'en' }),
        'Contact not found',
      );
    });

    it('O10 must choose outbound number', async () => {
      Object.assign(agents()['allen@somedomain.com']!, { canCall: true, outboundNumbers: twoNumbers });
      const body = outbound({ agent_email: 'allen@somedomain.com', end_user_number: '+1 205-123-4567', lang: 'en' });
      // The page's response to this example, byte for byte.
      expect(await accepted(body)).to.deep.equal(body);
      expect(Object.keys(mock.world.calls), 'no call exists yet').to.deep.equal(['514']);
    });

    it('O11 invalid call type', () =>
      refused(
        {
          call_type: 'InvalidCallType',
          agent_email: 'allen@somedomain.com',
          outbound_number: '+1 760-410-8538',
          end_user_number: '123123',
          lang: 'en',
        },
        'Invalid call type',
      ));

    it('O12 adapter prompted with several outbound numbers', async () => {
      agents()['admin@somedomain.com']!.outboundNumbers = twoNumbers;
      const params = await accepted(
        outbound({
          agent_email: 'admin@somedomain.com',
          outbound_number: '+1 760-867-5309',
          end_user_number: '+1 859-657-9625',
          lang: 'en',
        }),
      );
      expect(params).to.deep.equal({
        call_type: 'Voice Outbound (API)',
        agent_email: 'admin@somedomain.com',
        end_user_number: '+1 859-657-9625',
        lang: 'en',
      });
    });

    it('O13 agent must dial from the ticket', async () => {
      Object.assign(agents()['allen@somedomain.com']!, { canCall: true, dialsTicketsManually: true });
      expect(
        await accepted(
          outbound({ agent_email: 'allen@somedomain.com', end_user_number: '+1 205-123-4567', lang: 'en' }),
        ),
      ).to.equal(null);
    });
  });

  describe('inbound', () => {
    it('I1 malformed number', () =>
      refused({ ...inbound, end_user_number: '+1 999-657-12' }, 'end_user_number is not well formed'));

    it('I2 menu in manual redirection', () => {
      mock.world.menus[9]!.state = 'manual_redirection';
      return refused(inbound, "Menu is in 'manual redirection' state, can't accept calls");
    });

    it('I3 invalid call type', () => refused({ ...inbound, call_type: 'InvalidCallType' }, 'Invalid call type'));

    it('I4 no menu', () => refused(without(inbound, 'menu_id'), 'menu_id is required'));

    it('I5 wrong menu channel', () =>
      refused({ ...inbound, menu_id: 50 }, 'Only IVR and mobile menu IDs are permitted'));

    it('I6 by end_user_number', async () => {
      const call = await created({ ...inbound, end_user_number: '+82-10-6861-2345' });
      expect(call).to.include({
        id: 515,
        call_type: 'Voice Inbound (API)',
        status: 'queued',
        created_at: '2019-09-10T00:19:14.000Z',
      });
      expect(call).to.include({
        queued_at: '2019-09-10T00:19:14.000Z',
        assigned_at: null,
        scheduled_at: null,
        agent_info: null,
        offer_type: 'cascade',
      });
      expect(call.selected_menu).to.deep.equal({
        id: 9,
        name: 'Lock Star',
        parent_id: null,
        position: 0,
        deleted: false,
        menu_type: 'mobile_menu',
        output_msg: 'You selected Lock Star.',
        hidden: false,
      });
      expect(call.menu_path).to.deep.equal({ items_count: 1, name: 'Lock Star', materialized_path: '9' });
      expect(call.offer_events).to.deep.equal([{ casting_time: '2019-09-10T00:19:14.000Z', group: 'Group 1' }]);
      expect(call.participants!.map((p) => [p.type, p.status, p.call_id])).to.deep.equal([
        ['end_user', 'waiting', 515],
      ]);
    });

    it('I7 menu after hours', () => {
      mock.world.menus[9]!.state = 'after_hours';
      return refused(inbound, "Menu is in 'after hours' state, can't accept incoming calls");
    });

    it('I8 language not available', () => refused({ ...inbound, lang: 'fr' }, "Language 'fr' is not available"));

    it('I9 by ticket_id 76517', async () => {
      const call = await created({ ...inbound, ticket_id: '76517' });
      expect(call).to.include({
        call_type: 'Voice Inbound (API)',
        status: 'queued',
        out_ticket_id: '76517',
        offer_type: 'cascade',
      });
      expect(call.end_user).to.deep.equal({ id: 75, identifier: null, out_contact_id: '389391400633' });
      expect(call.participants!.map((p) => [p.type, p.end_user_id])).to.deep.equal([['end_user', 75]]);
      expect(call.menu_path).to.deep.equal({ items_count: 1, name: 'Lock Star', materialized_path: '9' });
    });

    it('I10 unknown language', () => refused({ ...inbound, lang: 'xy' }, "Language 'xy' is not found"));

    it('I11 unknown menu', () => refused({ ...inbound, menu_id: 9999 }, 'menu_id 9999 is not found'));

    it('I12 malformed menu id', () => refused({ ...inbound, menu_id: 'menu_999' }, 'menu_id is not well formed'));

    it('I13 no number', () => refused(without(inbound, 'end_user_number'), 'end_user_number is required'));
  });

  describe('scheduled', () => {
    it('S1 malformed number', () =>
      refused({ ...scheduled, end_user_number: '+1 999-657-12' }, 'end_user_number is not well formed'));

    it('S2 menu in manual redirection', () => {
      mock.world.menus[9]!.state = 'manual_redirection';
      return refused(scheduled, "Menu is in 'manual redirection' state, can't accept calls");
    });

    it('S3 invalid call type', () => refused({ ...scheduled, call_type: 'InvalidCallType' }, 'Invalid call type'));

    it('S4 no menu and no call_id', () => refused(without(scheduled, 'menu_id'), 'menu_id is required'));

    it('S5 wrong menu channel', () =>
      refused({ ...scheduled, menu_id: 50 }, 'Only mobile and web menu IDs are permitted'));

    it('S6 by menu_id', async () => {
      const call = await created({ ...scheduled, end_user_number: '+82-10-6861-2345' });
      expect(call).to.include({
        id: 515,
        call_type: 'Voice Scheduled (API)',
        status: 'scheduled',
        created_at: '2019-09-10T00:19:14.000Z',
      });
      expect(call).to.include({
        scheduled_at: '2019-09-15T00:19:14.421Z',
        queued_at: null,
        parent_id: null,
        agent_info: null,
      });
      expect(call.selected_menu).to.deep.include({ id: 9, name: 'Lock Star', menu_type: 'mobile_menu' });
      expect(call.participants!.map((p) => [p.type, p.status])).to.deep.equal([['end_user', 'waiting']]);
    });

    it('S7 by call_id 514', async () => {
      const call = await created({
        ...without(scheduled, 'menu_id'),
        call_id: 514,
        end_user_number: '+82-10-6861-2345',
      });
      expect(call).to.include({
        call_type: 'Voice Scheduled (API)',
        status: 'scheduled',
        parent_id: 514,
        queued_at: null,
      });
      expect(call.scheduled_at).to.equal('2019-09-15T00:19:14.421Z');
      expect(call.selected_menu).to.deep.include({ id: 9, name: 'Lock Star' });
      expect(call.menu_path).to.deep.equal({ items_count: 1, name: 'Lock Star', materialized_path: '9' });
    });

    it('S8 menu after hours', () => {
      mock.world.menus[9]!.state = 'after_hours';
      return refused(scheduled, "Menu is in 'after hours' state, can't accept incoming calls");
    });

    it('S9 language not available', () => refused({ ...scheduled, lang: 'fr' }, "Language 'fr' is not available"));

    it('S10 unknown language', () => refused({ ...scheduled, lang: 'xy' }, "Language 'xy' is not found"));

    it('S11 unknown menu', () => refused({ ...scheduled, menu_id: 9999 }, 'menu_id 9999 is not found'));

    it('S12 malformed menu id', () => refused({ ...scheduled, menu_id: 'menu_999' }, 'menu_id is not well formed'));

    it('S13 no number', () => refused(without(scheduled, 'end_user_number'), 'end_user_number is required'));

    it('S14 scheduled_at is required', () => refused(without(scheduled, 'scheduled_at'), 'scheduled_at is required'));
  });

  describe('customer flags', () => {
    it('F1 GET /calls/:id/customer_flag', async () => {
      expect(await client.getCustomerFlags(514)).to.deep.equal({
        verified_customer: true,
        bad_actor: false,
        repeat_customer: false,
      });
      const call = await created({ ...inbound, end_user_number: '+82-10-6861-2345' });
      expect(await client.getCustomerFlags(call.id)).to.deep.equal({
        verified_customer: false,
        bad_actor: false,
        repeat_customer: false,
      });
    });

    it('F2 PATCH /calls/:id/customer_flag with any subset of the three booleans', async () => {
      expect(await client.updateCustomerFlags(514, { repeat_customer: true })).to.deep.equal({
        verified_customer: true,
        bad_actor: false,
        repeat_customer: true,
      });
      expect(await client.updateCustomerFlags(514, { verified_customer: false, bad_actor: true })).to.deep.equal({
        verified_customer: false,
        bad_actor: true,
        repeat_customer: true,
      });
      expect(await client.getCustomerFlags(514)).to.deep.equal({
        verified_customer: false,
        bad_actor: true,
        repeat_customer: true,
      });
    });

    it('F3 either, unknown call id', async () => {
      await expectRefused(client.getCustomerFlags(9999), 404, 'Call not found');
      await expectRefused(client.updateCustomerFlags(9999, { bad_actor: true }), 404, 'Call not found');
    });
  });

  describe('cancel and wait times', () => {
    it('C1 cancel a scheduled call', async () => {
      const call = await created(scheduled);
      const result = await client.cancelScheduledCall(call.id);
      expect(result.kind).to.equal('cancelled');
      if (result.kind === 'cancelled') expect(result.call).to.include({ id: call.id, status: 'cancelled' });
      expect((await client.getCall(call.id)).status).to.equal('cancelled');
    });

    it('C2 cancel it again', async () => {
      const call = await created(scheduled);
      await client.cancelScheduledCall(call.id);
      expect(await client.cancelScheduledCall(call.id)).to.deep.equal({ kind: 'already-cancelled' });
    });

    it('C3 cancel an unknown id', () => expectRefused(client.cancelScheduledCall(9999), 404, 'Call not found'));

    it('W1 GET /wait_times?lang=en&menu_id=9', async () => {
      const waits = await client.getWaitTimes({ lang: 'en', menuId: 9 });
      expect(waits).to.have.length(1);
      expect(waits[0]).to.include({ menu_id: 9, menu_type: 'mobile_menu', voice_call: 3, materialized_path: '9' });
      expect(waits[0]!.logged_in_agents).to.be.a('number');
    });

    it('W2 GET /wait_times without lang', async () => {
      const response = await fetch(`${api}/wait_times?menu_id=9`);
      expect(response.status).to.equal(400);
      expect(await response.json()).to.deep.equal({ message: 'lang is required' });
    });
  });

  describe('general', () => {
    it('G1 unknown path or wrong subdomain', async () => {
      for (const [method, path] of [
        ['GET', '/agents'],
        ['POST', '/call'],
        ['DELETE', '/calls/514'],
      ]) {
        const response = await fetch(`${api}${path}`, { method });
        expect(response.status, `${method} ${path}`).to.equal(404);
        expect(response.headers.get('content-type')).to.contain('application/json');
        expect(await response.json()).to.deep.equal({ message: 'Resource not found' });
      }
    });

    it('G2 body that is not JSON, or not an object', async () => {
      for (const body of ['call_type=Voice Inbound (API)', '"Voice Inbound (API)"', '[]', 'null', '']) {
        const response = await fetch(`${api}/calls`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        expect(response.status, body).to.equal(400);
        expect(await response.json()).to.deep.equal({ message: 'Missing parameters' });
      }
    });
  });
});
