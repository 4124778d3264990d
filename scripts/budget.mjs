/**
 * `npm run bench:budget`: what `<ccai-call-status>` costs the tenant's API per watching visitor,
 * beside naive 5-second polling, and how many watching visitors fit in the tenant's 10 requests/s.
 *
 * Runs the simulation of `test/internal/poll-simulation.ts` (the real `PollingController` and
 * `nextPollDelay` on a fake clock; `test/internal/poll-budget.test.ts` checks that the element
 * itself makes exactly these reads) in Node, loaded through Vite. No jitter: jitter only ever
 * lengthens a wait, so these are the most reads the policy makes.
 *
 * `--json` prints the rows as JSON instead of the table.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const RATE_LIMIT = 10;

// The polling controller listens to `document` for visibility; the simulation switches it.
globalThis.document ??= new EventTarget();

const path = fileURLToPath(new URL('../test/internal/poll-simulation.ts', import.meta.url));
const { module: sim } = await runnerImport(path, { configFile: false, logLevel: 'error' });

const rows = [];
for (const scenario of sim.BUDGET_SCENARIOS) {
  const policy = await sim.simulate(scenario, sim.policyWatcher);
  const naive = await sim.simulate(scenario, sim.naiveWatcher(5 * sim.SECOND));
  rows.push({ scenario: scenario.name, policy: summary(policy), naive: summary(naive) });
}

function summary({ reads, hiddenReads, activeMs, peakPerMinute }) {
  const perSecond = reads.length / (activeMs / 1000);
  return {
    requests: reads.length,
    hiddenRequests: hiddenReads,
    minutes: activeMs / 60_000,
    perSecond,
    peakPerMinute,
    // Visitors each making these requests that the limit holds: on average, and all at their peak at once.
    visitorsAverage: perSecond ? Math.floor(RATE_LIMIT / perSecond) : Infinity,
    visitorsPeak: peakPerMinute ? Math.floor(RATE_LIMIT / (peakPerMinute / 60)) : Infinity,
  };
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const fit = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '∞');
  const lines = [
    '| scenario | minutes | requests: policy | requests: naive 5 s | of them while hidden (policy / naive) | peak req/min (policy / naive) | visitors in 10 req/s, average (policy / naive) | visitors in 10 req/s, all at peak (policy / naive) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows
      .map(({ scenario, policy: p, naive: n }) =>
        [
          scenario,
          p.minutes.toFixed(1),
          fit(p.requests),
          fit(n.requests),
          `${p.hiddenRequests} / ${n.hiddenRequests}`,
          `${p.peakPerMinute} / ${n.peakPerMinute}`,
          `${fit(p.visitorsAverage)} / ${fit(n.visitorsAverage)}`,
          `${fit(p.visitorsPeak)} / ${fit(n.visitorsPeak)}`,
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
  console.log(lines.join('\n'));
  const [a, , b, c] = rows;
  console.log(
    `\nTargets: (a) ${a.policy.requests} requests (≤ 30: ${a.policy.requests <= 30 ? 'met' : 'MISSED'}); ` +
      `(c) ${c.policy.requests} requests while hidden (0: ${c.policy.requests === 0 ? 'met' : 'MISSED'}).`,
  );
  console.log(
    `${RATE_LIMIT} requests/s hold ${fit(a.policy.visitorsAverage)} visitors each watching a booked call over its whole life ` +
      `(naive: ${fit(a.naive.visitorsAverage)}), ${fit(b.policy.visitorsAverage)} watching a queued call for ten minutes ` +
      `(naive: ${fit(b.naive.visitorsAverage)}), and ${fit(b.policy.visitorsPeak)} even if every one of them is at its busiest minute at once (naive: ${fit(b.naive.visitorsPeak)}).`,
  );
}
