import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudControlError } from '../../src/aws/cloud-control-port.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { runCli, type PlanApplyRunner } from '../../src/cli/run-cli.ts';

async function runWith(argv: string[], planOrApply: PlanApplyRunner, nodeVersion = '24.21.0') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: '.' };
  const code = await runCli(argv, { io, planOrApply, nodeVersion });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const never: PlanApplyRunner = async () => assert.fail('must not run');
const failing: PlanApplyRunner = async () => {
  throw new CloudControlError('NetworkError', 'GetResource a|b: Region is missing');
};

test('exit codes: 0 for help and version, 2 for a wrong command line, 1 for a failure', async () => {
  assert.equal((await runWith(['--version'], never)).code, 0);
  assert.equal((await runWith(['plan', '-h'], never)).code, 0);
  const wrong = await runWith(['plan', '--nope'], never);
  assert.equal(wrong.code, 2);
  assert.equal(wrong.stdout, '');
  assert.equal((await runWith(['import'], never)).code, 2);
  const failed = await runWith(['plan'], failing);
  assert.deepEqual(failed, {
    code: 1,
    stdout: '',
    stderr:
      'stage-sync: GetResource a|b failed: no AWS region is set; set AWS_REGION or pass --region\n',
  });
});

test('plan and apply get the parsed options; their exit code is the exit code', async () => {
  const seen: unknown[] = [];
  const result = await runWith(
    ['apply', '--yes', '--specs', 'x/*.yml'],
    async (command, values) => {
      seen.push(command, values.yes, values.specs);
      return 1;
    },
  );
  assert.equal(result.code, 1);
  assert.deepEqual(seen, ['apply', true, ['x/*.yml']]);
});

test('--debug adds the stack after the line', async () => {
  const result = await runWith(['plan', '--debug'], failing);
  assert.equal(result.code, 1);
  const [line, ...stack] = result.stderr.trimEnd().split('\n');
  assert.match(line ?? '', /^stage-sync: GetResource a\|b failed: no AWS region is set/);
  assert.match(
    stack.join('\n'),
    /^CloudControlError: GetResource a\|b: Region is missing\n {4}at /,
  );
});

test('an old Node is refused before parsing or running anything', async () => {
  const result = await runWith(['plan'], never, '20.20.2');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^stage-sync needs Node\.js 24 or later/);
});
