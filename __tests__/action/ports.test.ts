import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actionPorts } from '../../src/action/ports.ts';
import type { Config } from '../../src/config.ts';
import { V2_STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { setEnvFor } from '../support/env-var.ts';

process.env.AWS_ACCESS_KEY_ID ??= 'AKIDPORTSTEST';
process.env.AWS_SECRET_ACCESS_KEY ??= 'ports-test-secret';

describe('actionPorts: API Gateway V2', () => {
  let emulator: RunningEmulator;
  const saved = process.env.AWS_ENDPOINT_URL_APIGATEWAYV2;

  before(async () => {
    emulator = await startEmulator();
    process.env.AWS_ENDPOINT_URL_APIGATEWAYV2 = emulator.url;
  });
  after(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_APIGATEWAYV2;
    else process.env.AWS_ENDPOINT_URL_APIGATEWAYV2 = saved;
    await emulator.close();
  });

  it('reaches the endpoint AWS_ENDPOINT_URL_APIGATEWAYV2 names, in the aws-region input', async () => {
    const config = {
      awsRegion: 'eu-central-1',
      operationTimeoutSeconds: 30,
      comment: false,
      githubToken: '',
    } as Config;
    const port = actionPorts(config).apiGatewayV2;
    assert.ok(port, 'the action always offers the route');
    const apiId = emulator.apiGatewayV2.putApi({ Name: 'orders' });
    const identifier = emulator.apiGatewayV2.putStage({
      ApiId: apiId,
      StageName: '$default',
      AutoDeploy: true,
    });
    await port.updateStage(apiId, '$default', { Description: 'from the action' });
    const arn = await port.stageArn(apiId, '$default');
    assert.equal(arn, `arn:aws:apigateway:eu-central-1::/apis/${apiId}/stages/$default`);
    await port.tagResource(arn, { team: 'orders' });
    const stage = emulator.getReadModel(V2_STAGE_TYPE_NAME, identifier);
    assert.equal(stage?.Description, 'from the action');
    assert.deepEqual(stage?.Tags, { team: 'orders' });
  });
});

describe('actionPorts: plan files', () => {
  it('each run writes its plan files into a folder of its own under RUNNER_TEMP', (t) => {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
    t.after(() => rmSync(runnerTemp, { recursive: true, force: true }));
    setEnvFor(t, 'RUNNER_TEMP', runnerTemp);
    const config = { operationTimeoutSeconds: 30, comment: false, githubToken: '' } as Config;
    // Two stage-sync steps of one job share RUNNER_TEMP.
    const first = actionPorts(config).writePlanMarkdown('first step');
    const second = actionPorts(config).writePlanMarkdown('second step');
    assert.notEqual(first, second);
    assert.ok(first.startsWith(`${runnerTemp}/`) && second.startsWith(`${runnerTemp}/`));
    assert.equal(readFileSync(first, 'utf8'), 'first step');
    assert.equal(readFileSync(second, 'utf8'), 'second step');
  });
});
