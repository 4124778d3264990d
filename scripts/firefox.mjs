// `npm test`'s Firefox step: the browser suite again in Debian's firefox-esr (see
// web-test-runner.firefox.config.mjs). CI installs firefox-esr (.ci/run) and must run it: there a
// missing binary fails. On a developer's machine without it the step says so and passes, so that
// `npm test` needs only Chromium to get started; `npm run test:firefox` always runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (!existsSync(firefox)) {
  const how = `${firefox} not found (apt-get install -y firefox-esr, or FIREFOX_PATH=…)`;
  if (process.env.CI) {
    console.error(`Firefox run required in CI: ${how}`);
    process.exit(1);
  }
  console.warn(`\n*** Firefox run NOT done: ${how}. Chromium's run above is complete. ***\n`);
  process.exit(0);
}
const run = spawnSync('npm', ['run', '--silent', 'test:firefox'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
