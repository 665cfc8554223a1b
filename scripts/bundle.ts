/**
 * Builds the committed bundles: the action (dist/index.js) and the local CLI (dist/cli/index.js).
 * `npm run bundle` and the dist freshness test both call this, so they cannot disagree.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsDigest, MANIFEST, outputsDigest, type BundleManifest } from './bundle-inputs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const ncc = `${root}node_modules/@vercel/ncc/dist/ncc/cli.js`;

export function bundle(outDir: string): void {
  const build = (entry: string, out: string, extra: string[] = []): void => {
    execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '-m', '-q', ...extra], {
      cwd: root,
      stdio: 'inherit',
    });
  };
  const inputs = inputsDigest(root);
  // ncc writes chunk files (`871.index.js`) whose names change with their content: start empty so
  // no chunk of an earlier build stays behind.
  rmSync(outDir, { recursive: true, force: true });
  build('src/index.ts', outDir, ['--license', 'licenses.txt']);
  build('src/cli/index.ts', `${outDir}/cli`);
  // What this bundle was built from and consists of: the freshness test checks both cheaply.
  const manifest: BundleManifest = { inputs, outputs: outputsDigest(outDir) };
  writeFileSync(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) bundle(process.argv[2] ?? `${root}dist`);
