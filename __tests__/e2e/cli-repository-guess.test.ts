/**
 * The bundled CLI (bin/stage-sync.js) guesses the repository that owns the stages only from a
 * real GitHub remote. A clone of a local path (`/srv/x`) has no owner/repo to tag with: the CLI
 * asks for `--repository` instead of tagging, and pruning, as `srv/x`.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const BIN = new URL('../../bin/stage-sync.js', import.meta.url).pathname;

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator();
  emulator.putDeployment('abc1234', { DeploymentId: 'dep0001' });
});
after(() => emulator.close());

/** A git repository holding one valid spec, whose `origin` is `remote`. */
function cloneWith(t: TestContext, remote: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-remote-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'stages'));
  writeFileSync(
    join(dir, 'stages/api.yml'),
    'stages:\n  Api:\n    RestApiId: abc1234\n    DeploymentId: dep0001\n    StageName: api\n',
  );
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: dir });
  return dir;
}

function plan(cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'plan', '--no-color'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // No GITHUB_REPOSITORY: the remote is the only source of the repository.
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
        AWS_SECRET_ACCESS_KEY: 'cli-remote-test-secret',
        AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('a GitHub remote names the repository', async (t) => {
  const run = await plan(cloneWith(t, 'git@github.com:octo-org/platform-stages.git'));
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Tags\[stage-sync:managed-by\]: "octo-org\/platform-stages"/);
});

test('a local-path remote is no repository: the CLI asks for --repository and plans nothing', async (t) => {
  emulator.clearCalls();
  const run = await plan(cloneWith(t, '/srv/x'));
  assert.equal(run.code, 2, run.stdout);
  assert.match(run.stderr, /--repository owner\/repo/);
  assert.deepEqual(emulator.calls, []);
});
