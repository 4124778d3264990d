// An outside integrator's view of `ccai-widgets/mock`: the built package, imported by its public
// name, answering plain `fetch` in Node through `msw/node`, on any origin.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { createCallsApiMock } from 'ccai-widgets/mock';

const mock = createCallsApiMock({ now: '2019-09-10T00:19:14Z' });
const server = setupServer(...mock.handlers);

const TENANT = 'https://tenant.example.com/apps/api/v1';
const OTHER = 'http://localhost:8787/apps/api/v1';
const MANAGER = 'https://tenant.example.com/manager/api/v1';

async function send(method, url, body) {
  const init = { method, headers: { 'Content-Type': 'application/json' } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

const post = (body, base = TENANT) => send('POST', `${base}/calls`, body);

async function expectError(promise, status, message) {
  const response = await promise;
  assert.equal(response.status, status);
  assert.deepEqual(response.body, { message });
  assert.match(response.type ?? '', /application\/json/);
}

// Request bodies as the documentation page shows them.
const outbound = {
  call_type: 'Voice Outbound (API)',
  agent_email: 'admin@somedomain.com',
  end_user_number: '+1 859-657-9625',
  outbound_number: '+1 339-219-5276',
  lang: 'en',
};
const inbound = {
  call_type: 'Voice Inbound (API)',
  lang: 'en',
  menu_id: 9,
  end_user_number: '+1 859-657-9625',
  recording_permission: 'recording_permission_granted',
};
const scheduled = {
  call_type: 'Voice Scheduled (API)',
  lang: 'en',
  menu_id: 9,
  end_user_number: '+82-10-6861-2345',
  scheduled_at: '2019-09-15T00:19:14.421Z',
  recording_permission: 'recording_permission_granted',
};

describe('ccai-widgets/mock in Node', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.reset());
  after(() => server.close());

  it('O1 agent not available', async () => {
    await expectError(
      post({
        call_type: 'Voice Outbound (API)',
        agent_email: 'agent@somedomain.com',
        end_user_number: '+1 205-123-4567',
        lang: 'en',
      }),
      400,
      'Agent is not available to take this call',
    );
  });

  it('O2 outbound call by end_user_number, on two origins', async () => {
    for (const base of [TENANT, OTHER]) {
      const { status, body } = await post(outbound, base);
      assert.equal(status, 201);
      assert.equal(body.call_type, 'Voice Outbound (API)');
      assert.equal(body.status, 'assigned');
      assert.equal(body.agent_info.name, 'Admin UJET');
      assert.equal(body.end_user, null);
      assert.deepEqual(
        body.participants.map((p) => [p.type, p.status]),
        [
          ['agent', 'waiting'],
          ['end_user', 'waiting'],
        ],
      );
      assert.equal(body.outbound_number, '+1 339-219-5276');
    }
  });

  it('O3 outbound call by ticket_id', async () => {
    const { status, body } = await post({
      call_type: 'Voice Outbound (API)',
      agent_email: 'admin@somedomain.com',
      ticket_id: '71450',
      outbound_number: '+1 339-219-5276',
      lang: 'en',
    });
    assert.equal(status, 201);
    assert.equal(body.out_ticket_id, '71450');
    assert.deepEqual(body.end_user, { id: 67, identifier: null, out_contact_id: '381630957514' });
    assert.equal(body.participants[1].end_user_id, 67);
  });

  it('O4 neither ticket_id nor end_user_number', async () => {
    await expectError(
      post({ call_type: 'Voice Outbound (API)', agent_email: 'admin@somedomain.com', lang: 'en' }),
      400,
      'ticket_id or end_user_number required',
    );
  });

  it('O6 no agent email', async () => {
    await expectError(
      post({ call_type: 'Voice Outbound (API)', end_user_number: '+1 205-123-4567', lang: 'en' }),
      400,
      'Agent email required',
    );
  });

  it('O7 agent may not call', async () => {
    await expectError(
      post({
        call_type: 'Voice Outbound (API)',
        agent_email: 'allen@somedomain.com',
        end_user_number: '+1 205-123-4567',
        lang: 'en',
      }),
      400,
      'Agent does not have access to make calls',
    );
  });

  it('O8 malformed number (with a hyphen)', async () => {
    await expectError(post({ ...outbound, end_user_number: '123123' }), 400, 'end_user_number is not well-formed');
  });

  it('O9 ticket_id 1 has no contact', async () => {
    await expectError(
      post({
        call_type: 'Voice Outbound (API)',
        agent_email: 'admin@somedomain.com',
        outbound_number: '+1 760-410-8538',
        ticket_id: 1,
        lang: 'en',
      }),
      400,
      'Contact not found',
    );
  });

  it('O10 several outbound numbers, none chosen: 202 with the accepted parameters', async () => {
    mock.world.agents['admin@somedomain.com'].outboundNumbers.push('+1 760-867-5309');
    const { status, body } = await post({
      call_type: 'Voice Outbound (API)',
      agent_email: 'admin@somedomain.com',
      end_user_number: '+1 859-657-9625',
      lang: 'en',
    });
    assert.equal(status, 202);
    assert.deepEqual(body, {
      call_type: 'Voice Outbound (API)',
      agent_email: 'admin@somedomain.com',
      end_user_number: '+1 859-657-9625',
      lang: 'en',
    });
  });

  it('O11 invalid call type', async () => {
    await expectError(post({ ...outbound, call_type: 'InvalidCallType' }), 400, 'Invalid call type');
  });

  it('O13 the agent dials by hand: 202 with an empty body', async () => {
    mock.world.agents['admin@somedomain.com'].dialsTicketsManually = true;
    const response = await fetch(`${TENANT}/calls`, { method: 'POST', body: JSON.stringify(outbound) });
    assert.equal(response.status, 202);
    assert.equal(await response.text(), '');
  });

  it('I1 malformed number (without a hyphen)', async () => {
    await expectError(
      post({ ...inbound, end_user_number: '+1 999-657-12' }),
      400,
      'end_user_number is not well formed',
    );
  });

  it('I5 menu 50 is not an IVR or mobile menu', async () => {
    await expectError(post({ ...inbound, menu_id: 50 }), 400, 'Only IVR and mobile menu IDs are permitted');
  });

  it('I6 inbound call by end_user_number', async () => {
    const { status, body } = await post({ ...inbound, end_user_number: '+82-10-6861-2345' });
    assert.equal(status, 201);
    assert.equal(body.id, 515);
    assert.equal(body.status, 'queued');
    assert.equal(body.queued_at, '2019-09-10T00:19:14.000Z');
    assert.equal(body.selected_menu.menu_type, 'mobile_menu');
    assert.equal(body.offer_type, 'cascade');
  });

  it('I7 menu after hours (world changed at run time)', async () => {
    mock.world.menus[9].state = 'after_hours';
    await expectError(post(inbound), 400, "Menu is in 'after hours' state, can't accept incoming calls");
  });

  it('I10 unknown language', async () => {
    await expectError(post({ ...inbound, lang: 'xy' }), 400, "Language 'xy' is not found");
  });

  it('I12 malformed menu id', async () => {
    await expectError(post({ ...inbound, menu_id: 'menu_999' }), 400, 'menu_id is not well formed');
  });

  it('S4 neither menu_id nor call_id', async () => {
    const { menu_id: _, ...body } = scheduled;
    await expectError(post(body), 400, 'menu_id is required');
  });

  it('S6 scheduled call by menu_id', async () => {
    const { status, body } = await post(scheduled);
    assert.equal(status, 201);
    assert.equal(body.call_type, 'Voice Scheduled (API)');
    assert.equal(body.status, 'scheduled');
    assert.equal(body.scheduled_at, '2019-09-15T00:19:14.421Z');
    assert.equal(body.queued_at, null);
  });

  it('S7 scheduled call by call_id', async () => {
    const { menu_id: _, ...rest } = scheduled;
    const { status, body } = await post({ ...rest, call_id: 514 });
    assert.equal(status, 201);
    assert.equal(body.parent_id, 514);
    assert.equal(body.selected_menu.id, 9);
  });

  it('S9 language not offered', async () => {
    await expectError(post({ ...scheduled, lang: 'fr' }), 400, "Language 'fr' is not available");
  });

  it('S14 scheduled_at is required', async () => {
    const { scheduled_at: _, ...body } = scheduled;
    await expectError(post(body), 400, 'scheduled_at is required');
  });

  it('F1–F3 customer flags: read, update (either spelling), unknown call', async () => {
    assert.deepEqual((await send('GET', `${TENANT}/calls/514/customer_flag`)).body, {
      verified_customer: true,
      bad_actor: false,
      repeat_customer: false,
    });
    const updated = await send('PATCH', `${OTHER}/calls/514/customer_flag`, {
      repeat_customers: true,
      bad_actor: true,
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body, { verified_customer: true, bad_actor: true, repeat_customer: true });
    await expectError(send('GET', `${TENANT}/calls/9999/customer_flag`), 404, 'Call not found');
  });

  it('C1–C3 cancel a scheduled call, again, and an unknown one', async () => {
    const { body: call } = await post(scheduled);
    const first = await send('PATCH', `${TENANT}/calls/scheduled/${call.id}/cancel`);
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'cancelled');
    const again = await fetch(`${TENANT}/calls/scheduled/${call.id}/cancel`, { method: 'PATCH' });
    assert.equal(again.status, 204);
    await expectError(send('PATCH', `${TENANT}/calls/scheduled/9999/cancel`), 404, 'Call not found');
  });

  it('W1–W2 wait times', async () => {
    const { status, body } = await send('GET', `${TENANT}/wait_times?lang=en&menu_id=9`);
    assert.equal(status, 200);
    assert.equal(body.length, 1);
    assert.equal(body[0].menu_id, 9);
    assert.equal(typeof body[0].voice_call, 'number');
    await expectError(send('GET', `${TENANT}/wait_times`), 400, 'lang is required');
  });

  it('G1 unknown path', async () => {
    await expectError(send('GET', `${TENANT}/agents`), 404, 'Resource not found');
    await expectError(send('DELETE', `${OTHER}/calls`), 404, 'Resource not found');
  });

  it('G2 body not JSON, or not an object', async () => {
    await expectError(post('{not json'), 400, 'Missing parameters');
    await expectError(post('[1, 2]'), 400, 'Missing parameters');
  });

  it('Manager API: a call is the Apps API call plus updated_at, set on creation and when cancelled', async () => {
    const { body: created } = await post(scheduled);
    const read = await send('GET', `${MANAGER}/calls/${created.id}`);
    assert.equal(read.status, 200);
    assert.match(read.type ?? '', /application\/json/);
    assert.deepEqual(read.body, { ...created, updated_at: '2019-09-10T00:19:14.000Z' });
    mock.world.now = '2019-09-11T08:00:00Z';
    await send('PATCH', `${TENANT}/calls/scheduled/${created.id}/cancel`);
    const cancelled = (await send('GET', `${MANAGER}/calls/${created.id}`)).body;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.updated_at, '2019-09-11T08:00:00.000Z');
    assert.equal(cancelled.created_at, '2019-09-10T00:19:14.000Z');
    assert.equal(
      (await send('GET', `${TENANT}/calls/${created.id}`)).body.updated_at,
      undefined,
      'the Apps API has no updated_at',
    );
  });

  it('Manager API: updated_at of a call changed by hand is its latest timestamp', async () => {
    assert.equal((await send('GET', `${MANAGER}/calls/514`)).body.updated_at, '2019-09-09T23:47:31.204Z');
    mock.world.calls[600] = {
      ...structuredClone(mock.world.calls[514]),
      id: 600,
      status: 'connected',
      ends_at: null,
      participants: [],
    };
    assert.equal((await send('GET', `${MANAGER}/calls/600`)).body.updated_at, '2019-09-09T23:41:15.790Z');
  });

  it('Manager API: unknown call, and any other path or method', async () => {
    await expectError(send('GET', `${MANAGER}/calls/9999`), 404, 'Call not found');
    await expectError(send('GET', `${MANAGER}/calls/abc`), 404, 'Call not found');
    await expectError(send('GET', `${MANAGER}/calls`), 404, 'Resource not found');
    await expectError(send('PATCH', `${MANAGER}/calls/514`, {}), 404, 'Resource not found');
    await expectError(send('GET', `${MANAGER}/calls/514/customer_flag`), 404, 'Resource not found');
    await expectError(send('GET', 'http://localhost:8787/manager/api/v1'), 404, 'Resource not found');
  });

  it('reset() restores the world in place', async () => {
    const world = mock.world;
    await post(inbound);
    world.menus[9].state = 'manual_redirection';
    mock.reset();
    assert.equal(mock.world, world);
    assert.equal(world.menus[9].state, 'open');
    assert.equal(world.calls[515], undefined);
    assert.deepEqual(world.updatedAt, {});
  });
});
