/**
 * Reads shared by everything on the page that watches the same source, under a page-wide ceiling
 * on reads per second. `PollingController` subscribes here; it never reads by itself.
 *
 * Why: the tenant allows 10 requests/s for *all* visitors together (calls-api.md). When every
 * `<ccai-call-status>` polled on its own, 200 elements showing one call cost ~350 reads in 20 s,
 * a page showing 50 calls sent ~130 reads in its first second, and an element taken out and put
 * back in a loop started a new read each time. So:
 *
 * - **One read per source.** A source is one thing as one read sees it (for a call: the client,
 *   which stands for its base URL or is the injected one, the URL template, the id and the
 *   capability). Its subscribers say when they want the next read; the source reads once, at the
 *   soonest of those times (their poll policies normally agree), never twice at once, and hands
 *   the answer (or the failure) to every subscriber. One that joins a source others are watching
 *   gets the last answer at once instead of a read.
 * - **A ceiling per page.** At most `READS_PER_SECOND` reads start in any second; reads that come
 *   due beyond it wait in order of arrival, so a page of 50 calls is read two a second from load
 *   on, and every one is read in turn.
 * - **Leaving does not abort.** A read in flight when its last subscriber leaves runs to its end
 *   (the request is sent; aborting it saves the tenant nothing) and its answer is kept: a
 *   subscriber that comes back within `FRESH_MS` of it is given that answer rather than reading
 *   again. Nothing else happens without subscribers: no timer, no read.
 *
 * "The page" is everything on one `Clock`: the real clock in production, and each hand-driven
 * clock of a test its own page, so that tests neither share answers nor wait on one another.
 */
import type { Clock } from './clock.js';

/** Reads that may start in any one second, page-wide. */
export const READS_PER_SECOND = 2;
/** An answer this young is as good as a read for a subscriber coming back (the shortest poll interval). */
export const FRESH_MS = 15_000;
const WINDOW_MS = 1000;

export interface Subscriber<T> {
  /** When this subscriber wants the next read (ms on the clock); `Infinity` for not now (hidden, stopped). */
  wantsReadAt(): number;
  /** One read of the source (any subscriber's does: they are equal). */
  read(): Promise<T>;
  /** A read succeeded (or the last answer is handed over on joining). */
  received(value: T): void;
  /** A read failed. */
  failed(error: unknown): void;
}

export interface Subscription {
  /** The subscriber's `wantsReadAt` changed. */
  changed(): void;
  /** Stops delivering to this subscriber. */
  leave(): void;
}

/** Subscribes to the source `key` within `scope` (an object the key belongs to, e.g. a client). */
export function watch<T>(clock: Clock, scope: object, key: string, subscriber: Subscriber<T>): Subscription {
  return pageOf(clock).source<T>(scope, key).join(subscriber);
}

const pages = new WeakMap<Clock, Page>();

function pageOf(clock: Clock): Page {
  let page = pages.get(clock);
  if (!page) pages.set(clock, (page = new Page(clock)));
  return page;
}

class Page {
  readonly ceiling: Ceiling;
  readonly #sources = new WeakMap<object, Map<string, Source<unknown>>>();

  constructor(readonly clock: Clock) {
    this.ceiling = new Ceiling(clock);
  }

  source<T>(scope: object, key: string): Source<T> {
    let byKey = this.#sources.get(scope);
    if (!byKey) this.#sources.set(scope, (byKey = new Map()));
    let source = byKey.get(key);
    if (!source) {
      // Forget sources nobody came back to, so that a long-lived page does not collect them.
      for (const [other, idle] of byKey) if (idle.forgettable) byKey.delete(other);
      byKey.set(key, (source = new Source(this)));
    }
    return source as Source<T>;
  }
}

/** Starts reads in order of arrival, at most `READS_PER_SECOND` in any second. */
class Ceiling {
  readonly #clock: Clock;
  #starts: number[] = [];
  readonly #waiting: Source<unknown>[] = [];
  #timer: unknown = undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  request(source: Source<unknown>): void {
    if (!this.#waiting.includes(source)) this.#waiting.push(source);
    this.#drain();
  }

  withdraw(source: Source<unknown>): void {
    const index = this.#waiting.indexOf(source);
    if (index >= 0) this.#waiting.splice(index, 1);
    if (this.#waiting.length === 0) this.#clearTimer();
  }

  #drain(): void {
    this.#clearTimer();
    while (this.#waiting.length > 0) {
      const now = this.#clock.now();
      this.#starts = this.#starts.filter((at) => at > now - WINDOW_MS);
      if (this.#starts.length >= READS_PER_SECOND) {
        this.#timer = this.#clock.setTimeout(
          () => {
            this.#timer = undefined;
            this.#drain();
          },
          this.#starts[0]! + WINDOW_MS - now,
        );
        return;
      }
      if (this.#waiting.shift()!.start()) this.#starts.push(now);
    }
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

class Source<T> {
  readonly #page: Page;
  readonly #subscribers = new Set<Subscriber<T>>();
  /** Everyone who ever joined, with the answer they last got, so that one coming back is given a newer one it missed. */
  readonly #given = new WeakMap<Subscriber<T>, Answer<T> | undefined>();
  #last: Answer<T> | undefined;
  #inFlight = false;
  #queued = false;
  #delivering = false;
  #timer: unknown = undefined;

  constructor(page: Page) {
    this.#page = page;
  }

  /** Nobody watches it, nothing is under way, and its answer is too old to hand to anyone coming back. */
  get forgettable(): boolean {
    return this.#subscribers.size === 0 && !this.#inFlight && (!this.#last || !this.#fresh(this.#last));
  }

  join(subscriber: Subscriber<T>): Subscription {
    const cameBack = this.#given.has(subscriber);
    if (!cameBack) this.#given.set(subscriber, undefined);
    const others = this.#subscribers.size > 0;
    this.#subscribers.add(subscriber);
    const last = this.#last;
    if (last && this.#given.get(subscriber) !== last && (others || (cameBack && this.#fresh(last)))) {
      this.#given.set(subscriber, last);
      this.#delivering = true;
      try {
        subscriber.received(last.value);
      } finally {
        this.#delivering = false;
      }
    }
    this.#schedule();
    return {
      changed: () => this.#schedule(),
      leave: () => {
        if (this.#subscribers.delete(subscriber)) this.#schedule();
      },
    };
  }

  /** Called by the ceiling when this source's turn has come: reads, unless nobody wants it now. */
  start(): boolean {
    this.#queued = false;
    const now = this.#page.clock.now();
    const reader = [...this.#subscribers].find((subscriber) => subscriber.wantsReadAt() <= now);
    if (!reader) {
      this.#schedule();
      return false;
    }
    this.#inFlight = true;
    void this.#read(reader);
    return true;
  }

  async #read(reader: Subscriber<T>): Promise<void> {
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await reader.read() };
    } catch (error) {
      outcome = { error };
    }
    this.#inFlight = false;
    this.#delivering = true;
    try {
      if ('value' in outcome) {
        const answer = { value: outcome.value, at: this.#page.clock.now() };
        this.#last = answer;
        this.#deliver((subscriber) => {
          this.#given.set(subscriber, answer);
          subscriber.received(answer.value);
        });
      } else {
        this.#deliver((subscriber) => subscriber.failed(outcome.error));
      }
    } finally {
      this.#delivering = false;
    }
    this.#schedule();
  }

  /** To each subscriber in turn; one that leaves meanwhile (an event handler may remove it) is skipped. */
  #deliver(to: (subscriber: Subscriber<T>) => void): void {
    for (const subscriber of [...this.#subscribers]) if (this.#subscribers.has(subscriber)) to(subscriber);
  }

  #fresh(answer: Answer<T>): boolean {
    return this.#page.clock.now() - answer.at < FRESH_MS;
  }

  /** Sets the timer for the soonest read any subscriber wants, or queues it at the ceiling when due. */
  #schedule(): void {
    if (this.#delivering) return;
    const clock = this.#page.clock;
    if (this.#timer !== undefined) clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#inFlight) return;
    const due = Math.min(...[...this.#subscribers].map((subscriber) => subscriber.wantsReadAt()));
    if (due === Infinity) {
      if (this.#queued) this.#page.ceiling.withdraw(this as Source<unknown>);
      this.#queued = false;
      return;
    }
    if (this.#queued) return;
    const wait = due - clock.now();
    if (wait > 0) {
      this.#timer = clock.setTimeout(() => {
        this.#timer = undefined;
        this.#schedule();
      }, wait);
      return;
    }
    this.#queued = true;
    this.#page.ceiling.request(this as Source<unknown>);
  }
}

interface Answer<T> {
  value: T;
  /** When it arrived (ms on the clock). */
  at: number;
}
