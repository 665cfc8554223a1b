/** `stage-sync import` against the emulator, in process: finding the API, the notes, the file. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { ImportError, ImportUsageError, runImport } from '../../src/cli/import-command.ts';
import type { ImportValues } from '../../src/cli/parse-command-line.ts';

describe('runImport', () => {
  let emulator: RunningEmulator;
  let dir: string;
  const saved = { ...process.env };

  before(async () => {
    // The SDK reads credentials from the process environment.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDIMPORTTEST',
      AWS_SECRET_ACCESS_KEY: 'import-test-secret',
    });
    emulator = await startEmulator();
    emulator.putRestApi({ RestApiId: 'pay0001', Name: 'payments' });
    emulator.putRestApi({ RestApiId: 'dup0001', Name: 'twin' });
    emulator.putRestApi({ RestApiId: 'dup0002', Name: 'twin' });
    emulator.putStage({
      RestApiId: 'pay0001',
      StageName: 'prod',
      DeploymentId: 'dep1',
      TracingEnabled: true,
    });
    dir = mkdtempSync(join(tmpdir(), 'import-command-'));
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
    process.env = saved;
  });

  const run = async (values: Partial<ImportValues>) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir };
    const code = await runImport(
      {
        concurrency: '4',
        region: 'us-east-1',
        endpoint: emulator.url,
        repository: 'octo/stages',
        ...values,
      },
      io,
    );
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  it('finds the REST API by name and prints the spec, notes on stderr', async () => {
    const result = await run({ 'rest-api': 'payments' });
    assert.equal(result.code, 0);
    assert.match(
      result.stdout,
      /^# Imported by `stage-sync import` from REST API pay0001 \(payments\) in us-east-1\.$/m,
    );
    assert.match(
      result.stdout,
      /^ {2}Prod:\n {4}RestApiId: pay0001\n {4}StageName: prod\n {4}DeploymentId: dep1\n {4}TracingEnabled: true\n$/m,
    );
    assert.match(
      result.stderr,
      /^Imported: 1 stage of REST API pay0001 \(payments\): Prod\. Its first plan adopts 1 stage/,
    );
  });

  it('refuses what it cannot resolve, with the near name or the ids to choose from', async () => {
    await assert.rejects(
      run({ 'rest-api': 'payment' }),
      new ImportError('there is no REST API named payment in us-east-1; did you mean payments?'),
    );
    await assert.rejects(
      run({ 'rest-api': 'twin' }),
      /2 REST APIs in us-east-1 are named twin \(dup0001, dup0002\); pass --rest-api-id/,
    );
    await assert.rejects(
      run({ 'rest-api-id': 'nope001' }),
      /there is no REST API nope001 in us-east-1/,
    );
    await assert.rejects(
      run({ 'rest-api-id': 'dup0001' }),
      /REST API dup0001 \(twin\) has no stages to import/,
    );
    await assert.rejects(run({}), ImportUsageError);
    await assert.rejects(run({ 'rest-api-id': 'a', 'rest-api': 'b' }), /not both/);
    await assert.rejects(
      run({ 'rest-api-id': 'pay0001', 'ignore-changes': ['DeploymentID'] }),
      /--ignore-changes DeploymentID is not a stage property; did you mean DeploymentId\?/,
    );
    // The identifier names the stage, not a property of it: the loader would refuse the file.
    await assert.rejects(
      run({ 'rest-api-id': 'pay0001', 'ignore-changes': ['StageName'] }),
      /--ignore-changes StageName is not a stage property/,
    );
  });

  it('writes --out, with ignore-changes under defaults: and no note, and never overwrites', async () => {
    const result = await run({
      'rest-api-id': 'pay0001',
      out: 'stages/payments.yml',
      'ignore-changes': ['DeploymentId'],
    });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    const path = join(dir, 'stages', 'payments.yml');
    assert.ok(existsSync(path));
    assert.match(readFileSync(path, 'utf8'), /^ {2}ignore-changes: \[DeploymentId\]$/m);
    assert.match(result.stderr, /^Wrote stages\/payments\.yml: 1 stage/m);
    assert.doesNotMatch(result.stderr, /Note:/);
    await assert.rejects(
      run({ 'rest-api-id': 'pay0001', out: 'stages/payments.yml' }),
      /stages\/payments\.yml already exists/,
    );
  });
});
