// custom-elements.json is committed for IDEs and Storybook; it must match the sources' JSDoc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url);

test('custom-elements.json is current (run `npm run analyze` and commit it)', async () => {
  const outdir = await mkdtemp(join(tmpdir(), 'cem-'));
  try {
    await promisify(execFile)('npx', ['--no-install', 'cem', 'analyze', '--quiet', '--outdir', outdir], { cwd: root });
    const fresh = JSON.parse(await readFile(join(outdir, 'custom-elements.json'), 'utf8'));
    const committed = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
    assert.deepEqual(committed, fresh);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});

test('the manifest lists the three elements with their events', async () => {
  const manifest = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement);
  const byTag = Object.fromEntries(elements.filter((e) => e.tagName).map((e) => [e.tagName, e]));
  assert.deepEqual(Object.keys(byTag).sort(), ['ccai-call-status', 'ccai-customer-flags', 'ccai-schedule-call']);
  const events = (tag) => (byTag[tag].events ?? []).map((event) => event.name);
  assert.ok(events('ccai-schedule-call').includes('ccai-call-scheduled'));
  assert.ok(events('ccai-call-status').includes('ccai-status-change'));
  assert.ok(events('ccai-customer-flags').includes('ccai-flags-change'));
});
