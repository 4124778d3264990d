/**
 * When `<ccai-call-status>` asks for a call again: a pure function, so that its cost can be
 * simulated with a fake clock and its rules tested without a browser.
 *
 * The budget: the tenant allows 10 requests/s shared by every visitor of the site (calls-api.md).
 * A visitor watching one call should therefore cost a few dozen requests over the call's whole
 * life, not one every few seconds. Worst case (no jitter, which only ever lengthens a wait) for a
 * call scheduled one hour ahead, watched from booking until it ends, the platform queueing it at
 * the scheduled time and connecting it about 90 s later:
 *
 * | phase                          | rule                                      | requests |
 * |--------------------------------|-------------------------------------------|----------|
 * | first read                     | at once                                   | 1        |
 * | 60 min → 2 min before the time | half the remaining time, at most 15 min   | 6        |
 * | the scheduled time             | one wake-up when it is due                | 1        |
 * | queued/assigned/connecting     | every 15 s (~90 s)                        | 6        |
 * | connected, a 10-min call       | every 60 s, slower after 5 min (below)    | 9        |
 * | the read that sees it finished | then stop                                 | 1        |
 * | total                          |                                           | **24**   |
 *
 * A 30-min call costs 30: once a status has been unchanged for five base intervals (75 s live,
 * 5 min on the phone), the wait grows to a fifth of that time, at most 5 min, which also bounds a
 * call stuck in one status, or a tab left open on it, to 12 requests an hour. Hidden tabs cost
 * nothing (see the controller).
 * Errors back off exponentially with jitter from 5–10 s to 2.5–5 min, honour `Retry-After`, and
 * never poll sooner than a success would have.
 */
import { ROUTING_STATUSES, isTerminalStatus } from '../core/calls.js';
import { CallsApiError } from '../core/errors.js';
import { backoffDelay } from '../core/retry.js';
import type { PollPolicy } from './polling-controller.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const POLL_TIMING = {
  /** While the call is moving (selecting, queued, assigned, connecting, switching, just due). */
  liveMs: 15 * SECOND,
  /** While the visitor is on the phone, or in a status we do not know. */
  onCallMs: 60 * SECOND,
  /** The longest wait while a scheduled time is far away. */
  farMaxMs: 15 * MINUTE,
  /** Closer than this to the scheduled time, sleep until it is due instead of halving again. */
  wakeWithinMs: 2 * MINUTE,
  /** An unchanged status is polled at this fraction of the time it has been unchanged... */
  staleFactor: 0.2,
  /** ...up to this. */
  staleMaxMs: 5 * MINUTE,
  /** Normal waits are lengthened by up to this fraction, so that visitors drift apart. */
  jitter: 0.2,
  /** Error backoff: 5–10 s after the first failure, doubling, at most 2.5–5 min ("equal jitter"). */
  errorBackoff: { baseDelayMs: 10 * SECOND, maxDelayMs: 5 * MINUTE },
} as const;

/** What the policy needs to know about a failed read (a `CallsApiError` fits). */
export interface PollError {
  kind: string;
  status: number;
  retryAfterMs?: number | undefined;
}

/** What the policy reads of a call. */
export interface PolledCall {
  status: string;
  scheduled_at?: string | null | undefined;
}

export interface PollInput {
  /** The last call learned (fetched or pushed in), or `null` before the first one. */
  call: PolledCall | null;
  /** The current time, ms since the epoch. */
  now: number;
  /** When the current status was first seen, ms since the epoch. */
  statusSince: number;
  /** Failed reads in a row (0 after a success). */
  consecutiveErrors: number;
  /** The last failure, when `consecutiveErrors > 0`. */
  error?: PollError | null;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

/** Milliseconds until the next read of the call, or `null` to stop polling. */
export function nextPollDelay({
  call,
  now,
  statusSince,
  consecutiveErrors,
  error,
  random = Math.random,
}: PollInput): number | null {
  if (call && isTerminalStatus(call.status)) return null;
  if (error && isGone(error)) return null;
  const normal = call ? normalDelay(call, now, statusSince, random) : 0;
  if (consecutiveErrors === 0) return normal;
  const backoff = backoffDelay(consecutiveErrors - 1, POLL_TIMING.errorBackoff, random);
  return Math.max(normal, backoff, error?.retryAfterMs ?? 0);
}

/** An unknown call (404, 410) or a malformed id: asking again will not make it appear. */
export function isGone(error: PollError): boolean {
  return error.status === 404 || error.status === 410 || error.kind === 'validation';
}

/** What the policy knows of any failure: a `CallsApiError` as it is, anything else as a network failure. */
export function toPollError(error: unknown): PollError {
  return error instanceof CallsApiError ? error : { kind: 'network', status: 0 };
}

/** `nextPollDelay` for `PollingController`: a call's phase is its status. */
export const callPollPolicy: PollPolicy<PolledCall> = {
  phaseOf: (call) => call.status,
  nextDelay: ({ latest, phaseSince, now, consecutiveErrors, error, random }) =>
    nextPollDelay({
      call: latest ?? null,
      now,
      statusSince: phaseSince,
      consecutiveErrors,
      error: consecutiveErrors > 0 ? toPollError(error) : null,
      random,
    }),
};

function normalDelay(call: PolledCall, now: number, statusSince: number, random: () => number): number {
  const lengthen = (ms: number) => ms * (1 + POLL_TIMING.jitter * random());
  if (call.status === 'scheduled') {
    const scheduledAt = call.scheduled_at ? Date.parse(call.scheduled_at) : Number.NaN;
    if (Number.isNaN(scheduledAt)) return lengthen(staleDelay(POLL_TIMING.onCallMs, now - statusSince));
    const remaining = scheduledAt - now;
    // Many visitors book the same slot: spread their wake-ups over the first live interval.
    if (remaining > 0 && remaining <= POLL_TIMING.wakeWithinMs) return remaining + POLL_TIMING.liveMs * random();
    if (remaining > 0) return lengthen(Math.min(POLL_TIMING.farMaxMs, remaining / 2));
    // Due but not started yet: the platform may be late; count staleness from the due time.
    return lengthen(staleDelay(POLL_TIMING.liveMs, now - Math.max(statusSince, scheduledAt)));
  }
  const base = ROUTING_STATUSES.has(call.status) ? POLL_TIMING.liveMs : POLL_TIMING.onCallMs;
  return lengthen(staleDelay(base, now - statusSince));
}

/** The base interval, lengthened once a status has not changed for a while. */
function staleDelay(baseMs: number, unchangedForMs: number): number {
  return Math.min(POLL_TIMING.staleMaxMs, Math.max(baseMs, unchangedForMs * POLL_TIMING.staleFactor));
}
