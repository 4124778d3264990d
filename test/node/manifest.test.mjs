// custom-elements.json is committed for IDEs and Storybook; it must match the sources' JSDoc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url);

test('custom-elements.json is current (run `npm run analyze` and commit it)', async () => {
  // The analyzer resolves --outdir against the working directory, so it writes inside the project.
  const outdir = 'node_modules/.cache/cem-check';
  try {
    await promisify(execFile)('npx', ['--no-install', 'cem', 'analyze', '--quiet', '--outdir', outdir], {
      cwd: fileURLToPath(root),
    });
    const fresh = JSON.parse(await readFile(new URL(`${outdir}/custom-elements.json`, root), 'utf8'));
    const committed = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
    // Compared module by module, by path: which order the analyzer meets the files in is not the point.
    const byPath = (manifest) => Object.fromEntries(manifest.modules.map((module) => [module.path, module]));
    assert.deepEqual(byPath(committed), byPath(fresh));
    assert.equal(committed.modules.length, fresh.modules.length);
  } finally {
    await rm(new URL(outdir, root), { recursive: true, force: true });
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
