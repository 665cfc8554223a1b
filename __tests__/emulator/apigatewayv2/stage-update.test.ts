/**
 * UpdateStage's merge rules as a pure function (emulator/apigatewayv2/stage-update.ts). Sources:
 * fact 36 and fact 38 of docs/reference/aws-recorded-behaviour.md; go-to-k/cdk-real-drift#806.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isV2Error } from '../../../emulator/apigatewayv2/errors.ts';
import { V2_API } from '../../../emulator/apigatewayv2/names.ts';
import { applyStageUpdate } from '../../../emulator/apigatewayv2/stage-update.ts';
import { mintDeployment } from '../../../emulator/apigatewayv2/deployments.ts';
import { World, type Model } from '../../../emulator/resources/world.ts';

const NOW = new Date('2026-01-02T03:04:05.000Z');

function world(protocol: 'HTTP' | 'WEBSOCKET' = 'HTTP'): World {
  const w = new World(7);
  w.put(V2_API, 'api', {
    ApiId: 'api',
    Name: 'api',
    ProtocolType: protocol,
    RouteSelectionExpression: '$request.body.action',
  });
  return w;
}

const stage: Model = { ApiId: 'api', StageName: 'prod', StageVariables: { a: '1', b: '2' } };

describe('applyStageUpdate', () => {
  it('changes only what it is given and stamps LastUpdatedDate', () => {
    const next = applyStageUpdate(world(), stage, { Description: 'd' }, 'HTTP', NOW);
    assert.deepEqual(next, {
      ...stage,
      Description: 'd',
      LastUpdatedDate: '2026-01-02T03:04:05.000Z',
    });
  });

  it('removes a variable sent as "", merges the rest, and treats {} as no change', () => {
    const w = world();
    const next = applyStageUpdate(w, stage, { StageVariables: { a: '', c: '3' } }, 'HTTP', NOW);
    assert.ok(!isV2Error(next));
    assert.deepEqual(next.StageVariables, { b: '2', c: '3' });
    const same = applyStageUpdate(w, stage, { StageVariables: {} }, 'HTTP', NOW);
    assert.ok(!isV2Error(same));
    assert.deepEqual(same.StageVariables, stage.StageVariables);
  });

  it('refuses a DeploymentId while auto-deploy is on, or being turned on (fact 36)', () => {
    const w = world();
    const deploymentId = mintDeployment(w, 'api');
    for (const [current, update] of [
      [{ ...stage, AutoDeploy: true }, { DeploymentId: deploymentId }],
      [stage, { DeploymentId: deploymentId, AutoDeploy: true }],
    ] as const) {
      const refused = applyStageUpdate(w, current, update, 'HTTP', NOW);
      assert.ok(isV2Error(refused));
      assert.equal(refused.name, 'BadRequestException');
      assert.match(refused.message, /^Deployment ID cannot be set on this stage/);
    }
    const allowed = applyStageUpdate(
      w,
      { ...stage, AutoDeploy: true },
      { AutoDeploy: false, DeploymentId: deploymentId },
      'HTTP',
      NOW,
    );
    assert.ok(!isV2Error(allowed));
    assert.equal(allowed.DeploymentId, deploymentId);
  });

  it('mints a deployment when auto-deploy is turned on, and refuses unknown deployments', () => {
    const w = world();
    const on = applyStageUpdate(w, stage, { AutoDeploy: true }, 'HTTP', NOW);
    assert.ok(!isV2Error(on));
    assert.match(String(on.DeploymentId), /^[a-z0-9]{6}$/);
    const unknown = applyStageUpdate(w, stage, { DeploymentId: 'nope00' }, 'HTTP', NOW);
    assert.ok(isV2Error(unknown));
    assert.equal(unknown.name, 'NotFoundException');
  });

  it('checks route settings per protocol: no execution logs on HTTP, a known level on WebSocket', () => {
    const http = applyStageUpdate(
      world(),
      stage,
      { RouteSettings: { 'GET /': { DataTraceEnabled: false } } },
      'HTTP',
      NOW,
    );
    assert.ok(isV2Error(http));
    assert.equal(http.message, 'Execution logs are not supported on protocolType HTTP');
    const ws = applyStageUpdate(
      world('WEBSOCKET'),
      stage,
      { DefaultRouteSettings: { LoggingLevel: 'DEBUG' } },
      'WEBSOCKET',
      NOW,
    );
    assert.ok(isV2Error(ws));
    assert.match(ws.message, /^Invalid logging level DEBUG/);
    const fine = applyStageUpdate(
      world('WEBSOCKET'),
      stage,
      { DefaultRouteSettings: { LoggingLevel: 'INFO' } },
      'WEBSOCKET',
      NOW,
    );
    assert.ok(!isV2Error(fine));
    assert.deepEqual(fine.DefaultRouteSettings, { LoggingLevel: 'INFO' });
  });
});
