import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patchWithCommit } from '../../src/apply/applied-commit-tag.ts';
import { updateStageCalls, type V2StageCall } from '../../src/apply/update-stage-calls.ts';
import { V2_STAGE_TYPE_NAME, type StageProperties } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import type { JsonPatchOperation } from '../../src/plan/types.ts';
import { AUTO_DEPLOY_API, autoDeployStageAsRead } from '../support/auto-deploy-stage.ts';

const API = AUTO_DEPLOY_API;
const LOG_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:orders';

/** The stage as Cloud Control reads it, with no tags. */
const liveStage = (extra: StageProperties = {}): StageProperties =>
  autoDeployStageAsRead({}, extra);

function callsOf(live: StageProperties, patch: readonly JsonPatchOperation[]): V2StageCall[] {
  const planned = updateStageCalls(live, patch);
  assert.equal(planned.kind, 'calls', JSON.stringify(planned));
  return planned.kind === 'calls' ? [...planned.calls] : [];
}

function refusalsOf(live: StageProperties, patch: readonly JsonPatchOperation[]): string[] {
  const planned = updateStageCalls(live, patch);
  assert.equal(planned.kind, 'refused', JSON.stringify(planned));
  return planned.kind === 'refused' ? [...planned.reasons] : [];
}

describe('updateStageCalls', () => {
  it('sends changed and added stage variables, and removed ones as "" (item 14); unchanged ones not at all', () => {
    const live = liveStage({ StageVariables: { keep: '1', change: '2', drop: '3' } });
    const calls = callsOf(live, [
      { op: 'replace', path: '/StageVariables/change', value: '20' },
      { op: 'remove', path: '/StageVariables/drop' },
      { op: 'add', path: '/StageVariables/added', value: '4' },
    ]);
    assert.deepEqual(calls, [
      { call: 'UpdateStage', members: { StageVariables: { added: '4', change: '20', drop: '' } } },
    ]);
  });

  it('removes every variable with "" when the whole map goes', () => {
    const calls = callsOf(liveStage({ StageVariables: { a: '1', b: '2' } }), [
      { op: 'remove', path: '/StageVariables' },
    ]);
    assert.deepEqual(calls, [
      { call: 'UpdateStage', members: { StageVariables: { a: '', b: '' } } },
    ]);
  });

  it('sends a changed or added route whole from the target, deletes a removed one (item 15), and leaves the rest', () => {
    const live = liveStage({
      RouteSettings: {
        'GET /pets': { ThrottlingBurstLimit: 5, DetailedMetricsEnabled: false },
        'GET /old': { ThrottlingBurstLimit: 1, DetailedMetricsEnabled: false },
        'GET /same': { ThrottlingRateLimit: 3, DetailedMetricsEnabled: false },
      },
    });
    const calls = callsOf(live, [
      { op: 'remove', path: '/RouteSettings/GET ~1old' },
      { op: 'replace', path: '/RouteSettings/GET ~1pets/ThrottlingBurstLimit', value: 7 },
      { op: 'add', path: '/RouteSettings/POST ~1pets', value: { ThrottlingRateLimit: 2 } },
    ]);
    assert.deepEqual(calls, [
      {
        call: 'UpdateStage',
        members: {
          RouteSettings: {
            // The whole route, with the flag AWS filled in, not only the changed field.
            'GET /pets': { ThrottlingBurstLimit: 7, DetailedMetricsEnabled: false },
            'POST /pets': { ThrottlingRateLimit: 2 },
          },
        },
      },
      { call: 'DeleteRouteSettings', routeKey: 'GET /old' },
    ]);
  });

  it('sends changed access-log settings whole, and removes them with DeleteAccessLogSettings (item 16)', () => {
    const live = liveStage({
      AccessLogSettings: { DestinationArn: LOG_ARN, Format: '$context.requestId' },
    });
    assert.deepEqual(
      callsOf(live, [
        { op: 'replace', path: '/AccessLogSettings/Format', value: '$context.status' },
      ]),
      [
        {
          call: 'UpdateStage',
          members: { AccessLogSettings: { DestinationArn: LOG_ARN, Format: '$context.status' } },
        },
      ],
    );
    assert.deepEqual(callsOf(live, [{ op: 'remove', path: '/AccessLogSettings' }]), [
      { call: 'DeleteAccessLogSettings' },
    ]);
  });

  it('sends the whole DefaultRouteSettings when any field changes (item 18), and refuses to remove them', () => {
    const calls = callsOf(liveStage(), [
      { op: 'add', path: '/DefaultRouteSettings/ThrottlingBurstLimit', value: 10 },
    ]);
    assert.deepEqual(calls, [
      {
        call: 'UpdateStage',
        members: {
          DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 10 },
        },
      },
    ]);
    const [reason] = refusalsOf(liveStage(), [{ op: 'remove', path: '/DefaultRouteSettings' }]);
    assert.match(reason ?? '', /removing DefaultRouteSettings/);
  });

  it('sends AutoDeploy, Description and ClientCertificateId when they change, and refuses to clear the last two (item 17)', () => {
    assert.deepEqual(
      callsOf(liveStage({ AutoDeploy: false }), [
        { op: 'replace', path: '/AutoDeploy', value: true },
        { op: 'add', path: '/Description', value: 'orders' },
        { op: 'add', path: '/ClientCertificateId', value: 'cert01' },
      ]),
      [
        {
          call: 'UpdateStage',
          members: { AutoDeploy: true, Description: 'orders', ClientCertificateId: 'cert01' },
        },
      ],
    );
    const reasons = refusalsOf(liveStage({ Description: 'old', ClientCertificateId: 'cert01' }), [
      { op: 'remove', path: '/Description' },
      { op: 'replace', path: '/ClientCertificateId', value: '' },
    ]);
    assert.equal(reasons.length, 2);
    assert.match(reasons.join('\n'), /clearing Description/);
    assert.match(reasons.join('\n'), /clearing ClientCertificateId/);
  });

  it('sends a declared DeploymentId only beside the AutoDeploy false of the same UpdateStage (item 19)', () => {
    assert.deepEqual(
      callsOf(liveStage(), [
        { op: 'replace', path: '/AutoDeploy', value: false },
        { op: 'replace', path: '/DeploymentId', value: 'dep999' },
      ]),
      [{ call: 'UpdateStage', members: { AutoDeploy: false, DeploymentId: 'dep999' } }],
    );
    // Leaving auto-deploy without declaring one: the stage keeps its last deployment.
    assert.deepEqual(callsOf(liveStage(), [{ op: 'remove', path: '/AutoDeploy' }]), [
      { call: 'UpdateStage', members: { AutoDeploy: false } },
    ]);
  });

  it('never sends a DeploymentId while auto-deploy stays on (items 4, 5), nor when turning it on', () => {
    assert.deepEqual(
      callsOf(liveStage(), [{ op: 'replace', path: '/DeploymentId', value: 'other1' }]),
      [],
    );
    assert.deepEqual(
      callsOf(liveStage({ AutoDeploy: false }), [
        { op: 'replace', path: '/AutoDeploy', value: true },
        { op: 'replace', path: '/DeploymentId', value: 'other1' },
      ]),
      [{ call: 'UpdateStage', members: { AutoDeploy: true } }],
    );
  });

  it('tags added and changed keys with TagResource and removed ones with UntagResource', () => {
    const calls = callsOf(liveStage({ Tags: { team: 'a', old: 'x', same: 's' } }), [
      { op: 'replace', path: '/Tags/team', value: 'b' },
      { op: 'remove', path: '/Tags/old' },
      { op: 'add', path: '/Tags/new', value: 'n' },
    ]);
    assert.deepEqual(calls, [
      { call: 'TagResource', tags: { new: 'n', team: 'b' } },
      { call: 'UntagResource', tagKeys: ['old'] },
    ]);
  });

  it('orders the calls tags, UpdateStage, route deletes, access-log delete, untags', () => {
    const live = liveStage({
      RouteSettings: {
        'GET /b': { ThrottlingBurstLimit: 1 },
        'GET /a': { ThrottlingBurstLimit: 1 },
      },
      AccessLogSettings: { DestinationArn: LOG_ARN, Format: '$context.requestId' },
      Tags: { old: 'x' },
    });
    const calls = callsOf(live, [
      { op: 'remove', path: '/AccessLogSettings' },
      { op: 'remove', path: '/RouteSettings/GET ~1b' },
      { op: 'remove', path: '/RouteSettings/GET ~1a' },
      { op: 'remove', path: '/Tags/old' },
      { op: 'add', path: '/Tags/new', value: 'n' },
      { op: 'add', path: '/Description', value: 'd' },
    ]);
    assert.deepEqual(
      calls.map((call) =>
        call.call === 'DeleteRouteSettings' ? `${call.call} ${call.routeKey}` : call.call,
      ),
      [
        'TagResource',
        'UpdateStage',
        'DeleteRouteSettings GET /a',
        'DeleteRouteSettings GET /b',
        'DeleteAccessLogSettings',
        'UntagResource',
      ],
    );
  });

  it('makes the calls a planned update needs, the applied-commit tag included', () => {
    const identifier = `${API}|$default`;
    const live = liveStage({
      RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 5, DetailedMetricsEnabled: false } },
      StageVariables: { a: '1', b: '2' },
      Tags: { 'stage-sync:managed-by': 'acme/apis', team: 'x' },
    });
    const change = planStageChange(
      {
        name: 'Orders',
        type: V2_STAGE_TYPE_NAME,
        identifier,
        source: { file: 'stages/orders.yml', line: 1, column: 1 },
        properties: {
          ApiId: API,
          StageName: '$default',
          AutoDeploy: true,
          DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 },
          RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 7 } },
          StageVariables: { a: '1', c: '3' },
          Tags: { team: 'y' },
        },
      },
      { type: V2_STAGE_TYPE_NAME, identifier, properties: live },
      'acme/apis',
    );
    assert.equal(change.action, 'update');
    if (change.action !== 'update') return;
    assert.equal(change.route?.service, 'apigatewayv2');
    const calls = callsOf(live, patchWithCommit(change, live, 'c0ffee'));
    assert.deepEqual(calls, [
      { call: 'TagResource', tags: { 'stage-sync:commit': 'c0ffee', team: 'y' } },
      {
        call: 'UpdateStage',
        members: {
          // The specs declare the whole map: b is removed, as "" (item 14).
          StageVariables: { b: '', c: '3' },
          RouteSettings: {
            'GET /pets': { ThrottlingBurstLimit: 7, DetailedMetricsEnabled: false },
          },
          DefaultRouteSettings: {
            DetailedMetricsEnabled: false,
            ThrottlingBurstLimit: 10,
            ThrottlingRateLimit: 5,
          },
        },
      },
    ]);
  });

  it('makes no call when the patch changes nothing', () => {
    assert.deepEqual(
      callsOf(liveStage({ Tags: { a: '1' } }), [{ op: 'replace', path: '/Tags/a', value: '1' }]),
      [],
    );
  });

  it('refuses, before any call, a patch that does not fit the live stage or changes what no call sets', () => {
    assert.match(
      refusalsOf(liveStage(), [
        { op: 'replace', path: '/StageVariables/missing', value: 'x' },
      ])[0] ?? '',
      /does not fit the live stage/,
    );
    assert.match(
      refusalsOf(liveStage(), [{ op: 'replace', path: '/ApiId', value: 'other' }]).join('\n'),
      /changing ApiId/,
    );
    assert.match(
      refusalsOf(liveStage(), [{ op: 'add', path: '/AccessPolicyId', value: 'p' }]).join('\n'),
      /changing AccessPolicyId/,
    );
  });
});
