/**
 * Builds the committed bundles: the action (dist/index.js) and the local CLI (dist/cli/index.js).
 * `npm run bundle` and the dist freshness test both call this, so they cannot disagree.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ncc = `${root}node_modules/@vercel/ncc/dist/ncc/cli.js`;

export function bundle(outDir: string): void {
  const build = (entry: string, out: string, extra: string[] = []): void => {
    execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '-m', '-q', ...extra], {
      cwd: root,
      stdio: 'inherit',
    });
  };
  build('src/index.ts', outDir, ['--license', 'licenses.txt']);
  build('src/cli/index.ts', `${outDir}/cli`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) bundle(process.argv[2] ?? `${root}dist`);
