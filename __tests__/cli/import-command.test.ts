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
    const v2 = emulator.apiGatewayV2;
    v2.putApi({ ApiId: 'pets00http', Name: 'pets-http', ProtocolType: 'HTTP' });
    // As quick create leaves it (emulator/resources/v2-api.ts): API Gateway manages it, and
    // GetStage says so (apiGatewayManaged), but Cloud Control's read model does not.
    v2.putStage({
      ApiId: 'pets00http',
      StageName: '$default',
      AutoDeploy: true,
      ApiGatewayManaged: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 20 } },
      Tags: { team: 'pets', 'stage-sync:commit': '0123abc' },
    });
    v2.putApi({ ApiId: 'chat0socks', Name: 'chat-socket', ProtocolType: 'WEBSOCKET' });
    v2.putStage({
      ApiId: 'chat0socks',
      StageName: 'prod',
      DeploymentId: 'dep001',
      RouteSettings: { $connect: { LoggingLevel: 'INFO' } },
      Tags: { team: 'chat', 'stage-sync:managed-by': 'octo/stages' },
    });
    v2.putApi({ ApiId: 'twin00http', Name: 'twin-v2', ProtocolType: 'HTTP' });
    v2.putApi({ ApiId: 'twin00sock', Name: 'twin-v2', ProtocolType: 'WEBSOCKET' });
    v2.putApi({ ApiId: 'empty0http', Name: 'empty', ProtocolType: 'HTTP' });
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
      new ImportUsageError(
        '--ignore-changes: ignore-changes names DeploymentID, which is not a property of a stage; did you mean DeploymentId?',
      ),
    );
    // The identifier names the stage, not a property of it: the loader would refuse the file.
    await assert.rejects(
      run({ 'rest-api-id': 'pay0001', 'ignore-changes': ['StageName'] }),
      new ImportUsageError(
        "--ignore-changes: ignore-changes cannot name StageName: it is part of the stage's identifier (RestApiId|StageName), so it names the stage rather than a property of it",
      ),
    );
    // parseArgs keeps a repeated flag twice; the loader refuses a list that names a path twice.
    await assert.rejects(
      run({ 'rest-api-id': 'pay0001', 'ignore-changes': ['DeploymentId', 'DeploymentId'] }),
      new ImportUsageError('--ignore-changes: ignore-changes lists DeploymentId twice'),
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

  it("imports an HTTP API's quick-created $default stage by the API's name", async () => {
    const result = await run({ api: 'pets-http' });
    assert.equal(result.code, 0);
    assert.match(
      result.stdout,
      /^# Imported by `stage-sync import` from HTTP API pets00http \(pets-http\) in us-east-1\.$/m,
    );
    assert.match(
      result.stdout,
      /\ndefaults:\n {2}type: AWS::ApiGatewayV2::Stage\n\nstages:\n {2}Default:\n {4}ApiId: pets00http\n {4}StageName: \$default\n {4}AutoDeploy: true\n {4}DefaultRouteSettings:\n {6}ThrottlingBurstLimit: 100\n {6}ThrottlingRateLimit: 50\n {4}RouteSettings:\n {6}GET \/pets:\n {8}ThrottlingBurstLimit: 20\n {4}Tags:\n {6}team: pets\n$/,
    );
    assert.doesNotMatch(result.stdout, /DeploymentId|ApiGatewayManaged|DetailedMetricsEnabled/);
    assert.equal(
      result.stderr,
      'Imported: 1 stage of HTTP API pets00http (pets-http): Default. Its first plan adopts 1 stage: the only change is the stage-sync:managed-by tag.\n',
    );
  });

  it('imports a WebSocket API by id, and says when this repository already manages it', async () => {
    const result = await run({ 'api-id': 'chat0socks', 'ignore-changes': ['DeploymentId'] });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /from WebSocket API chat0socks \(chat-socket\) in us-east-1\.$/m);
    assert.match(
      result.stdout,
      /^defaults:\n {2}type: AWS::ApiGatewayV2::Stage\n {2}ignore-changes: \[DeploymentId\]\n/m,
    );
    assert.match(result.stdout, /^ {4}RouteSettings:\n {6}\$connect:\n {8}LoggingLevel: INFO\n/m);
    assert.match(result.stdout, /^ {4}Tags:\n {6}team: chat\n$/m);
    // stages/payments.yml, written above, declares Prod: names are unique across spec files.
    assert.match(result.stdout, /^stages:\n {2}Prod2:\n/m);
    assert.match(
      result.stderr,
      /^Imported: 1 stage of WebSocket API chat0socks \(chat-socket\): Prod2\. A plan of it shows no changes: this repository already manages them\.$/m,
    );
  });

  it('refuses an HTTP or WebSocket API it cannot resolve, and a mix of API flags', async () => {
    await assert.rejects(
      run({ api: 'pets-htp' }),
      new ImportError(
        'there is no HTTP or WebSocket API named pets-htp in us-east-1; did you mean pets-http?',
      ),
    );
    await assert.rejects(
      run({ api: 'twin-v2' }),
      new ImportError(
        '2 HTTP or WebSocket APIs in us-east-1 are named twin-v2 (twin00http, twin00sock); pass --api-id',
      ),
    );
    // A REST API's id is not an HTTP API's, nor the other way round.
    await assert.rejects(
      run({ 'api-id': 'pay0001' }),
      new ImportError('there is no HTTP or WebSocket API pay0001 in us-east-1'),
    );
    await assert.rejects(
      run({ 'rest-api-id': 'pets00http' }),
      new ImportError('there is no REST API pets00http in us-east-1'),
    );
    await assert.rejects(
      run({ 'api-id': 'empty0http' }),
      new ImportError('HTTP API empty0http (empty) has no stages to import'),
    );
    await assert.rejects(
      run({ 'api-id': 'pets00http', stage: ['prod'] }),
      new ImportError('HTTP API pets00http (pets-http) has no stage prod (its stages: $default)'),
    );
    await assert.rejects(
      run({}),
      new ImportUsageError(
        'import needs the API: --rest-api-id ID or --rest-api NAME (REST API), --api-id ID or --api NAME (HTTP or WebSocket API)',
      ),
    );
    await assert.rejects(
      run({ 'rest-api': 'payments', api: 'pets-http' }),
      new ImportUsageError('give --rest-api or --api, not both'),
    );
    await assert.rejects(
      run({ 'rest-api-id': 'pay0001', 'api-id': 'a', api: 'b' }),
      new ImportUsageError('give only one of --rest-api-id, --api-id and --api'),
    );
    // Checked against the HTTP or WebSocket API stage's properties, not the REST stage's.
    await assert.rejects(
      run({ 'api-id': 'pets00http', 'ignore-changes': ['CanarySetting'] }),
      new ImportUsageError(
        '--ignore-changes: ignore-changes names CanarySetting, a property of AWS::ApiGateway::Stage, but this stage is AWS::ApiGatewayV2::Stage; set `type: AWS::ApiGateway::Stage` if it is a REST API stage, or remove it (AWS::ApiGatewayV2::Stage has no counterpart)',
      ),
    );
    await assert.rejects(
      run({ 'api-id': 'pets00http', 'ignore-changes': ['RouteSetting'] }),
      new ImportUsageError(
        '--ignore-changes: ignore-changes names RouteSetting, which is not a property of a stage; did you mean RouteSettings?',
      ),
    );
  });
});
