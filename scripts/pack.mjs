/**
 * The package as npm would publish it: `npm pack` of the built `dist/` (run `npm run build` first;
 * `--ignore-scripts`, so that packing does not build a second time) into a fresh folder under
 * `node_modules/.cache/`. Used by the tests that check the tarball and install it into apps.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const cache = join(root, 'node_modules', '.cache', 'ccai-widgets');
const run = promisify(execFile);

/** Packs the package: the tarball's path and the files in it (paths inside `package/`). */
export async function pack() {
  await mkdir(cache, { recursive: true });
  const destination = await mkdtemp(join(cache, 'pack-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: root,
  });
  const [packed] = JSON.parse(stdout);
  return {
    tarball: join(destination, packed.filename),
    files: packed.files.map((file) => file.path).sort(),
    size: packed.size,
    unpackedSize: packed.unpackedSize,
  };
}

/** Unpacks the tarball as `npm install` lays a package out: into `<dir>/node_modules/<name>`. */
export async function installInto(tarball, dir, name = 'ccai-widgets') {
  const target = join(dir, 'node_modules', name);
  await mkdir(target, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  return target;
}
