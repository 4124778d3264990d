// The package as an outside user sees it: run after `npm run build`, importing by the public name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, access } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));

test('every file named by package.json exports exists', async () => {
  const targets = Object.values(pkg.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
  for (const target of [...targets, pkg.unpkg, pkg.jsdelivr, pkg.types]) {
    await assert.doesNotReject(access(new URL(`../../${target}`, import.meta.url)), `${target} is missing`);
  }
});

test('ccai-widgets/core loads in Node without a DOM and validates', async () => {
  const core = await import('ccai-widgets/core');
  assert.equal(typeof core.createCallsClient, 'function');
  assert.equal(core.validatePhoneNumber('+1 859-657-9625').ok, true);
  assert.equal(core.validatePhoneNumber('123123').ok, false);
  assert.equal(core.normalizeCallType('ScheduledCall'), 'Voice Scheduled (API)');
  assert.equal(typeof globalThis.document, 'undefined');
});

test('the single-file script is a classic script with no module syntax and no further requests', async () => {
  const source = await readFile(new URL(`../../${pkg.unpkg}`, import.meta.url), 'utf8');
  assert.doesNotMatch(source, /^\s*(import|export)\s[\w{*]/m, 'no static import/export');
  assert.doesNotMatch(source, /\bimport\(/, 'no dynamic import() (it would fetch a chunk)');
  assert.doesNotThrow(() => new Function(source), 'parses as a classic script');
});
