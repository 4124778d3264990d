import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Time, timers and jitter, replaceable so that tests can drive a schedule without waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** In [0, 1). */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

export interface PollingOptions {
  /** One read. It must give up when `signal` aborts; a rejection counts as a failed read. */
  read(signal: AbortSignal): Promise<void>;
  /** A read failed (not called for reads this controller aborted). */
  failed(error: unknown): void;
  /** Milliseconds until the next read after one finished, or `null` to stop. */
  nextDelay(outcome: { consecutiveErrors: number; error: unknown }): number | null;
  /** Read at every use, so the host may swap it before connecting. */
  clock(): Clock;
}

/**
 * Runs reads one at a time on a schedule the host decides, and only while it is worth it: none
 * while the document is hidden (a read that came due then runs as soon as the page is visible
 * again), none after the host is disconnected (the read in flight is aborted and no timer is
 * left), never two at once.
 */
export class PollingController implements ReactiveController {
  readonly #options: PollingOptions;
  #running = false;
  #connected = false;
  /** When the next read is due (ms since the epoch); it stays in the past while a read runs. */
  #dueAt = 0;
  #timer: unknown = undefined;
  #inFlight: AbortController | undefined;
  #consecutiveErrors = 0;

  constructor(host: ReactiveControllerHost, options: PollingOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** (Re)starts polling with a clean error count: the first read in `delayMs`, or stops for `null`. */
  start(delayMs: number | null = 0): void {
    this.stop();
    if (delayMs === null) return;
    this.#running = true;
    this.#dueAt = this.#clock.now() + delayMs;
    this.#arm();
  }

  /** Aborts the read in flight and forgets the schedule. */
  stop(): void {
    this.#running = false;
    this.#consecutiveErrors = 0;
    this.#disarm();
    this.#abort();
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    // Back on the page: a read that was cut short or came due meanwhile runs at once.
    this.#arm();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#disarm();
    this.#abort();
  }

  get #clock(): Clock {
    return this.#options.clock();
  }

  readonly #onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') this.#disarm();
    else this.#arm();
  };

  /** Sets the timer for the next read, or reads now when it is due. */
  #arm(): void {
    this.#disarm();
    if (!this.#running || !this.#connected || this.#inFlight || document.visibilityState === 'hidden') return;
    const wait = this.#dueAt - this.#clock.now();
    if (wait <= 0) {
      void this.#read();
      return;
    }
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#arm();
    }, wait);
  }

  #disarm(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #abort(): void {
    this.#inFlight?.abort();
    this.#inFlight = undefined;
  }

  async #read(): Promise<void> {
    const controller = new AbortController();
    this.#inFlight = controller;
    let error: unknown = undefined;
    try {
      await this.#options.read(controller.signal);
      this.#consecutiveErrors = 0;
    } catch (caught) {
      if (controller.signal.aborted) return;
      error = caught;
      this.#consecutiveErrors++;
      this.#options.failed(caught);
    } finally {
      if (this.#inFlight === controller) this.#inFlight = undefined;
    }
    if (controller.signal.aborted) return;
    const delay = this.#options.nextDelay({ consecutiveErrors: this.#consecutiveErrors, error });
    if (delay === null) {
      this.#running = false;
      return;
    }
    this.#dueAt = this.#clock.now() + delay;
    this.#arm();
  }
}
