/**
 * The CLI as a user outside a clone gets it: `npm pack` makes the package that
 * `npx github:OWNER/stage-sync` (or a tarball) installs, and `npm exec` runs its `bin` from a
 * scratch folder, offline, with an empty npm cache: the package needs nothing from a registry
 * (the bundle carries its dependencies) and holds only what the CLI runs.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { VERSION } from '../../src/version.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

test('npm pack, then npm exec --package from a scratch folder runs the CLI offline', async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'cli-package-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const env = {
    // The package's bin runs on the first node on PATH: Node 24, as a user would have.
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    HOME: scratch,
    npm_config_cache: join(scratch, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch], {
    cwd: ROOT,
    env,
  });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  assert.ok(info);
  const files = info.files.map((file) => file.path);
  assert.ok(files.includes('bin/stage-sync.js'));
  assert.ok(files.includes('dist/cli/index.js'));
  assert.deepEqual(
    files.filter((path) => /^(src|__tests__|emulator|demo|bench|node_modules)\//.test(path)),
    [],
  );

  const tarball = join(scratch, info.filename);
  const exec = (args: string[]) =>
    run('npm', ['exec', '--yes', '--package', tarball, 'stage-sync', '--', ...args], {
      cwd: scratch,
      env,
    });
  assert.equal((await exec(['--version'])).stdout, `stage-sync ${VERSION}\n`);
  assert.match((await exec(['--help'])).stdout, /^ {2}import +write a spec file/m);
});
