/**
 * What the committed bundle is built from, and what it consists of, as digests. `npm run bundle`
 * records both in dist/bundle-inputs.json; the dist freshness test recomputes them, so it can say
 * in milliseconds whether dist/ is what the current sources build, instead of rebuilding (which
 * takes most of a minute). Inputs are every file ncc can read for the bundle: the sources under
 * src/, the manifests and lockfile that fix node_modules and the bundler's version, the compiler
 * settings, the patches applied to node_modules before the build, and these scripts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The file that records the digests, inside the bundle's folder. */
export const MANIFEST = 'bundle-inputs.json';

const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/bundle.ts',
  'scripts/bundle-inputs.ts',
  'scripts/bundle-licenses.ts',
];
const INPUT_FOLDERS = ['src', 'patches'];

export interface BundleManifest {
  /** sha256 over the inputs' paths and contents. */
  readonly inputs: string;
  /** sha256 over the bundle's files (all but this manifest), paths and contents. */
  readonly outputs: string;
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function digest(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].map((path) => relative(root, path)).sort()) {
    const content = readFileSync(join(root, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

/** The digest of the bundle's inputs in the checkout at `root`. */
export function inputsDigest(root = ROOT): string {
  return digest(root, [
    ...INPUT_FILES.map((file) => join(root, file)),
    ...INPUT_FOLDERS.flatMap((folder) => filesUnder(join(root, folder))),
  ]);
}

/** The digest of a bundle folder's files, the manifest left out. */
export function outputsDigest(outDir: string): string {
  return digest(
    outDir,
    filesUnder(outDir).filter((file) => relative(outDir, file) !== MANIFEST),
  );
}
