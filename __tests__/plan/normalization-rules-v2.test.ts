/**
 * Each rule of `AWS::ApiGatewayV2::Stage` (src/plan/normalization-rules-v2.ts) against live models
 * shaped like the Cloud Control captures docs/evidence/apigatewayv2-stage.md cites (go-to-k/cdk-
 * real-drift `tests/corpus/AWS__ApiGatewayV2__Stage.*.json`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareStage, createdProperties, diffStage } from '../../src/plan/compare.ts';
import { ruleNames } from '../../src/plan/normalization-rules.ts';
import { V2_STAGE_RULES } from '../../src/plan/normalization-rules-v2.ts';
import { normalizeStage } from '../../src/plan/normalize.ts';

const V2 = 'AWS::ApiGatewayV2::Stage';
const stage = { ApiId: 'z1mf4h761f', StageName: '$default' };

/** The `ApiDefaultStage189A7074` capture: an HTTP API's auto-deploy `$default` stage. */
const HTTP_DEFAULT_STAGE = {
  ...stage,
  AutoDeploy: true,
  DeploymentId: '1axai8',
  DefaultRouteSettings: { DetailedMetricsEnabled: false },
  RouteSettings: {},
  StageVariables: {},
  Tags: { 'aws:cloudformation:stack-name': 'HttpStack', team: 'chat' },
};

/** The `WsStage` capture: a WebSocket stage, no AutoDeploy key. */
const WEBSOCKET_STAGE = {
  ApiId: 'jt9zvy5llc',
  StageName: 'prod',
  DeploymentId: 'e60xod',
  DefaultRouteSettings: {
    DataTraceEnabled: false,
    DetailedMetricsEnabled: false,
    LoggingLevel: 'OFF',
  },
  RouteSettings: {},
  StageVariables: {},
  Tags: {},
};

const diff = (desired: Record<string, unknown>, live: Record<string, unknown>, previous?: object) =>
  diffStage(desired, live, previous as Record<string, unknown> | undefined, V2);

const ruleTests: Record<string, () => void> = {
  'auto-deploy-off-by-default': () => {
    // Absent and false are the same; a spec that drops `AutoDeploy: true` turns it off.
    assert.deepEqual(diff({ ...WEBSOCKET_STAGE, AutoDeploy: false }, WEBSOCKET_STAGE), []);
    const { DeploymentId: _minted, ...declared } = HTTP_DEFAULT_STAGE;
    const { AutoDeploy: _on, ...silent } = declared;
    assert.deepEqual(
      diff(silent, HTTP_DEFAULT_STAGE).filter((d) => d.path === 'AutoDeploy'),
      [{ path: 'AutoDeploy', kind: 'changed', before: true, after: false }],
    );
  },
  'DefaultRouteSettings-detailed-metrics-off': () =>
    assert.deepEqual(
      diff(
        {
          ...stage,
          DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 5 },
        },
        { ...stage, DefaultRouteSettings: { ThrottlingBurstLimit: 5 } },
      ),
      [],
    ),
  'DefaultRouteSettings-data-trace-off': () =>
    assert.deepEqual(
      diff(
        { ...stage, DefaultRouteSettings: { DataTraceEnabled: false, ThrottlingBurstLimit: 5 } },
        { ...stage, DefaultRouteSettings: { ThrottlingBurstLimit: 5 } },
      ),
      [],
    ),
  'DefaultRouteSettings-logging-off': () =>
    assert.deepEqual(
      diff(
        { ...stage, DefaultRouteSettings: { LoggingLevel: 'OFF', ThrottlingBurstLimit: 5 } },
        { ...stage, DefaultRouteSettings: { ThrottlingBurstLimit: 5 } },
      ),
      [],
    ),
  'RouteSettings[]-detailed-metrics-off': () =>
    assert.deepEqual(
      diff(
        {
          ...stage,
          RouteSettings: { 'GET /pets': { DetailedMetricsEnabled: false, ThrottlingRateLimit: 2 } },
        },
        { ...stage, RouteSettings: { 'GET /pets': { ThrottlingRateLimit: 2 } } },
      ),
      [],
    ),
  'RouteSettings[]-data-trace-off': () =>
    assert.deepEqual(
      diff(
        {
          ...stage,
          RouteSettings: { $connect: { DataTraceEnabled: false, ThrottlingRateLimit: 2 } },
        },
        { ...stage, RouteSettings: { $connect: { ThrottlingRateLimit: 2 } } },
      ),
      [],
    ),
  'RouteSettings[]-logging-off': () =>
    assert.deepEqual(
      diff(
        { ...stage, RouteSettings: { $connect: { LoggingLevel: 'OFF', ThrottlingRateLimit: 2 } } },
        { ...stage, RouteSettings: { $connect: { ThrottlingRateLimit: 2 } } },
      ),
      [],
    ),
  'v2-empty-is-absent': () => {
    // The empty maps the captures hold are no diff against a spec that declares none.
    assert.deepEqual(
      diff(
        {
          ...WEBSOCKET_STAGE,
          RouteSettings: undefined,
          StageVariables: undefined,
          Tags: undefined,
        },
        WEBSOCKET_STAGE,
      ),
      [],
    );
    // A tag's value may be empty.
    assert.deepEqual(normalizeStage({ ...stage, Tags: { note: '' } }, V2), {
      ...stage,
      Tags: { note: '' },
    });
  },
  'deployment-id-minted-by-auto-deploy': () => {
    assert.equal(normalizeStage(HTTP_DEFAULT_STAGE, V2).DeploymentId, undefined);
    assert.equal(normalizeStage(WEBSOCKET_STAGE, V2).DeploymentId, 'e60xod');
  },
  'v2-aws-reserved-tags-unmanaged': () => {
    const { patch } = compareStage(
      { ...HTTP_DEFAULT_STAGE, Tags: { team: 'chat' } },
      HTTP_DEFAULT_STAGE,
      undefined,
      V2,
    );
    assert.deepEqual(patch, []);
  },
  'v2-applied-commit-tag-unmanaged': () =>
    assert.deepEqual(
      diff(
        { ...stage, Tags: { team: 'a' } },
        { ...stage, Tags: { team: 'a', 'stage-sync:commit': 'abc' } },
      ),
      [],
    ),
  'access-log-settings-kept-whole': () => {
    const live = {
      ...stage,
      AccessLogSettings: { DestinationArn: 'arn:aws:logs:x', Format: '$context.requestId' },
    };
    const desired = { ...stage, AccessLogSettings: { DestinationArn: 'arn:aws:logs:x' } };
    assert.deepEqual(compareStage(desired, live, undefined, V2), { diffs: [], patch: [] });
    const { diffs, patch } = compareStage(desired, live, live, V2);
    assert.deepEqual(
      diffs.map((d) => [d.path, d.kind]),
      [['AccessLogSettings.Format', 'removed']],
    );
    assert.deepEqual(patch, [
      { op: 'replace', path: '/AccessLogSettings', value: { DestinationArn: 'arn:aws:logs:x' } },
    ]);
  },
  'default-route-settings-kept-whole': () => {
    const live = {
      ...stage,
      DefaultRouteSettings: {
        DetailedMetricsEnabled: false,
        ThrottlingBurstLimit: 10,
        ThrottlingRateLimit: 5,
      },
    };
    const desired = { ...stage, DefaultRouteSettings: { ThrottlingBurstLimit: 10 } };
    assert.deepEqual(compareStage(desired, live, undefined, V2).patch, []);
    const previous = {
      ...stage,
      DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 },
    };
    const { patch } = compareStage(desired, live, previous, V2);
    assert.deepEqual(patch, [
      {
        op: 'replace',
        path: '/DefaultRouteSettings',
        value: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 10 },
      },
    ]);
  },
  'route-settings-kept-whole': () => {
    const live = {
      ...stage,
      RouteSettings: {
        'GET /pets': {
          DetailedMetricsEnabled: false,
          ThrottlingBurstLimit: 3,
          ThrottlingRateLimit: 1,
        },
      },
    };
    const desired = { ...stage, RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 3 } } };
    assert.deepEqual(compareStage(desired, live, undefined, V2).patch, []);
    const { diffs, patch } = compareStage(
      desired,
      live,
      {
        ...desired,
        RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 3, ThrottlingRateLimit: 1 } },
      },
      V2,
    );
    assert.deepEqual(
      diffs.map((d) => d.path),
      ['RouteSettings[GET /pets].ThrottlingRateLimit'],
    );
    assert.deepEqual(
      patch.map((op) => [op.op, op.path]),
      [['replace', '/RouteSettings/GET ~1pets']],
    );
  },
  'deployment-id-left-when-silent': () => {
    // Another pipeline deploys a stage without auto-deploy: its DeploymentId is not the spec's.
    const { DeploymentId: _id, ...declared } = WEBSOCKET_STAGE;
    assert.deepEqual(compareStage(declared, WEBSOCKET_STAGE, WEBSOCKET_STAGE, V2), {
      diffs: [],
      patch: [],
    });
  },
  'default-route-settings-filled': () => {
    const { DefaultRouteSettings: _filled, ...declared } = WEBSOCKET_STAGE;
    assert.deepEqual(compareStage(declared, WEBSOCKET_STAGE, undefined, V2), {
      diffs: [],
      patch: [],
    });
  },
  'route-settings-keyed-by-route-key': () => {
    const { diffs, patch } = compareStage(
      {
        ...stage,
        RouteSettings: {
          'GET /pets': { ThrottlingBurstLimit: 20 },
          $default: { ThrottlingRateLimit: 4 },
        },
      },
      { ...stage, RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 10 } } },
      undefined,
      V2,
    );
    assert.deepEqual(diffs, [
      { path: 'RouteSettings[$default].ThrottlingRateLimit', kind: 'added', after: 4 },
      {
        path: 'RouteSettings[GET /pets].ThrottlingBurstLimit',
        kind: 'changed',
        before: 10,
        after: 20,
      },
    ]);
    assert.deepEqual(patch, [
      { op: 'add', path: '/RouteSettings/$default', value: { ThrottlingRateLimit: 4 } },
      { op: 'replace', path: '/RouteSettings/GET ~1pets/ThrottlingBurstLimit', value: 20 },
    ]);
  },
  'v2-tags-keyed-by-key': () => {
    const { diffs, patch } = compareStage(
      { ...stage, Tags: { team: 'payments', tier: 'gold' } },
      { ...stage, Tags: { 'aws:cloudformation:stack-name': 'S', team: 'chat', old: 'x' } },
      undefined,
      V2,
    );
    assert.deepEqual(diffs, [
      { path: 'Tags[old]', kind: 'removed', before: 'x' },
      { path: 'Tags[team]', kind: 'changed', before: 'chat', after: 'payments' },
      { path: 'Tags[tier]', kind: 'added', after: 'gold' },
    ]);
    assert.deepEqual(patch, [
      { op: 'remove', path: '/Tags/old' },
      { op: 'replace', path: '/Tags/team', value: 'payments' },
      { op: 'add', path: '/Tags/tier', value: 'gold' },
    ]);
  },
  'numbers-by-value': () =>
    assert.deepEqual(
      diff(
        { ...stage, DefaultRouteSettings: { ThrottlingRateLimit: 5.0 } },
        { ...stage, DefaultRouteSettings: { ThrottlingRateLimit: 5 } },
      ),
      [],
    ),
};

test('every V2 normalisation rule has a test here', () => {
  assert.deepEqual(ruleNames(V2_STAGE_RULES).sort(), Object.keys(ruleTests).sort());
});

for (const [name, check] of Object.entries(ruleTests)) test(`rule ${name}`, check);

test('a keyed map whose live entries are all unmanaged gains entries one by one', () => {
  // Replacing /Tags whole would take CloudFormation's aws: tags with it.
  const { patch } = compareStage(
    { ...stage, Tags: { team: 'a' } },
    { ...stage, Tags: { 'aws:cloudformation:logical-id': 'Stage' } },
    undefined,
    V2,
  );
  assert.deepEqual(patch, [{ op: 'add', path: '/Tags/team', value: 'a' }]);
});

test('a create lists route settings and tags by key', () => {
  assert.deepEqual(
    createdProperties(
      { ...stage, RouteSettings: { $connect: { ThrottlingBurstLimit: 1 } }, Tags: { team: 'a' } },
      V2,
    ).map((d) => d.path),
    ['ApiId', 'RouteSettings[$connect].ThrottlingBurstLimit', 'StageName', 'Tags[team]'],
  );
});
