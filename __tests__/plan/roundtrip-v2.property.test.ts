/**
 * The promise of the plan for `AWS::ApiGatewayV2::Stage`, on random data: for any valid HTTP or
 * WebSocket stage spec and any live stage as the read handler returns it (the emulator's
 * `v2StageReadModel`: route settings filled by protocol, empty maps as `{}`, a DeploymentId minted
 * by auto-deploy, CloudFormation's `aws:` tags: docs/evidence/apigatewayv2-stage.md items 4, 6, 7,
 * 10), applying the plan's patch and reading back leaves nothing to change, a create reads back
 * with no diff, and what a newer spec drops is removed and stays removed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyJsonPatch } from '../../emulator/json-patch.ts';
import { v2StageReadModel } from '../../emulator/apigatewayv2/stage-model.ts';
import { desiredModel } from '../../src/plan/aws-spelling.ts';
import { compareStage, diffStage } from '../../src/plan/compare.ts';
import { normalizeStage } from '../../src/plan/normalize.ts';
import { withOwnershipTag } from '../../src/plan/ownership.ts';
import type { PropertyDiff } from '../../src/plan/types.ts';

const V2 = 'AWS::ApiGatewayV2::Stage';
const NUM_RUNS = 300;
const repository = 'octo/stages';
const ids = { ApiId: 'z1mf4h761f', StageName: '$default' };
type Protocol = 'HTTP' | 'WEBSOCKET';

const word = fc.constantFrom('a', 'blue', 'v1');
const stringMap = fc.dictionary(fc.constantFrom('alias', 'color', 'mode'), word, { maxKeys: 3 });

/** Route settings; execution logs only where the protocol has them (evidence item 9). */
const routeSetting = (protocol: Protocol) =>
  fc.record(
    {
      DetailedMetricsEnabled: fc.boolean(),
      ThrottlingBurstLimit: fc.constantFrom(0, 10, 500),
      ThrottlingRateLimit: fc.constantFrom(0, 5, 2.5, 1000),
      ...(protocol === 'WEBSOCKET'
        ? { DataTraceEnabled: fc.boolean(), LoggingLevel: fc.constantFrom('OFF', 'ERROR', 'INFO') }
        : {}),
    },
    { requiredKeys: [] },
  );

const routeKeys = (protocol: Protocol) =>
  protocol === 'HTTP'
    ? fc.constantFrom('GET /pets', 'POST /pets', '$default', 'ANY /{proxy+}')
    : fc.constantFrom('$connect', '$disconnect', '$default', 'sendmessage');

const stageProperties = (protocol: Protocol) =>
  fc.record(
    {
      AutoDeploy: fc.boolean(),
      Description: fc.constantFrom('Production', 'Staging'),
      AccessLogSettings: fc.record(
        {
          DestinationArn: fc.constantFrom(
            'arn:aws:logs:us-east-1:1:log-group:g',
            'arn:aws:logs:us-east-1:1:log-group:h',
          ),
          Format: fc.constantFrom('$context.requestId', '$context.requestId $context.status'),
        },
        { requiredKeys: [] },
      ),
      DefaultRouteSettings: routeSetting(protocol),
      RouteSettings: fc.dictionary(routeKeys(protocol), routeSetting(protocol), { maxKeys: 3 }),
      StageVariables: stringMap,
      Tags: fc.dictionary(
        fc.constantFrom('team', 'env', 'stage-sync:managed-by'),
        fc.constantFrom('', 'a', 'b'),
        {
          maxKeys: 3,
        },
      ),
    },
    { requiredKeys: [] },
  );

/** A spec and the protocol of its API. */
const spec = fc.constantFrom<Protocol>('HTTP', 'WEBSOCKET').chain((protocol) =>
  fc.tuple(
    fc.constant(protocol),
    stageProperties(protocol).map((properties) => ({ ...properties, ...ids })),
  ),
);

/** What AWS holds after `properties` were written: a minted deployment under auto-deploy, maybe CloudFormation's tags. */
function stored(
  properties: Record<string, unknown>,
  fromCloudFormation: boolean,
): Record<string, unknown> {
  const tags = (properties.Tags ?? {}) as Record<string, unknown>;
  return {
    ...properties,
    ...(properties.AutoDeploy === true ? { DeploymentId: 'mint01' } : {}),
    ...(fromCloudFormation ? { Tags: { ...tags, 'aws:cloudformation:stack-name': 's' } } : {}),
  };
}

const unnoted = (diffs: readonly PropertyDiff[]): PropertyDiff[] =>
  diffs.filter((diff) => diff.note === undefined);

/** Plans, checks the patch, applies it as Cloud Control would, and re-plans against the read-back. */
function applyAndReplan(
  desired: Record<string, unknown>,
  live: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
  protocol: Protocol,
) {
  const { diffs, patch } = compareStage(desired, live, previous, V2);
  assert.equal(
    patch.length === 0,
    unnoted(diffs).length === 0,
    'patch empty exactly when no diffs to write',
  );
  assert.ok(
    patch.every((operation) => !/^\/(ApiId|StageName|DeploymentId)(\/|$)/.test(operation.path)),
  );
  // Inside an object AWS keeps whole, nothing is removed field by field.
  assert.ok(
    patch.every(
      (operation) =>
        operation.op !== 'remove' ||
        !/^\/(AccessLogSettings|DefaultRouteSettings|RouteSettings\/[^/]+)\/.+/.test(
          operation.path,
        ),
    ),
  );
  const written = applyJsonPatch(live, [...patch]);
  const readBack = v2StageReadModel(written, protocol);
  return { diffs, readBack, next: compareStage(desired, readBack, desired, V2) };
}

test('V2: applying the patch to any live stage leaves no diff after reading back', () => {
  let writes = 0;
  fc.assert(
    fc.property(
      spec,
      spec,
      fc.boolean(),
      fc.boolean(),
      ([protocol, wanted], [, before], cfn, knowPrevious) => {
        const desired = withOwnershipTag(wanted, repository, V2);
        const live = v2StageReadModel(stored(before, cfn), protocol);
        const { diffs, next } = applyAndReplan(
          desired,
          live,
          knowPrevious ? before : undefined,
          protocol,
        );
        if (diffs.length > 0) writes += 1;
        assert.deepEqual(unnoted(next.diffs), []);
        assert.deepEqual(next.patch, []);
      },
    ),
    { numRuns: NUM_RUNS },
  );
  assert.ok(writes > NUM_RUNS / 2, `most pairs differ (${writes})`);
});

test('V2: a stage created from the plan reads back with no diff', () => {
  fc.assert(
    fc.property(spec, ([protocol, wanted]) => {
      const desired = withOwnershipTag(wanted, repository, V2);
      const live = v2StageReadModel(stored(desiredModel(desired, V2), false), protocol);
      assert.deepEqual(diffStage(desired, live, undefined, V2), []);
    }),
    { numRuns: NUM_RUNS },
  );
});

test('V2: what a newer spec drops is planned, removed and stays removed', () => {
  let removals = 0;
  fc.assert(
    fc.property(
      spec,
      fc.array(fc.boolean(), { minLength: 6, maxLength: 16 }),
      ([protocol, older], mask) => {
        let index = 0;
        const keep = (): boolean => !(mask[index++ % mask.length] ?? false);
        const thin = (object: unknown): unknown =>
          typeof object === 'object' && object !== null
            ? Object.fromEntries(Object.entries(object).filter(() => keep()))
            : object;
        const newer: Record<string, unknown> = { ...older };
        for (const key of ['AccessLogSettings', 'StageVariables', 'Tags'] as const)
          if (newer[key] !== undefined) newer[key] = thin(newer[key]);
        if (newer.RouteSettings !== undefined)
          newer.RouteSettings = Object.fromEntries(
            Object.entries(newer.RouteSettings as Record<string, unknown>)
              .filter(() => keep())
              .map(([route, setting]) => [route, thin(setting)]),
          );
        const live = v2StageReadModel(
          stored(desiredModel(withOwnershipTag(older, repository, V2), V2), false),
          protocol,
        );
        const desired = withOwnershipTag(newer, repository, V2);
        const { diffs, readBack, next } = applyAndReplan(desired, live, older, protocol);
        assert.deepEqual(unnoted(next.diffs), []);
        assert.deepEqual(next.patch, []);
        const routesBefore = (normalizeStage(older, V2).RouteSettings ?? {}) as Record<
          string,
          Record<string, unknown>
        >;
        const routesAfter = (normalizeStage(newer, V2).RouteSettings ?? {}) as Record<
          string,
          unknown
        >;
        const routesRead = (normalizeStage(readBack, V2).RouteSettings ?? {}) as Record<
          string,
          unknown
        >;
        for (const route of Object.keys(routesBefore)) {
          if (route in routesAfter || newer.RouteSettings === undefined) continue;
          removals += 1;
          assert.ok(
            diffs.some(
              (diff) => diff.path.startsWith(`RouteSettings[${route}]`) && diff.kind === 'removed',
            ),
          );
          assert.equal(route in routesRead, false, `${route} stays removed`);
        }
      },
    ),
    { numRuns: NUM_RUNS },
  );
  assert.ok(removals > 0, 'the generator produced removals');
});
