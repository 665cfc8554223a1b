/**
 * Hand-built plans for the renderer's tests, shaped like the planner's output (build-plan.ts):
 * literal data so the goldens pin the rendering, not the planner.
 */
import { readFileSync } from 'node:fs';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { stagesById } from '../../src/desired/spec-stage.ts';
import { NOT_IN_PLACE_RULES } from '../../src/plan/patch-rules.ts';
import type { ApplyResult, StageOutcome } from '../../src/apply/result.ts';
import { MANAGED_BY_TAG_KEY, type StageProperties } from '../../src/model/stage.ts';
import type {
  CreateChange,
  DeleteChange,
  NoOpChange,
  Plan,
  PreviousSpecsReport,
  PropertyDiff,
  PruneReport,
  StageChange,
  UpdateChange,
} from '../../src/plan/types.ts';
import type { RenderContext } from '../../src/render/types.ts';

export const REPOSITORY = 'octo-org/payments-api';
export const TARGET = 'us-east-1: stages/*.yml';
export const HASH = 'sha256:5d1f0c3b8e2a47f9a06c1e4b7d3f9a2c8e5b0d6f1a7c3e9b2d4f6a8c0e1b3d5f';
export const OTHER_HASH = 'sha256:9b7e2c4a6d8f0e1c3a5b7d9f1e3c5a7b9d1f3e5c7a9b1d3f5e7c9a1b3d5f7e9c';
const OWNERSHIP_TAG = { Key: MANAGED_BY_TAG_KEY, Value: REPOSITORY };
const EXAMPLES_FILE = 'examples/alchemy-stages.yml';

export const CONTEXT: RenderContext = {
  toolVersion: '0.1.0',
  commitSha: '4f2a9c1e7b3d5f8a0c2e4b6d8f1a3c5e7b9d0f2a',
  repository: REPOSITORY,
  serverUrl: 'https://github.com',
  runUrl: 'https://github.com/octo-org/payments-api/actions/runs/9876543210',
  eventName: 'pull_request',
};

/** The note the planner puts on a change AWS cannot make in place (patch-rules.ts). */
const NOT_IN_PLACE_NOTE =
  NOT_IN_PLACE_RULES.find((rule) => rule.at === 'DocumentationVersion')?.note ?? '';
const PREVIOUS_SPECS_READ: PreviousSpecsReport = {
  status: 'read',
  source: 'specs at commit 1a2b3c4',
};

const PRUNE_OFF: PruneReport = { enabled: false, skippedUnmanaged: [], skippedForeign: [] };

/** A plan with counts derived from its changes, as build-plan does. */
export function planOf(
  changes: readonly StageChange[],
  prune: PruneReport = PRUNE_OFF,
  hash = HASH,
): Plan {
  const count = (action: StageChange['action']): number =>
    changes.filter((c) => c.action === action).length;
  return {
    target: TARGET,
    repository: REPOSITORY,
    changes,
    counts: {
      create: count('create'),
      update: count('update'),
      delete: count('delete'),
      noOp: count('no-op'),
    },
    prune,
    previousSpecs: PREVIOUS_SPECS_READ,
    hash,
  };
}

/** One added diff per top-level property: the shape of a create's diffs. */
function addedDiffs(after: StageProperties): PropertyDiff[] {
  return Object.keys(after)
    .sort()
    .map((path) => ({ path, kind: 'added', after: after[path] }));
}

function create(name: string, line: number, properties: StageProperties): CreateChange {
  const after: StageProperties = {
    ...properties,
    Tags: [...((properties.Tags as unknown[]) ?? []), OWNERSHIP_TAG],
  };
  return {
    action: 'create',
    type: 'AWS::ApiGateway::Stage',
    name,
    identifier: `${String(after.RestApiId)}|${String(after.StageName)}`,
    source: { file: EXAMPLES_FILE, line, column: 3 },
    declared: properties,
    diffs: addedDiffs(after),
    after,
  };
}

/** The three examples of the Alchemy `AWS::ApiGateway::Stage` page (reference doc). */
export const BASIC_STAGE: StageProperties = {
  RestApiId: 'abc1234',
  StageName: 'production',
  DeploymentId: 'dep0001',
  Description: 'Production stage for the API',
  MethodSettings: [
    { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
  ],
  Tags: [
    { Key: 'Environment', Value: 'production' },
    { Key: 'Project', Value: 'API Project' },
  ],
};

export const ADVANCED_STAGE: StageProperties = {
  RestApiId: 'abc1234',
  StageName: 'staging',
  DeploymentId: 'dep0001',
  Description: 'Staging stage for the API',
  CanarySetting: { PercentTraffic: 10, DeploymentId: 'xyz5678' },
  AccessLogSetting: {
    DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:ApiAccessLogs',
    Format: '$context.identity.sourceIp - $context.identity.caller',
  },
  MethodSettings: [
    { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
  ],
};

export const CACHE_ENABLED_STAGE: StageProperties = {
  RestApiId: 'abc1234',
  StageName: 'cached',
  DeploymentId: 'dep0001',
  CacheClusterEnabled: true,
  CacheClusterSize: '0.5',
  MethodSettings: [
    { HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true, CacheTtlInSeconds: 300 },
  ],
};

/**
 * Creating the three example stages in an empty account, as the real planner computes it from
 * examples/ (so this golden pins what users of the examples will actually see).
 */
export function examplesCreatePlan(): Plan {
  const text = readFileSync(new URL('../../examples/alchemy-stages.yml', import.meta.url), 'utf8');
  const { stages, problems } = loadSpecs([{ path: EXAMPLES_FILE, text }]);
  if (problems.length > 0) throw new Error(`examples/ no longer loads: ${problems[0]?.message}`);
  return buildPlan({
    desired: stagesById(stages),
    live: new Map(),
    undeclared: [],
    prune: false,
    repository: REPOSITORY,
    target: TARGET,
  });
}

function update(
  name: string,
  before: StageProperties,
  after: StageProperties,
  diffs: PropertyDiff[],
  line = 21,
): UpdateChange {
  return {
    action: 'update',
    type: 'AWS::ApiGateway::Stage',
    name,
    identifier: `${String(before.RestApiId)}|${String(before.StageName)}`,
    source: { file: EXAMPLES_FILE, line, column: 3 },
    declared: after,
    diffs,
    before,
    after,
    patch: diffs.map((diff) => ({
      op: 'replace' as const,
      path: `/${diff.path}`,
      value: diff.after,
    })),
  };
}

const STAGING_BEFORE: StageProperties = {
  ...ADVANCED_STAGE,
  Description: 'Staging stage',
  Tags: [{ Key: 'Team', Value: 'payments' }, OWNERSHIP_TAG],
  Variables: { backend: 'staging.internal' },
  TracingEnabled: false,
};

const STAGING_AFTER: StageProperties = {
  ...ADVANCED_STAGE,
  CanarySetting: { PercentTraffic: 25, DeploymentId: 'xyz5678' },
  AccessLogSetting: {
    DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:ApiAccessLogs',
    Format: '$context.identity.sourceIp - $context.identity.caller - $context.requestId',
  },
  MethodSettings: [
    { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 200, ThrottlingRateLimit: 150 },
    {
      HttpMethod: 'GET',
      ResourcePath: '/orders/{id}',
      CachingEnabled: true,
      CacheTtlInSeconds: 60,
    },
  ],
  Variables: { backend: 'staging.internal', lambdaAlias: 'live' },
  TracingEnabled: true,
  Tags: [OWNERSHIP_TAG],
};

/** The update with several property diffs: changed, added, removed, nested and whole elements. */
export function stagingUpdate(): UpdateChange {
  return update('AdvancedStage', STAGING_BEFORE, STAGING_AFTER, [
    {
      path: 'AccessLogSetting.Format',
      kind: 'changed',
      before: '$context.identity.sourceIp - $context.identity.caller',
      after: '$context.identity.sourceIp - $context.identity.caller - $context.requestId',
    },
    {
      path: 'CanarySetting.PercentTraffic',
      kind: 'changed',
      before: 10,
      after: 25,
    },
    {
      path: 'Description',
      kind: 'changed',
      before: 'Staging stage',
      after: 'Staging stage for the API',
    },
    {
      path: 'MethodSettings[* /*].ThrottlingRateLimit',
      kind: 'changed',
      before: 100,
      after: 150,
    },
    {
      path: 'MethodSettings[GET /orders/{id}]',
      kind: 'added',
      after: {
        CacheTtlInSeconds: 60,
        CachingEnabled: true,
        HttpMethod: 'GET',
        ResourcePath: '/orders/{id}',
      },
    },
    { path: 'Tags[Team]', kind: 'removed', before: 'payments' },
    {
      path: 'TracingEnabled',
      kind: 'changed',
      before: false,
      after: true,
    },
    { path: 'Variables.lambdaAlias', kind: 'added', after: 'live' },
  ]);
}

export function updatePlan(): Plan {
  return planOf([stagingUpdate()]);
}

function noOp(name: string, line: number, properties: StageProperties): NoOpChange {
  const owned: StageProperties = {
    ...properties,
    Tags: [...((properties.Tags as unknown[]) ?? []), OWNERSHIP_TAG],
  };
  return {
    action: 'no-op',
    type: 'AWS::ApiGateway::Stage',
    name,
    identifier: `${String(owned.RestApiId)}|${String(owned.StageName)}`,
    source: { file: EXAMPLES_FILE, line, column: 3 },
    declared: properties,
    diffs: [],
    before: owned,
    after: owned,
  };
}

function pruneDelete(identifier: string, properties: StageProperties): DeleteChange {
  return {
    action: 'delete',
    type: 'AWS::ApiGateway::Stage',
    name: identifier,
    identifier,
    diffs: Object.keys(properties)
      .sort()
      .map((path) => ({
        path,
        kind: 'removed',
        before: properties[path],
      })),
    before: properties,
  };
}

/** A prune plan: one managed stage deleted, a create, an update, two unchanged, three left alone. */
export function mixedPlan(): Plan {
  const legacy = pruneDelete('abc1234|legacy', {
    RestApiId: 'abc1234',
    StageName: 'legacy',
    DeploymentId: 'dep0000',
    Description: 'Old v1 stage',
    Tags: [OWNERSHIP_TAG],
  });
  const basic = create('BasicStage', 9, BASIC_STAGE);
  return planOf(
    [
      legacy,
      basic,
      stagingUpdate(),
      noOp('CacheEnabledStage', 36, CACHE_ENABLED_STAGE),
      noOp('ReportsStage', 48, {
        RestApiId: 'def5678',
        StageName: 'reports',
        DeploymentId: 'dep0042',
      }),
    ],
    {
      enabled: true,
      skippedUnmanaged: ['abc1234|manual-test', 'def5678|sandbox'],
      skippedForeign: ['abc1234|partner'],
    },
  );
}

/** Nothing to do: every declared stage matches. */
export function noChangesPlan(): Plan {
  return planOf(
    [
      noOp('AdvancedStage', 21, ADVANCED_STAGE),
      noOp('BasicStage', 9, BASIC_STAGE),
      noOp('CacheEnabledStage', 36, CACHE_ENABLED_STAGE),
    ],
    { enabled: true, skippedUnmanaged: [], skippedForeign: [] },
  );
}

/**
 * HTTP and WebSocket API stages beside a REST one: an auto-deploy `$default` stage updated through
 * API Gateway (its spec names the API by `api:`), a WebSocket stage created with per-route
 * settings, and an unchanged REST stage.
 */
export function httpApiPlan(): Plan {
  const V2 = 'AWS::ApiGatewayV2::Stage' as const;
  const owned = { [MANAGED_BY_TAG_KEY]: REPOSITORY };
  const httpBefore = {
    ApiId: 'z1mf4h761f',
    StageName: '$default',
    AutoDeploy: true,
    DeploymentId: '1axai8',
    DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 10 },
    Tags: owned,
  };
  const http: UpdateChange = {
    action: 'update',
    type: V2,
    name: 'PetsHttp',
    identifier: 'z1mf4h761f|$default',
    apiName: 'pets-http',
    source: { file: 'examples/http-api-stages.yml', line: 12, column: 3 },
    declared: {},
    diffs: [
      { path: 'DefaultRouteSettings.ThrottlingBurstLimit', kind: 'changed', before: 10, after: 50 },
      { path: 'RouteSettings[GET /pets].ThrottlingRateLimit', kind: 'added', after: 5 },
    ],
    before: httpBefore,
    after: {
      ...httpBefore,
      DefaultRouteSettings: { ThrottlingBurstLimit: 50 },
      RouteSettings: { 'GET /pets': { ThrottlingRateLimit: 5 } },
    },
    patch: [
      { op: 'replace', path: '/DefaultRouteSettings/ThrottlingBurstLimit', value: 50 },
      { op: 'add', path: '/RouteSettings/GET ~1pets', value: { ThrottlingRateLimit: 5 } },
    ],
    route: {
      service: 'apigatewayv2',
      note: 'updated through API Gateway: Cloud Control cannot update auto-deploy stages',
    },
  };
  const websocketAfter = {
    ApiId: 'jt9zvy5llc',
    StageName: 'prod',
    DeploymentId: 'e60xod',
    RouteSettings: { $connect: { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 } },
    Tags: owned,
  };
  const websocket: CreateChange = {
    action: 'create',
    type: V2,
    name: 'ChatSocket',
    identifier: 'jt9zvy5llc|prod',
    source: { file: 'examples/http-api-stages.yml', line: 24, column: 3 },
    declared: {},
    diffs: [
      { path: 'ApiId', kind: 'added', after: 'jt9zvy5llc' },
      { path: 'DeploymentId', kind: 'added', after: 'e60xod' },
      { path: 'RouteSettings[$connect].ThrottlingBurstLimit', kind: 'added', after: 20 },
      { path: 'RouteSettings[$connect].ThrottlingRateLimit', kind: 'added', after: 10 },
      { path: 'StageName', kind: 'added', after: 'prod' },
      { path: `Tags[${MANAGED_BY_TAG_KEY}]`, kind: 'added', after: REPOSITORY },
    ],
    after: websocketAfter,
  };
  return planOf([websocket, http, noOp('BasicStage', 9, BASIC_STAGE)]);
}

/**
 * An update, plus a stage whose only difference AWS cannot make in place (a no-op that shows it),
 * planned without the previous specs.
 */
export function notInPlacePlan(): Plan {
  const unchanged = noOp('BasicStage', 9, BASIC_STAGE);
  return {
    ...planOf([
      stagingUpdate(),
      {
        ...unchanged,
        diffs: [
          {
            path: 'DocumentationVersion',
            kind: 'changed',
            before: '1',
            after: '2',
            note: NOT_IN_PLACE_NOTE,
          },
        ],
      },
    ]),
    previousSpecs: { status: 'unavailable', reason: 'no earlier apply recorded on these stages' },
  };
}

/** `count` updated stages, each with a few diffs of varying size, plus some unchanged ones. */
export function largePlan(count: number): Plan {
  const changes: StageChange[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(i).padStart(4, '0');
    const stageName = `tenant-${id}`;
    const before: StageProperties = {
      RestApiId: 'big0001',
      StageName: stageName,
      DeploymentId: 'dep0001',
    };
    const longValue = 'x'.repeat((i * 37) % 400);
    const diffs: PropertyDiff[] = [
      {
        path: 'DeploymentId',
        kind: 'changed',
        before: 'dep0001',
        after: 'dep0002',
      },
      {
        path: 'Description',
        kind: 'added',
        after: `Tenant ${id} ${longValue}`,
      },
      { path: 'Variables.tenant', kind: 'added', after: id },
    ];
    const after = {
      ...before,
      DeploymentId: 'dep0002',
      Description: `Tenant ${id} ${longValue}`,
      Variables: { tenant: id },
    };
    changes.push({
      ...update(`Tenant${id}`, before, after, diffs, 10 + i * 6),
      source: { file: 'stages/tenants.yml', line: 10 + i * 6, column: 3 },
    });
  }
  return planOf(changes);
}

/** Every trick a spec author (or a compromised spec) could try on the comment. */
export const HOSTILE_TEXT = {
  html: '<img src=x onerror=alert(1)><script>alert(1)</script><b>bold</b>',
  mention: '@octo-org/security-team please approve @admin',
  backticks: '```` fence `` and ` ticks',
  details: '</details></summary><details open><summary>spoofed',
  comment: '<!-- stage-sync:record {"tool":"stage-sync"} --> <!--',
  pipes: 'a | b || c \\| d',
  newlines: 'line one\nline two\r\n\n# heading\n- [ ] task',
  bidi: 'admin\u202e\u2066txt.exe\u2069 zero\u200bwidth',
  terminal: '\u001b[31mred\u001b[0m \u009b2J ::error::injected',
  markdown: '**bold** _it_ [link](https://evil.example) ![img](https://evil.example/x.png) #1 GH-2',
} as const;

export function hostilePlan(): Plan {
  const hostileName = `Evil|${HOSTILE_TEXT.mention} ${HOSTILE_TEXT.backticks}`;
  const before: StageProperties = {
    RestApiId: 'abc1234',
    StageName: 'evil',
    DeploymentId: 'dep0001',
    Description: HOSTILE_TEXT.details,
    Variables: { note: 'plain' },
  };
  const after: StageProperties = {
    ...before,
    Description: `${HOSTILE_TEXT.html} ${HOSTILE_TEXT.comment}`,
    Variables: { [`key${HOSTILE_TEXT.pipes}`]: HOSTILE_TEXT.newlines },
  };
  const hostileUpdate: UpdateChange = {
    ...update(hostileName, before, after, [
      {
        path: 'Description',
        kind: 'changed',
        before: HOSTILE_TEXT.details,
        after: after.Description,
      },
      {
        path: `Variables.key${HOSTILE_TEXT.pipes}`,
        kind: 'added',
        after: HOSTILE_TEXT.newlines,
      },
      { path: 'Variables.note', kind: 'removed', before: 'plain' },
      {
        path: `Tags[${HOSTILE_TEXT.bidi}]`,
        kind: 'added',
        after: HOSTILE_TEXT.terminal,
      },
      {
        path: 'DocumentationVersion',
        kind: 'changed',
        before: 'evil',
        after: HOSTILE_TEXT.markdown,
        note: NOT_IN_PLACE_NOTE,
      },
    ]),
    identifier: `abc1234|${HOSTILE_TEXT.pipes}`,
    source: {
      file: `stages/${HOSTILE_TEXT.comment}\n${HOSTILE_TEXT.details}.yml`,
      line: 7,
      column: 1,
    },
  };
  const hostileCreate = {
    ...create(HOSTILE_TEXT.html, 3, {
      RestApiId: 'abc1234',
      StageName: 'created',
      DeploymentId: 'dep0001',
      Description: HOSTILE_TEXT.backticks,
      Variables: { mention: HOSTILE_TEXT.mention },
    }),
    identifier: `abc1234|${HOSTILE_TEXT.newlines}`,
  };
  const hostileDelete = pruneDelete(`abc1234|${HOSTILE_TEXT.details}`, {
    RestApiId: 'abc1234',
    StageName: HOSTILE_TEXT.details,
    Description: HOSTILE_TEXT.markdown,
  });
  const plan = planOf([hostileDelete, hostileCreate, hostileUpdate], {
    enabled: true,
    skippedUnmanaged: [`abc1234|${HOSTILE_TEXT.mention}`],
    skippedForeign: [`abc1234|${HOSTILE_TEXT.html}`],
  });
  return { ...plan, target: `us-east-1: ${HOSTILE_TEXT.comment} ${HOSTILE_TEXT.mention}` };
}

/** Outcomes of applying `plan`: `failures` maps identifiers to AWS's error, the rest succeed. */
export function applyResultFor(
  plan: Plan,
  failures: ReadonlyMap<string, { errorCode: string; statusMessage: string }> = new Map(),
): ApplyResult {
  const outcomes: StageOutcome[] = plan.changes.map((change, index) => {
    const failure = failures.get(change.identifier);
    const base = {
      name: change.name,
      identifier: change.identifier,
      action: change.action,
      durationMs: 1200 + index * 850,
    };
    if (change.action === 'no-op') return { ...base, status: 'unchanged', durationMs: 0 };
    if (failure)
      return { ...base, status: 'failed', ...failure, requestToken: `req-${index}-7f3a` };
    return { ...base, status: 'applied', requestToken: `req-${index}-7f3a` };
  });
  const failed = outcomes.some((outcome) => outcome.status === 'failed');
  return { status: failed ? 'failed' : 'applied', outcomes, durationMs: 14_250 };
}
