/**
 * The local command as a user runs it: the bundled CLI (bin/stage-sync.js -> dist/cli/index.js)
 * in a child process, against the emulator through the standard AWS environment.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const BIN = new URL('../../bin/stage-sync.js', import.meta.url).pathname;
const WRITES = new Set(['CreateResource', 'UpdateResource', 'DeleteResource']);

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function workspaceWith(spec: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  mkdirSync(join(dir, 'stages'));
  writeFileSync(join(dir, 'stages', 'api.yml'), spec);
  return dir;
}

describe('stage-sync CLI (bundled)', () => {
  let emulator: RunningEmulator;
  let workspace: string;

  const cli = (args: string[], cwd = workspace): Promise<CliRun> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        // stdin is not a terminal, as in CI: apply must not wait for an answer.
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
          AWS_SECRET_ACCESS_KEY: 'cli-test-secret',
          AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url,
          NO_COLOR: '1',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const writes = (): string[] =>
    emulator.calls.filter((c) => WRITES.has(c.operation)).map((c) => c.operation);

  before(async () => {
    emulator = await startEmulator({ knobs: { operationDurationMs: 50 } });
    emulator.putRestApi({ RestApiId: 'abc1234' });
    emulator.putDeployment('abc1234', { DeploymentId: 'dep0001' });
    workspace = workspaceWith(
      'defaults:\n  RestApiId: abc1234\n  DeploymentId: dep0001\nstages:\n  Prod:\n    StageName: prod\n    Description: Production\n',
    );
  });
  after(() => emulator.close());

  it('plan prints the plan and writes nothing', async () => {
    emulator.clearCalls();
    const run = await cli(['plan', '--repository', 'octo/repo']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\+ create\s+Prod\s+abc1234\|prod\s+stages\/api\.yml:5/);
    assert.match(run.stdout, /Plan: 1 to create, 0 to update, 0 to destroy/);
    assert.deepEqual(writes(), []);
  });

  it('apply refuses without --yes when it cannot ask, and changes nothing', async () => {
    emulator.clearCalls();
    const run = await cli(['apply', '--repository', 'octo/repo']);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /Apply cancelled: nothing was changed\. \(stdin is not a terminal: pass --yes\)/,
    );
    assert.deepEqual(writes(), []);
  });

  it('apply --yes applies with a progress line per stage, then plan shows no changes', async () => {
    emulator.clearCalls();
    const applied = await cli(['apply', '--yes', '--repository', 'octo/repo']);
    assert.equal(applied.code, 0, applied.stderr + applied.stdout);
    assert.match(applied.stdout, /create Prod \(abc1234\|prod\) started/);
    assert.match(applied.stdout, /create Prod applied in \d+\.\ds/);
    assert.match(applied.stdout, /Apply applied: 1 applied, 0 failed\./);
    assert.deepEqual(writes(), ['CreateResource']);
    assert.equal(
      emulator.getReadModel('AWS::ApiGateway::Stage', 'abc1234|prod')?.Description,
      'Production',
    );

    const again = await cli(['plan', '--repository', 'octo/repo']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /No changes\./);
  });

  it('invalid specs are reported as file:line:column and nothing is planned', async () => {
    emulator.clearCalls();
    const broken = workspaceWith(
      'stages:\n  Prod:\n    RestApiId: abc1234\n    StageName: prod\n    DeploymentId: dep0001\n    Descripton: x\n',
    );
    const run = await cli(['plan', '--repository', 'octo/repo'], broken);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /stages\/api\.yml:6:5: stage Prod: Descripton is not a property of a stage; did you mean Description\?/,
    );
    assert.deepEqual(emulator.calls, []);
  });

  it('says how it is used', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: stage-sync <plan\|apply> \[options\]/);
    const wrong = await cli(['destroy']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Usage: stage-sync/);
  });
});
