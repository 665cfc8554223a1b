/**
 * The pull-request comment for HTTP and WebSocket API stages, through the bundle and the fake
 * GitHub API: the stage's type beside its identifier, route settings by route key, and the note
 * that an auto-deploy stage is updated through API Gateway (README, "HTTP and WebSocket API
 * stages").
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PAYLOADS, describeRun, worldFor } from './github-world.ts';

const PR_NUMBER = 2;

test('the comment shows a V2 stage with its type, its routes by key and the API Gateway route', async (t) => {
  const world = await worldFor(t, undefined, { github: { pullRequests: [PR_NUMBER] } });
  const hooks = world.emulator.apiGatewayV2;
  const apiId = hooks.putApi({ Name: 'pets-http' });
  hooks.putStage({ ApiId: apiId, StageName: '$default', AutoDeploy: true });
  world.writeFile(
    'stages/http.yml',
    [
      'defaults:',
      '  type: AWS::ApiGatewayV2::Stage',
      'stages:',
      '  PetsHttpDefault:',
      '    api: pets-http',
      '    StageName: $default',
      '    AutoDeploy: true',
      '    RouteSettings:',
      '      GET /pets:',
      '        ThrottlingBurstLimit: 20',
      '',
    ].join('\n'),
  );
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('opened'),
    sha: '1111111111111111111111111111111111111111',
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.updates, '1', describeRun(run));
  const [comment] = world.github.state.commentsOn(PR_NUMBER);
  const body = comment?.body ?? '';
  assert.match(body, /`[a-z0-9]{10}\\\|\$default` \(AWS::ApiGatewayV2::Stage, api `pets-http`\)/);
  assert.match(body, /\+ RouteSettings\[GET \/pets\]\.ThrottlingBurstLimit: 20/);
  assert.match(
    body,
    /# updated through API Gateway: Cloud Control cannot update auto-deploy stages/,
  );
  // The plan file says the same, as data.
  const plan = JSON.parse(readFileSync(run.outputs['plan-json'] as string, 'utf8'));
  assert.deepEqual(
    plan.changes.map((change: Record<string, unknown>) => [
      change.type,
      change.apiName,
      (change.route as Record<string, unknown> | undefined)?.service,
    ]),
    [['AWS::ApiGatewayV2::Stage', 'pets-http', 'apigatewayv2']],
  );
});
