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
  /** A read succeeded (this host's or one shared with it); `previous` is the latest value before it. */
  received(value: T, previous: T | undefined): void;
  /** A read failed. */
  failed(error: unknown): void;
  /** When to read next. */
  policy: PollPolicy<T>;
  /** Read at every use, so the host may swap it before connecting. */
  clock(): Clock;
}

/** What the policy decides from: the latest value known, how long it has been in its phase, the failures in a row. */
export interface PollState<T> {
  /** The latest value read or `seen`, `undefined` before the first. */
  latest: T | undefined;
  /** When `latest`'s phase was first seen (ms on the clock). */
  phaseSince: number;
  now: number;
  /** Failed reads in a row (0 after a success). */
  consecutiveErrors: number;
  /** The last failure, when `consecutiveErrors > 0`. */
  error: unknown;
  /** Jitter source in [0, 1). */
  random(): number;
}

export interface PollPolicy<T> {
  /** What a value is doing (a call's status): a policy may wait longer the longer it stays the same. */
  phaseOf(value: T): string;
  /** Milliseconds until the next read, or `null` to stop. */
  nextDelay(state: PollState<T>): number | null;
}

/**
 * Polls on the schedule its policy sets, and only while it is worth it: none while the document is
 * hidden (a read that came due then runs as soon as the page is visible again), none after the
 * host is disconnected (no timer is left), never two at once. It keeps what the policy decides
 * from: the latest value (read, or `seen` when the host learns one otherwise), since when its
 * phase holds, and the failures in a row. The reads themselves go through `call-watch.ts`: hosts
 * watching the same source share them, and the page keeps to a ceiling of reads per second. A
 * read in flight when the host leaves is not aborted (others may be waiting for it), but its
 * answer reaches this host only if it is connected again.
 */
export class PollingController<T> implements ReactiveController {
  readonly #options: PollingOptions<T>;
  #running = false;
  #connected = false;
  /** When this host wants the next read (ms on the clock). */
  #dueAt = 0;
  #consecutiveErrors = 0;
  #latest: T | undefined;
  #phaseSince = 0;
  #source: PollSource<T> | undefined;
  #subscription: Subscription | undefined;

  readonly #subscriber: Subscriber<T> = {
    wantsReadAt: () =>
      this.#running && this.#connected && document.visibilityState !== 'hidden' ? this.#dueAt : Infinity,
    read: () => this.#source!.read(),
    received: (value) => {
      this.#consecutiveErrors = 0;
      const previous = this.seen(value);
      this.#options.received(value, previous);
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

  /** The latest value read or `seen`: what the schedule follows. */
  get latest(): T | undefined {
    return this.#latest;
  }

  /**
   * (Re)starts polling the host's source with a clean error count: the first read at once, or
   * `'when-due'` when the policy says the latest value is due for one (it may say never).
   */
  start(first: 'now' | 'when-due' = 'now'): void {
    this.stop();
    const delay = first === 'now' ? 0 : this.#nextDelay(null);
    if (delay === null) return;
    this.#running = true;
    this.#source = this.#options.source();
    this.#dueAt = this.#clock.now() + delay;
    this.#join();
  }

  /** Forgets the schedule and stops taking answers; the latest value is kept. */
  stop(): void {
    this.#running = false;
    this.#consecutiveErrors = 0;
    this.#leave();
    this.#source = undefined;
  }

  /** A value learnt otherwise (the host was given it), or read: the schedule follows it. Returns the one it replaces. */
  seen(value: T): T | undefined {
    const previous = this.#latest;
    const { phaseOf } = this.#options.policy;
    if (previous === undefined || phaseOf(previous) !== phaseOf(value)) this.#phaseSince = this.#clock.now();
    this.#latest = value;
    return previous;
  }

  /** The latest value belongs to something no longer watched (another call): nothing is known now. */
  forget(): void {
    this.#latest = undefined;
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

  #nextDelay(error: unknown): number | null {
    const clock = this.#clock;
    return this.#options.policy.nextDelay({
      latest: this.#latest,
      phaseSince: this.#phaseSince,
      now: clock.now(),
      consecutiveErrors: this.#consecutiveErrors,
      error,
      random: () => clock.random(),
    });
  }

  #planNext(error: unknown): void {
    const delay = this.#nextDelay(error);
    if (delay === null) {
      this.#running = false;
      this.#leave();
      return;
    }
    this.#dueAt = this.#clock.now() + delay;
    this.#subscription?.changed();
  }
}
