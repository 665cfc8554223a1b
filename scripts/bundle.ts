/**
 * Builds the committed bundles: the action (dist/index.js) and the local CLI (dist/cli/index.js).
 * `npm run bundle` and the dist freshness test both call this, so they cannot disagree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledPackages, completeLicenses, type WebpackStatsModules } from './bundle-licenses.ts';
import { inputsDigest, MANIFEST, outputsDigest, type BundleManifest } from './bundle-inputs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const ncc = `${root}node_modules/@vercel/ncc/dist/ncc/cli.js`;
const patchPackage = `${root}node_modules/patch-package/index.js`;
const LICENSES = 'licenses.txt';

/**
 * Applies patches/ to node_modules (README, "Development"): the bundle is built from them, so
 * they are applied here rather than on `postinstall`, which would also run where stage-sync is
 * installed as a package (`npx github:…`) without its development dependencies. Applying twice
 * is a no-op; a patch that no longer applies, or names another version than the one installed,
 * fails the build instead of bundling the dependency unpatched.
 */
function applyPatches(): void {
  try {
    execFileSync(process.execPath, [patchPackage, '--error-on-fail', '--error-on-warn'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`patch-package could not apply patches/:\n${stdout}${stderr}`, {
      cause: error,
    });
  }
}

export function bundle(outDir: string): void {
  const statsDir = mkdtempSync(join(tmpdir(), 'stage-sync-bundle-stats-'));
  /** Builds `entry` into `out`, and returns the packages ncc took their code from. */
  const build = (entry: string, out: string, extra: string[] = []): Map<string, string> => {
    const statsFile = join(statsDir, 'stats.json');
    execFileSync(
      process.execPath,
      [ncc, 'build', entry, '-o', out, '-m', '-q', '--stats-out', statsFile, ...extra],
      { cwd: root, stdio: 'inherit' },
    );
    return bundledPackages(
      JSON.parse(readFileSync(statsFile, 'utf8')) as WebpackStatsModules,
      root,
    );
  };
  applyPatches();
  const inputs = inputsDigest(root);
  // ncc writes chunk files (`871.index.js`) whose names change with their content: start empty so
  // no chunk of an earlier build stays behind.
  rmSync(outDir, { recursive: true, force: true });
  try {
    const action = build('src/index.ts', outDir, ['--license', LICENSES]);
    const cli = build('src/cli/index.ts', `${outDir}/cli`);
    // One licenses file serves both bundles: the CLI's package ships it beside dist/cli/.
    const licensesFile = join(outDir, LICENSES);
    writeFileSync(
      licensesFile,
      completeLicenses(readFileSync(licensesFile, 'utf8'), new Map([...action, ...cli])),
    );
  } finally {
    rmSync(statsDir, { recursive: true, force: true });
  }
  // What this bundle was built from and consists of: the freshness test checks both cheaply.
  const manifest: BundleManifest = { inputs, outputs: outputsDigest(outDir) };
  writeFileSync(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) bundle(process.argv[2] ?? `${root}dist`);
