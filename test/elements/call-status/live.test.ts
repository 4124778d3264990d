/**
 * Live push: a read whose answer offers the call's event stream (`Ccai-Events`, as `ccai-gateway`
 * sends it) turns polling off and the stream on, with the same events and announcements; a
 * hidden tab closes it; a refused stream falls back to polling; a final status ends it. The mock
 * answers the read and the stream as the gateway documents them (README, "Several instances").
 */
import { aTimeout, expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { en } from '../../../src/i18n/en.js';
import {
  MINUTE,
  SECOND,
  announced,
  collect,
  mock,
  mount,
  pollAfter,
  reads,
  setVisibility,
  statusName,
  until,
  useMockApi,
  worldCall,
} from './helpers.js';

const CAPABILITY = 'v1.910.99999999999.test-capability';

interface Opened {
  url: URL;
  capabilityHeader: string | null;
  push(call: object): void;
}

/**
 * Every `EventSource` the page made, to see whether it was closed (a close does not reach the
 * mock's handler through the service worker).
 */
const sources: EventSource[] = [];
const NativeEventSource = globalThis.EventSource;
class RecordedEventSource extends NativeEventSource {
  constructor(url: string | URL, init?: EventSourceInit) {
    super(url, init);
    sources.push(this);
  }
}
const closed = (index: number) => sources[index]?.readyState === NativeEventSource.CLOSED;

/** Streams the element opened, in order; each can be pushed to and says when its client left. */
let opened: Opened[] = [];
let eventId = 0;

/** Reads of the call itself (the stream's requests reach the same path plus `/events`). */
const callReads = () => reads.filter((url) => !new URL(url).pathname.endsWith('/events'));

function offerStream(worker: ReturnType<typeof useMockApi>['worker'], { refuse = false } = {}) {
  worker.use(
    http.get('*/apps/api/v1/calls/:id/events', ({ request }) => {
      if (refuse) return HttpResponse.json({ message: 'Call not found' }, { status: 404 });
      const encoder = new TextEncoder();
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      const stream: Opened = {
        url: new URL(request.url),
        capabilityHeader: request.headers.get('Ccai-Capability'),
        push: (call) =>
          controller.enqueue(encoder.encode(`event: status\nid: ${++eventId}\ndata: ${JSON.stringify(call)}\n\n`)),
      };
      opened.push(stream);
      return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }),
    // The read as the gateway answers it: the call, and where its stream is, relative to the read.
    http.get('*/apps/api/v1/calls/:id', ({ params }) => {
      const call = mock.world.calls[Number(params.id)];
      if (!call) return HttpResponse.json({ message: 'Call not found' }, { status: 404 });
      return HttpResponse.json(call, { headers: { 'Ccai-Events': `${params.id}/events` } });
    }),
  );
}

describe('<ccai-call-status> live push', function () {
  this.timeout(20_000);
  const { worker } = useMockApi();
  before(() => void (globalThis.EventSource = RecordedEventSource));
  after(() => void (globalThis.EventSource = NativeEventSource));
  afterEach(() => {
    opened = [];
    sources.length = 0;
  });

  it('listens to the stream a read offers instead of polling, with the same events and announcements', async () => {
    offerStream(worker);
    const call = worldCall(910, { status: 'queued' });
    const changes = collect('ccai-status-change');
    const { el, clock } = await mount({ callId: '910', capability: CAPABILITY });
    await until(() => opened.length === 1, 'no stream was opened');
    // `EventSource` sends no headers: the capability goes in the query.
    expect(opened[0]!.url.pathname).to.equal('/apps/api/v1/calls/910/events');
    expect(opened[0]!.url.searchParams.get('capability')).to.equal(CAPABILITY);
    expect(opened[0]!.capabilityHeader).to.equal(null);
    opened[0]!.push({ ...call, status: 'queued' });
    opened[0]!.push({ ...call, status: 'assigned', agent_info: { name: 'Ada' } });
    await until(() => statusName(el) === en.statusNames.assigned, 'the pushed status is not shown');
    expect(announced(el)).to.contain(en.statusNames.assigned);
    expect(changes.map((event) => [event.detail.previousStatus, event.detail.call.status])).to.deep.equal([
      [null, 'queued'],
      ['queued', 'assigned'],
    ]);
    // No poll while the stream is open, however long.
    clock.tick(30 * MINUTE);
    await aTimeout(50);
    expect(callReads()).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('ends the stream at a final status', async () => {
    offerStream(worker);
    const call = worldCall(911, { status: 'connected' });
    const { el, clock } = await mount({ callId: '911', capability: CAPABILITY });
    await until(() => opened.length === 1, 'no stream was opened');
    opened[0]!.push({ ...call, status: 'finished' });
    await until(() => statusName(el) === en.statusNames.finished, 'the final status is not shown');
    await until(() => closed(0), 'the stream stayed open');
    clock.tick(30 * MINUTE);
    await aTimeout(50);
    expect(callReads()).to.have.length(1);
    expect(opened).to.have.length(1);
  });

  it('closes the stream while the tab is hidden and opens it again when shown', async () => {
    offerStream(worker);
    const call = worldCall(912, { status: 'queued' });
    const { el } = await mount({ callId: '912', capability: CAPABILITY });
    await until(() => opened.length === 1, 'no stream was opened');
    setVisibility('hidden');
    await until(() => closed(0), 'the stream stayed open in a hidden tab');
    setVisibility('visible');
    await until(() => opened.length === 2, 'no stream was opened again');
    opened[1]!.push({ ...call, status: 'connecting' });
    await until(() => statusName(el) === en.statusNames.connecting, 'the status after the return is not shown');
    expect(callReads()).to.have.length(1);
  });

  it('falls back to polling when the stream is refused', async () => {
    offerStream(worker, { refuse: true });
    worldCall(913, { status: 'queued' });
    const errors = collect('ccai-error');
    const { el, clock } = await mount({ callId: '913', capability: CAPABILITY });
    await until(() => reads.some((url) => url.includes('/913/events')), 'the stream was not tried');
    await until(() => closed(0), 'the refused stream was not given up');
    await until(() => callReads().length === 2, 'no read at once after the refusal');
    mock.world.calls[913]!.status = 'assigned';
    // The clock moves a second at a time until the poll comes: the next poll is timed from when the
    // read at once was handled, which may come after the read was seen leaving.
    await until(
      () => (clock.tick(SECOND), statusName(el) === en.statusNames.assigned),
      'no poll after the refused stream',
      { timeout: 10_000 },
    );
    expect(callReads().length, 'polled, not streamed').to.be.above(2);
    expect(errors).to.have.length(0);
  });

  it('elements showing one call share one stream', async () => {
    offerStream(worker);
    const call = worldCall(914, { status: 'queued' });
    const first = await mount({ callId: '914', capability: CAPABILITY });
    await until(() => opened.length === 1, 'no stream was opened');
    const second = await mount({ callId: '914', capability: CAPABILITY });
    opened[0]!.push({ ...call, status: 'assigned' });
    await until(
      () => [first.el, second.el].every((el) => statusName(el) === en.statusNames.assigned),
      'not every element shows the pushed status',
    );
    expect(opened).to.have.length(1);
    expect(sources).to.have.length(1);
  });

  it('polls as before when the read offers no stream', async () => {
    worldCall(915, { status: 'queued' });
    const errors = collect('ccai-error');
    const { el, clock } = await mount({ callId: '915', capability: CAPABILITY });
    await until(() => statusName(el) === en.statusNames.queued, 'the status is not shown');
    await pollAfter(el, clock, 15 * SECOND, errors);
    expect(opened).to.have.length(0);
    expect(reads.filter((url) => url.endsWith('/events'))).to.have.length(0);
  });
});
