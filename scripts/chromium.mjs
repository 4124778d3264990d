// How every script and test here starts Debian's Chromium (headless, as root, on a closed network).
// One place, so a new flag reaches the test runner, the Node tests, the bench and the audit alike.

/** The browser binary: Debian's Chromium unless `CHROMIUM_PATH` names another. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `--no-sandbox`: root has no sandbox. The networking flags stop Chromium from calling hosts this
 * network refuses (component updates, sync, first-run checks) at every start.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
