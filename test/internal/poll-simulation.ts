/**
 * The rate budget of `<ccai-call-status>`, simulated: one visitor's page watching one call on a
 * fake clock while the call moves through a timeline, every read counted.
 *
 * A "watcher" is what polls: `policyWatcher` is the element's polling in miniature — the real
 * `PollingController` (timers, visibility, one read at a time, a status first seen when a read
 * returns it) with the element's policy, `callPollPolicy` — and runs anywhere,
 * Node included (`scripts/budget.mjs` loads this file through Vite and gives it a stand-in
 * `document`). `naiveWatcher` is the comparison: a timer every few seconds that ignores
 * visibility. `test/internal/poll-budget.test.ts` also drives the real element through `simulate`,
 * which proves the miniature counts what the element does.
 */
import { isTerminalStatus } from '../../src/core/calls.js';
import { callPollPolicy } from '../../src/internal/poll-policy.js';
import { PollingController, type Clock } from '../../src/internal/polling-controller.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
/** When the visitor opens the page (a Tuesday morning). */
export const T0 = Date.parse('2030-01-15T09:00:00Z');

/** The call's status from each offset (ms after `T0`) on; the first entry is at 0. */
export type Timeline = readonly (readonly [offsetMs: number, status: string])[];

export interface Scenario {
  name: string;
  timeline: Timeline;
  /** The call's `scheduled_at`, as an offset from `T0`. */
  scheduledAtMs?: number;
  /** The page is closed (the element removed) this long after `T0`, if still polling then. */
  watchMs: number;
  /** Intervals `[from, to)` (offsets) in which the tab is hidden. */
  hidden?: readonly (readonly [fromMs: number, toMs: number])[];
}

/** The call as the server has it at `now`. */
export interface KnownCall {
  status: string;
  scheduled_at: string | null;
}

/** What a watcher is given: the clock, and the server's answer to one read (which it counts). */
export interface Environment {
  clock: FakeClock;
  serve(): KnownCall;
}

/** One visitor's page: it opens, polls on `env.clock` through `env.serve`, and closes. */
export interface Watcher {
  open(): void;
  close(): void;
  /** Resolves once every read started so far has been answered and handled. */
  settled(): Promise<void>;
}

export interface SimulationResult {
  /** Offsets of every read. */
  reads: number[];
  /** Reads made while the tab was hidden. */
  hiddenReads: number;
  /** From opening to the read that saw a final status, or to closing. */
  activeMs: number;
  /** The most reads in any 60-second window. */
  peakPerMinute: number;
}

/** Timers that fire only when the simulation moves time on; jitter fixed (0: the most reads). */
export class FakeClock implements Clock {
  time = T0;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();
  #nextId = 1;

  constructor(readonly jitter = 0) {}

  now(): number {
    return this.time;
  }

  random(): number {
    return this.jitter;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** When the earliest timer fires, `Infinity` without one. */
  get nextAt(): number {
    return Math.min(...[...this.#timers.values()].map((timer) => timer.at));
  }

  /** Moves time to the earliest timer and fires it. */
  fireNext(): void {
    const [id, timer] = [...this.#timers].sort(([, a], [, b]) => a.at - b.at)[0]!;
    this.#timers.delete(id);
    this.time = timer.at;
    timer.callback();
  }
}

/** Lets pending promise callbacks run (a message, not a timer: timers are throttled in background tabs). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Makes the page look hidden or shown, as the browser reports it (the controller reads `document`). */
export function setVisibility(state: DocumentVisibilityState, announce: boolean): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  if (announce) document.dispatchEvent(new Event('visibilitychange'));
}

const statusAt = (timeline: Timeline, offsetMs: number) => timeline.filter(([offset]) => offset <= offsetMs).at(-1)![1];
const isHiddenAt = (scenario: Scenario, offsetMs: number) =>
  (scenario.hidden ?? []).some(([from, to]) => from <= offsetMs && offsetMs < to);

/** Runs `scenario` for the watcher `make` builds, and counts its reads. */
export async function simulate(
  scenario: Scenario,
  make: (env: Environment) => Watcher,
  jitter = 0,
): Promise<SimulationResult> {
  const clock = new FakeClock(jitter);
  const reads: number[] = [];
  let hiddenReads = 0;
  let endedAt: number | null = null;
  const scheduledAt = scenario.scheduledAtMs === undefined ? null : new Date(T0 + scenario.scheduledAtMs).toISOString();
  const serve = (): KnownCall => {
    const offset = clock.now() - T0;
    reads.push(offset);
    if (isHiddenAt(scenario, offset)) hiddenReads++;
    const status = statusAt(scenario.timeline, offset);
    if (isTerminalStatus(status)) endedAt ??= offset;
    return { status, scheduled_at: scheduledAt };
  };
  // Visibility changes still to come, in order (times as on the clock).
  const changes = (scenario.hidden ?? [])
    .flatMap(([from, to]) => [from, to])
    .filter((offset) => offset > 0)
    .sort((a, b) => a - b)
    .map((offset) => T0 + offset);
  const watcher = make({ clock, serve });
  setVisibility(isHiddenAt(scenario, 0) ? 'hidden' : 'visible', false);
  try {
    watcher.open();
    await watcher.settled();
    for (;;) {
      const nextChange = changes[0] ?? Infinity;
      if (Math.min(clock.nextAt, nextChange) >= T0 + scenario.watchMs) break;
      // A change and a timer at the same moment: the change first (hidden then, the timer is dropped).
      if (clock.nextAt < nextChange) clock.fireNext();
      else {
        clock.time = changes.shift()!;
        setVisibility(isHiddenAt(scenario, clock.time - T0) ? 'hidden' : 'visible', true);
      }
      await watcher.settled();
    }
  } finally {
    watcher.close();
    // Back to what the browser says (a no-op stand-in in Node).
    delete (document as { visibilityState?: unknown }).visibilityState;
  }
  return { reads, hiddenReads, activeMs: endedAt ?? scenario.watchMs, peakPerMinute: peakPerMinute(reads) };
}

function peakPerMinute(reads: number[]): number {
  return Math.max(
    0,
    ...reads.map((start) => reads.filter((offset) => offset >= start && offset < start + MINUTE).length),
  );
}

/** The element's polling in miniature: its controller and its policy; answers come at once. */
export function policyWatcher({ clock, serve }: Environment): Watcher {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const poller = new PollingController<KnownCall>(host, {
    source: () => ({ scope: host, key: 'the call', read: async () => serve() }),
    policy: callPollPolicy,
    received: () => undefined,
    failed: () => undefined,
    clock: () => clock,
  });
  return {
    // As Lit does: the controller learns of the connection, then the first update starts polling.
    open: () => {
      poller.hostConnected();
      poller.start();
    },
    close: () => poller.hostDisconnected(),
    settled: nextTask,
  };
}

/** `setInterval(read, intervalMs)` that stops at a final status and knows nothing of visibility. */
export const naiveWatcher =
  (intervalMs = 5 * SECOND) =>
  ({ clock, serve }: Environment): Watcher => {
    let timer: unknown;
    const read = () => {
      if (isTerminalStatus(serve().status)) return;
      timer = clock.setTimeout(read, intervalMs);
    };
    return { open: read, close: () => clock.clearTimeout(timer), settled: async () => undefined };
  };

/** Booked 60 min ahead; queued 10 s after the time, assigned at +60 s, connected at +100 s, then `talkMinutes` on the phone. */
export function hourAhead(talkMinutes: number): Scenario {
  const connectedAt = 61 * MINUTE + 40 * SECOND;
  return {
    name: `(a) booked 1 h ahead, watched until finished (${talkMinutes}-min call)`,
    timeline: [
      [0, 'scheduled'],
      [60 * MINUTE + 10 * SECOND, 'queued'],
      [61 * MINUTE, 'assigned'],
      [61 * MINUTE + 20 * SECOND, 'connecting'],
      [connectedAt, 'connected'],
      [connectedAt + talkMinutes * MINUTE, 'finished'],
    ],
    scheduledAtMs: 60 * MINUTE,
    watchMs: connectedAt + (talkMinutes + 30) * MINUTE,
  };
}

/** A call already queued, still queued when the visitor leaves ten minutes later. */
export const queuedTenMinutes: Scenario = {
  name: '(b) live queued call, watched for 10 min',
  timeline: [[0, 'queued']],
  watchMs: 10 * MINUTE,
};

/** The same queued call on a page opened in a background tab and never looked at for ten minutes. */
export const hiddenTenMinutes: Scenario = {
  name: '(c) hidden tab, queued call, 10 min',
  timeline: [[0, 'queued']],
  watchMs: 10 * MINUTE,
  hidden: [[0, 10 * MINUTE]],
};

/** The visitor looks at the queued call, switches to another tab for ten minutes, and comes back. */
export const hiddenAfterAGlance: Scenario = {
  name: '(c′) queued call; tab hidden from +30 s to +10 min 30 s',
  timeline: [[0, 'queued']],
  watchMs: 11 * MINUTE,
  hidden: [[30 * SECOND, 10 * MINUTE + 30 * SECOND]],
};

export const BUDGET_SCENARIOS: readonly Scenario[] = [
  hourAhead(10),
  hourAhead(30),
  queuedTenMinutes,
  hiddenTenMinutes,
  hiddenAfterAGlance,
];
