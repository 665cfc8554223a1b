/**
 * The local command as a user runs it: the bundled CLI (bin/stage-sync.js -> dist/cli/index.js)
 * in a child process, against the emulator through the standard AWS environment.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const BIN = new URL('../../bin/stage-sync.js', import.meta.url).pathname;
const WRITES = new Set(['CreateResource', 'UpdateResource', 'DeleteResource']);

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A `node` on PATH older than 24 (the machine's own, say), if there is one. */
function olderNode(): { path: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, 'node');
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(/^v(\d+)/.exec(version)?.[1]) < 24) return { path, version };
  }
  return undefined;
}

const workspaces: string[] = [];

function workspaceWith(spec: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  workspaces.push(dir);
  mkdirSync(join(dir, 'stages'));
  writeFileSync(join(dir, 'stages', 'api.yml'), spec);
  return dir;
}

describe('stage-sync CLI (bundled)', () => {
  let emulator: RunningEmulator;
  let workspace: string;

  /** An endpoint nothing listens on: a port that was free a moment ago. */
  let closedEndpoint: string;

  const cli = (
    args: string[],
    cwd = workspace,
    overrides: Record<string, string | undefined> = {},
    node = process.execPath,
  ): Promise<CliRun> =>
    new Promise((resolve) => {
      const env: Record<string, string | undefined> = {
        PATH: process.env.PATH ?? '',
        // No profile or config file of the machine's user reaches the CLI.
        HOME: cwd,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
        AWS_SECRET_ACCESS_KEY: 'cli-test-secret',
        AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url,
        NO_COLOR: '1',
        ...overrides,
      };
      const child = spawn(node, [BIN, ...args], {
        cwd,
        // stdin is not a terminal, as in CI: apply must not wait for an answer.
        stdio: ['ignore', 'pipe', 'pipe'],
        env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
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
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedEndpoint = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
    await new Promise((resolve) => probe.close(resolve));
    emulator = await startEmulator({ knobs: { operationDurationMs: 50 } });
    emulator.putRestApi({ RestApiId: 'abc1234' });
    emulator.putDeployment('abc1234', { DeploymentId: 'dep0001' });
    workspace = workspaceWith(
      'defaults:\n  RestApiId: abc1234\n  DeploymentId: dep0001\nstages:\n  Prod:\n    StageName: prod\n    Description: Production\n',
    );
  });
  after(async () => {
    await emulator.close();
    for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
  });

  it('plan prints the plan and writes nothing', async () => {
    emulator.clearCalls();
    const run = await cli(['plan', '--repository', 'octo/repo']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\+ create\s+Prod\s+abc1234\|prod\s+stages\/api\.yml:5/);
    assert.match(run.stdout, /Plan: 1 to create, 0 to update, 0 to delete/);
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
    assert.match(applied.stdout, /Apply complete: 1 stage applied\./);
    assert.deepEqual(writes(), ['CreateResource']);
    assert.equal(
      emulator.getReadModel('AWS::ApiGateway::Stage', 'abc1234|prod')?.Description,
      'Production',
    );

    const again = await cli(['plan', '--repository', 'octo/repo']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /No changes\. The 1 declared stage already matches AWS\./);
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

  it('says how it is used, and what was wrong with a command line', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: stage-sync <command> \[options\]/);
    for (const command of ['plan', 'apply', 'import'])
      assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
    const version = await cli(['plan', '--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^stage-sync \d+\.\d+\.\d+\n$/);
    assert.match((await cli(['import', '-h'])).stdout, /^Usage: stage-sync import /);

    const typo = await cli(['plann']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^stage-sync: unknown command "plann"; did you mean "plan"\?/);
    const flag = await cli(['plan', '--spec', 'x']);
    assert.equal(flag.code, 2);
    assert.equal(
      flag.stderr,
      "stage-sync: unknown option --spec for plan; did you mean --specs?\nRun 'stage-sync plan --help' for its options.\n",
    );
    const repository = await cli(['plan', '--repository', 'foo']);
    assert.equal(repository.code, 2);
    assert.equal(repository.stderr, 'stage-sync: the repository must be owner/repo, got "foo"\n');
  });

  it('AWS and network failures are one line saying what to set, the stack only with --debug', async () => {
    const noRegion = await cli(['plan', '--repository', 'octo/repo'], workspace, {
      AWS_REGION: undefined,
    });
    assert.equal(noRegion.code, 1);
    assert.equal(
      noRegion.stderr,
      'stage-sync: GetResource abc1234|prod failed: no AWS region is set; set AWS_REGION or pass --region\n',
    );
    const noEmulator = await cli(['plan', '--repository', 'octo/repo'], workspace, {
      AWS_ENDPOINT_URL_CLOUDCONTROL: closedEndpoint,
    });
    assert.equal(noEmulator.code, 1);
    assert.equal(
      noEmulator.stderr,
      `stage-sync: GetResource abc1234|prod failed: nothing is listening at ${closedEndpoint}; start the emulator (npm run emulator) or fix --endpoint / AWS_ENDPOINT_URL_CLOUDCONTROL\n`,
    );
    const debug = await cli(['plan', '--repository', 'octo/repo', '--debug'], workspace, {
      AWS_ENDPOINT_URL_CLOUDCONTROL: closedEndpoint,
    });
    assert.equal(debug.code, 1);
    assert.match(
      debug.stderr,
      /^stage-sync: GetResource .*\nCloudControlError: .*ECONNREFUSED.*\n {4}at /,
    );
  });

  it('on an older Node, says which Node it needs before doing anything', async (t) => {
    const older = olderNode();
    if (!older) {
      t.skip('no Node older than 24 on PATH');
      return;
    }
    const run = await cli(['plan', '--repository', 'octo/repo'], workspace, {}, older.path);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `stage-sync needs Node.js 24 or later (it uses fs.glob); this is Node.js ${older.version}. Install Node 24 (for example \`nvm install 24\`) and run it again.\n`,
    );
    assert.equal(run.stdout, '');
  });

  it('import writes a spec whose plan only adopts the stages', async (t) => {
    emulator.putStage({
      RestApiId: 'imp0001',
      StageName: 'prod',
      DeploymentId: 'dep0001',
      Description: 'Production',
      MethodSettings: [
        { HttpMethod: 'GET', ResourcePath: '/~1orders~1{id}', CachingEnabled: true },
      ],
    });
    emulator.putStage({ RestApiId: 'imp0001', StageName: 'dev', DeploymentId: 'dep0001' });
    emulator.putStage({
      RestApiId: 'imp0001',
      StageName: 'theirs',
      DeploymentId: 'dep0001',
      Tags: [{ Key: 'stage-sync:managed-by', Value: 'octo/elsewhere' }],
    });
    const dir = mkdtempSync(join(tmpdir(), 'cli-import-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    emulator.clearCalls();
    const imported = await cli(
      [
        'import',
        '--rest-api-id',
        'imp0001',
        '--out',
        'stages/imported.yml',
        '--repository',
        'octo/repo',
      ],
      dir,
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(writes(), []);
    assert.match(
      imported.stderr,
      /^Skipped stage theirs: stage-sync:managed-by says octo\/elsewhere manages it \(import it anyway with --stage theirs\)\.$/m,
    );
    assert.match(
      imported.stderr,
      /^Wrote stages\/imported\.yml: 2 stages of REST API imp0001: Dev, Prod\. Its first plan adopts 2 stages/m,
    );
    const text = readFileSync(join(dir, 'stages', 'imported.yml'), 'utf8');
    assert.match(text, /ResourcePath: \/orders\/\{id\}/);
    assert.doesNotMatch(text, /TracingEnabled|managed-by:|CacheTtlInSeconds/);

    const plan = await cli(['plan', '--repository', 'octo/repo'], dir);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(
      plan.stdout,
      /^Adopting 2 stages: the only change is the stage-sync:managed-by tag\.$/m,
    );
    assert.match(plan.stdout, /Plan: 0 to create, 2 to update, 0 to delete, 0 unchanged\./);

    const again = await cli(
      ['import', '--rest-api-id', 'imp0001', '--out', 'stages/imported.yml'],
      dir,
    );
    assert.equal(again.code, 2);
    assert.match(again.stderr, /stages\/imported\.yml already exists/);
  });

  it('import of an HTTP API writes a spec whose plan only adopts the stages, and apply converges', async (t) => {
    const v2 = emulator.apiGatewayV2;
    v2.putApi({ ApiId: 'ord00http1', Name: 'orders-http', ProtocolType: 'HTTP' });
    // The stage quick create makes: auto-deploy, managed by API Gateway (its GetStage says so).
    v2.putStage({
      ApiId: 'ord00http1',
      StageName: '$default',
      AutoDeploy: true,
      ApiGatewayManaged: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
    v2.putStage({
      ApiId: 'ord00http1',
      StageName: 'prod',
      DeploymentId: v2.createDeployment('ord00http1'),
      RouteSettings: { 'GET /orders/{id}': { ThrottlingBurstLimit: 20 } },
      StageVariables: { backend: 'orders-v2' },
      Tags: { team: 'orders', 'aws:cloudformation:stack-name': 'orders' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'cli-import-v2-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    emulator.clearCalls();
    const imported = await cli(
      ['import', '--api', 'orders-http', '--out', 'stages/orders.yml', '--repository', 'octo/repo'],
      dir,
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(writes(), []);
    assert.match(
      imported.stderr,
      /^Wrote stages\/orders\.yml: 2 stages of HTTP API ord00http1 \(orders-http\): Default, Prod\. Its first plan adopts 2 stages/m,
    );
    const text = readFileSync(join(dir, 'stages', 'orders.yml'), 'utf8');
    assert.match(text, /^defaults:\n {2}type: AWS::ApiGatewayV2::Stage\n {2}ApiId: ord00http1\n/m);
    assert.match(text, /^ {6}GET \/orders\/\{id\}:\n {8}ThrottlingBurstLimit: 20$/m);
    assert.doesNotMatch(text, /DetailedMetricsEnabled|ApiGatewayManaged|aws:|managed-by:/);

    const plan = await cli(['plan', '--repository', 'octo/repo'], dir);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(
      plan.stdout,
      /^Adopting 2 stages: the only change is the stage-sync:managed-by tag\.$/m,
    );
    assert.match(plan.stdout, /Plan: 0 to create, 2 to update, 0 to delete, 0 unchanged\./);

    // The auto-deploy stage's update goes through API Gateway V2's own UpdateStage.
    const apply = await cli(['apply', '--yes', '--repository', 'octo/repo'], dir, {
      AWS_ENDPOINT_URL_APIGATEWAYV2: emulator.url,
    });
    assert.equal(apply.code, 0, apply.stderr);
    const again = await cli(['plan', '--repository', 'octo/repo'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /No changes\. All 2 declared stages already match AWS\./);
  });
});
