import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { watch, type Subscriber, type Subscription } from './call-watch.js';
import type { Clock } from './clock.js';

export { systemClock, type Clock } from './clock.js';

/** What is read: hosts with equal `scope` and `key` (on one clock) share their reads. */
export interface PollSource<T> {
  /** An object the key belongs to, e.g. the client the read goes through. */
  scope: object;
  /** Tells sources within `scope` apart, e.g. the id, URL template and capability of a call. */
  key: string;
  /** One read. A rejection counts as a failed read. */
  read(): Promise<T>;
}

export interface PollingOptions<T> {
  /** What to read; asked at every `start`. */
  source(): PollSource<T>;
  /** A read succeeded (this host's or one shared with it). */
  received(value: T): void;
  /** A read failed. */
  failed(error: unknown): void;
  /** Milliseconds until the next read after one finished, or `null` to stop. */
  nextDelay(outcome: { consecutiveErrors: number; error: unknown }): number | null;
  /** Read at every use, so the host may swap it before connecting. */
  clock(): Clock;
}

/**
 * Polls on a schedule the host decides, and only while it is worth it: none while the document is
 * hidden (a read that came due then runs as soon as the page is visible again), none after the
 * host is disconnected (no timer is left), never two at once. The reads themselves go through
 * `call-watch.ts`: hosts watching the same source share them, and the page keeps to a ceiling of
 * reads per second. A read in flight when the host leaves is not aborted (others may be waiting
 * for it), but its answer reaches this host only if it is connected again.
 */
export class PollingController<T> implements ReactiveController {
  readonly #options: PollingOptions<T>;
  #running = false;
  #connected = false;
  /** When this host wants the next read (ms on the clock). */
  #dueAt = 0;
  #consecutiveErrors = 0;
  #source: PollSource<T> | undefined;
  #subscription: Subscription | undefined;

  readonly #subscriber: Subscriber<T> = {
    wantsReadAt: () => (this.#running && this.#connected && document.visibilityState !== 'hidden' ? this.#dueAt : Infinity),
    read: () => this.#source!.read(),
    received: (value) => {
      this.#consecutiveErrors = 0;
      this.#options.received(value);
      this.#planNext(null);
    },
    failed: (error) => {
      this.#consecutiveErrors++;
      this.#options.failed(error);
      this.#planNext(error);
    },
  };

  constructor(host: ReactiveControllerHost, options: PollingOptions<T>) {
    this.#options = options;
    host.addController(this);
  }

  /** (Re)starts polling the host's source with a clean error count: the first read in `delayMs`, or stops for `null`. */
  start(delayMs: number | null = 0): void {
    this.stop();
    if (delayMs === null) return;
    this.#running = true;
    this.#source = this.#options.source();
    this.#dueAt = this.#clock.now() + delayMs;
    this.#join();
  }

  /** Forgets the schedule and stops taking answers. */
  stop(): void {
    this.#running = false;
    this.#consecutiveErrors = 0;
    this.#leave();
    this.#source = undefined;
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    // Back on the page: a read that came due meanwhile runs at once (or a fresh answer is handed over).
    this.#join();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#leave();
  }

  get #clock(): Clock {
    return this.#options.clock();
  }

  readonly #onVisibilityChange = () => this.#subscription?.changed();

  #join(): void {
    if (!this.#running || !this.#connected || this.#subscription || !this.#source) return;
    const { scope, key } = this.#source;
    const subscription = watch(this.#clock, scope, key, this.#subscriber);
    // Joining may hand over an answer at once, and that may have ended polling.
    if (this.#running && this.#connected && !this.#subscription) this.#subscription = subscription;
    else subscription.leave();
  }

  #leave(): void {
    this.#subscription?.leave();
    this.#subscription = undefined;
  }

  #planNext(error: unknown): void {
    const delay = this.#options.nextDelay({ consecutiveErrors: this.#consecutiveErrors, error });
    if (delay === null) {
      this.#running = false;
      this.#leave();
      return;
    }
    this.#dueAt = this.#clock.now() + delay;
    this.#subscription?.changed();
  }
}
