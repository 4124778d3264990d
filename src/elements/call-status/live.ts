/**
 * What keeps a `<ccai-call-status>` current once it has a call id: polling within the tenant's
 * budget (shared reads, `internal/call-watch.ts`), the gateway's live stream when one is offered,
 * and the client they read through. Loaded when the element is first given a call id, not with the
 * page: an element that only shows a call pushed into it never needs it (see `call-status.ts`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isTerminalStatus } from '../../core/calls.js';
import { callEventsUrl, type CallsClient } from '../../core/client.js';
import { CallsApiError } from '../../core/errors.js';
import type { Call } from '../../core/schemas.js';
import type { Clock } from '../../internal/clock.js';
import { callPollPolicy, isGone, toPollError } from '../../internal/poll-policy.js';
import { PollingController, type PollSource } from '../../internal/polling-controller.js';
import { listen } from './call-stream.js';

export { loadClientModule } from '../../internal/client-module.js';

/**
 * The live streams gateways offered on their reads, by client and source key: whichever element's
 * read saw the offer, every element sharing that source may use it.
 */
const offeredStreams = new WeakMap<object, Map<string, string>>();

/** The element, as the live status sees it. */
export interface LiveHost extends ReactiveControllerHost, HTMLElement {
  readonly callId?: number;
  readonly src: string;
  readonly capability?: string;
  readonly call?: Call;
  readonly clock: Clock;
}

export interface LiveEvents {
  /** The client reads go through (its module is loaded with this one). */
  api(): CallsClient;
  /** A read or a streamed state brought `call`; `previous` is the call known before it. */
  received(call: Call, previous: Call | undefined): void;
  /** A read failed. */
  failed(error: unknown): void;
}

/** The failure means the call is unknown (404): no read will find it. */
export const gone = (error: unknown) => isGone(toPollError(error));

export class LiveStatus implements ReactiveController {
  readonly #host: LiveHost;
  readonly #events: LiveEvents;
  /** Stops listening to the live stream, while listening. */
  #leaveStream: (() => void) | undefined;
  /** The stream was closed for a hidden tab or a detached element, to open again on return. */
  #paused = false;
  /** Streams that failed for the current source: polled instead until the source changes. */
  readonly #failedStreams = new Set<string>();

  /** Reads `call` on the poll policy's schedule; it knows the latest call it was told of or read. */
  readonly #poller: PollingController<Call>;

  constructor(host: LiveHost, events: LiveEvents) {
    this.#host = host;
    this.#events = events;
    this.#poller = new PollingController<Call>(host, {
      source: () => this.#source(),
      policy: callPollPolicy,
      received: (call, previous) => {
        events.received(call, previous);
        this.#listenLive();
      },
      failed: (error) => events.failed(error),
      clock: () => host.clock,
    });
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    this.#resume();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#pause();
  }

  /** The page learnt `call` (pushed in): the schedule goes on from it. */
  seen(call: Call): void {
    this.#poller.seen(call);
  }

  /** Another call: nothing known about it yet. */
  forget(): void {
    this.#poller.forget();
  }

  /**
   * The source (id, `src`, `capability`, client) changed, or a call was pushed in: a new source is
   * read now (its stream, if any, is left), a pushed call lets the next read wait its turn.
   */
  follow(sourceChanged: boolean, pushed: boolean): void {
    if (sourceChanged) {
      this.#stopListening();
      this.#paused = false;
      this.#failedStreams.clear();
    }
    // Live already: the stream carries on from the pushed call.
    if (this.#leaveStream) return;
    if (!this.#host.callId) this.#poller.stop();
    else this.#poller.start(pushed ? 'when-due' : 'now');
  }

  /** Hidden: the stream closes (it costs nothing then); shown: it opens again with the status as it is now. */
  readonly #onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') this.#pause();
    else this.#resume();
  };

  #pause(): void {
    if (this.#leaveStream) this.#paused = true;
    this.#stopListening();
  }

  /** Back on the page: the stream again, or (no room for it now) polling from where it was. */
  #resume(): void {
    if (!this.#paused || !this.#host.isConnected || document.visibilityState === 'hidden') return;
    this.#paused = false;
    if (!this.#listenLive()) this.#poller.start('when-due');
  }

  /** Listens to the stream the gateway offered for this call, unless it failed, the call is over, or the tab is hidden. */
  #listenLive(): boolean {
    if (this.#leaveStream) return true;
    const host = this.#host;
    if (!host.isConnected || document.visibilityState === 'hidden' || !host.callId) return false;
    if (host.call && isTerminalStatus(host.call.status)) return false;
    const source = this.#source();
    const url = offeredStreams.get(source.scope)?.get(source.key);
    if (!url || this.#failedStreams.has(url)) return false;
    const leave = listen(url, {
      status: (data) => void this.#streamed(data),
      failed: () => {
        this.#leaveStream = undefined;
        this.#failedStreams.add(url);
        this.#poller.start('now');
      },
    });
    if (!leave) return false;
    this.#leaveStream = leave;
    this.#poller.stop();
    return true;
  }

  #stopListening(): void {
    this.#leaveStream?.();
    this.#leaveStream = undefined;
  }

  /** One state from the stream, checked as a read's answer is; the same events and announcements follow. */
  async #streamed(data: unknown): Promise<void> {
    let call: Call;
    try {
      call = await this.#events.api().parseCall(data);
    } catch {
      return;
    }
    if (!this.#leaveStream || call.id !== this.#host.callId) return;
    this.#events.received(call, this.#poller.seen(call));
    if (isTerminalStatus(call.status)) this.#stopListening();
  }

  /**
   * The call as one read sees it: elements with the same client (one per `base-url`, or the same
   * injected one), `src`, `call-id` and `capability` share their reads (see `internal/call-watch.ts`).
   */
  #source(): PollSource<Call> {
    const host = this.#host;
    const api = this.#events.api();
    const id = host.callId ?? NaN; // read only while there is a call id
    const capability = host.capability;
    const url = host.src ? host.src.replaceAll('{base-url}', '{baseUrl}') : undefined;
    const key = JSON.stringify([id, url ?? null, capability ?? null]);
    return {
      scope: api,
      key,
      read: async () => {
        const onHeaders = (headers: Headers, readUrl: string) => {
          let byKey = offeredStreams.get(api);
          if (!byKey) offeredStreams.set(api, (byKey = new Map()));
          const offered = callEventsUrl(headers, readUrl, capability);
          if (offered) byKey.set(key, offered);
          else byKey.delete(key);
        };
        const call = await api.getCall(id, { url, retries: 0, capability, onHeaders });
        // Another call's status must never be shown as this one's.
        if (call.id !== id)
          throw new CallsApiError(`Unexpected response: call ${call.id} instead of ${id}`, {
            kind: 'parse',
            status: 200,
            body: call,
          });
        return call;
      },
    };
  }
}
