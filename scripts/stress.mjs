// The browser suites under load, to find races (issue 9, A8): runs `wtr` (Chromium, and Firefox
// with --firefox) RUNS times in a row (default 3) while worker threads keep every core busy. Exits 1
// on the first red run. Bounded: the load stops with the last run, or after STRESS_MAX_MINUTES.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const runs = Number(process.env.RUNS ?? 3);
const firefox = process.argv.includes('--firefox');
const maxMs = Number(process.env.STRESS_MAX_MINUTES ?? 45) * 60_000;
const started = Date.now();

// Busy loops that yield every 50 ms to check the deadline, one per core.
const hogs = Array.from(
  { length: availableParallelism() },
  () =>
    new Worker(
      `const end = ${started + maxMs}; while (Date.now() < end) { const t = Date.now(); while (Date.now() - t < 50); }`,
      {
        eval: true,
      },
    ),
);
const stopLoad = () => Promise.all(hogs.map((hog) => hog.terminate()));

function run(args) {
  return new Promise((resolve) => {
    const child = spawn('npx', args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

let failed = 0;
for (let i = 1; i <= runs && Date.now() - started < maxMs; i++) {
  console.log(`\nstress: run ${i} of ${runs}, ${hogs.length} cores kept busy`);
  const args = firefox ? ['wtr', '--config', 'web-test-runner.firefox.config.mjs'] : ['wtr'];
  const code = await run(args);
  console.log(`stress: run ${i} ${code === 0 ? 'green' : 'RED'}`);
  if (code !== 0) {
    failed = i;
    break;
  }
}
await stopLoad();
process.exit(failed ? 1 : 0);
