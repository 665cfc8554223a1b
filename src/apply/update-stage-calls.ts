/**
 * From a planned update of an `AWS::ApiGatewayV2::Stage` to the API Gateway V2 calls that make it,
 * for the updates Cloud Control cannot make (auto-deploy stages: src/plan/patch-rules.ts
 * `V2_UPDATE_ROUTE`). Pure: the live model and the patch in, the calls out.
 *
 * The patch (with the applied-commit tag op, applied-commit-tag.ts) is applied to the live model
 * to get the target; then each top-level property that differs becomes what API Gateway V2 needs
 * to reach it, by the merge semantics of UpdateStage (docs/evidence/apigatewayv2-stage.md, cited
 * by item):
 *
 * - `StageVariables` merge key by key: changed and added keys are sent, removed keys are sent as
 *   `""` (item 14);
 * - `RouteSettings`: each changed or added route is sent whole, from the target (a route sent is
 *   replaced, routes not named are kept); a removed route is a DeleteRouteSettings (item 15);
 * - `AccessLogSettings` changed: the whole object; removed: DeleteAccessLogSettings, the only way
 *   to clear them (item 16);
 * - `DefaultRouteSettings` changed: the whole object (replace or merge is unknown, item 18: the
 *   whole object is right either way);
 * - `AutoDeploy`, `Description`, `ClientCertificateId` when changed (Description and
 *   ClientCertificateId cannot be cleared, item 17: the planner never plans that, and it is
 *   refused here);
 * - `Tags` through TagResource (added and changed keys) and UntagResource (removed keys), on the
 *   stage's ARN (item 20);
 * - `DeploymentId` never, since UpdateStage refuses it while auto-deploy is on (items 4, 5), except
 *   beside the `AutoDeploy: false` of the same UpdateStage (accepted then: item 19, inference).
 *
 * The order of the calls, so that a failure midway leaves a partial update the next plan shows as
 * what is left, never something neither spec asked for:
 *
 * 1. **TagResource** first. It carries `stage-sync:commit`, so from the first property this
 *    commit writes onwards the stage names it, and an apply of older specs is refused
 *    (older-commit-guard.ts) rather than silently undoing a half-applied newer one; on a takeover
 *    it also marks the stage as this repository's before anything else is changed in its name.
 * 2. **UpdateStage**: every setting in one request, applied by API Gateway as one.
 * 3. **DeleteRouteSettings**, then **DeleteAccessLogSettings**: removals after the settings are
 *    in, so a stage cut short keeps an old route's throttle or its access log rather than losing
 *    them before their replacements land.
 * 4. **UntagResource** last: a removed tag changes nothing callers of the API see, and the
 *    ownership tag is never among them.
 *
 * Every call sets or removes values, so the same sequence sent again (after a throttle or a
 * timeout) changes nothing more, and a re-plan after a partial failure yields only what is left.
 */
import type {
  AccessLogSettingsMembers,
  RouteSettingsMembers,
  StageUpdateMembers,
} from '../aws/apigatewayv2-port.ts';
import { isJsonObject } from '../model/json.ts';
import type { StageProperties } from '../model/stage.ts';
import { jsonEqual as same } from '../plan/canonical-json.ts';
import type { JsonPatchOperation } from '../plan/types.ts';
import { applyJsonPatch, JsonPatchError } from './json-patch.ts';

const EVIDENCE = 'docs/evidence/apigatewayv2-stage.md';

/** One API Gateway V2 call of a routed update, in the order they are made. */
export type V2StageCall =
  | { readonly call: 'TagResource'; readonly tags: Readonly<Record<string, string>> }
  | { readonly call: 'UpdateStage'; readonly members: StageUpdateMembers }
  | { readonly call: 'DeleteRouteSettings'; readonly routeKey: string }
  | { readonly call: 'DeleteAccessLogSettings' }
  | { readonly call: 'UntagResource'; readonly tagKeys: readonly string[] };

export type V2StageCalls =
  | {
      readonly kind: 'calls';
      readonly calls: readonly V2StageCall[];
    }
  | {
      /** The update cannot be made through API Gateway V2 as planned; no call may be made. */
      readonly kind: 'refused';
      /** Each reason, for people. */
      readonly reasons: readonly string[];
    };

type Json = Readonly<Record<string, unknown>>;

function objectOf(value: unknown): Json | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** An object with at least one member, or undefined: API Gateway treats `{}` as nothing. */
function nonEmptyObject(value: unknown): Json | undefined {
  const object = objectOf(value);
  return object && Object.keys(object).length > 0 ? object : undefined;
}

const stringMap = (value: unknown): Readonly<Record<string, string>> =>
  Object.fromEntries(
    Object.entries(objectOf(value) ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );

/** Keys of `target` whose values differ from `live`'s, and keys `live` has that `target` lacks. */
function mapDelta(
  live: Json,
  target: Json,
): { readonly changed: readonly string[]; readonly removed: readonly string[] } {
  return {
    changed: Object.keys(target)
      .filter((key) => !Object.hasOwn(live, key) || !same(live[key], target[key]))
      .sort(),
    removed: Object.keys(live)
      .filter((key) => !Object.hasOwn(target, key))
      .sort(),
  };
}

/** Properties the calls below make, besides the identifier (never changed by an update). */
const HANDLED = new Set([
  'AccessLogSettings',
  'AutoDeploy',
  'ClientCertificateId',
  'DefaultRouteSettings',
  'DeploymentId',
  'Description',
  'RouteSettings',
  'StageVariables',
  'Tags',
]);

/** What UpdateStage and the delete calls send for each property, and what none can do. */
function stageMembers(
  live: Json,
  target: Json,
  refuse: (reason: string) => void,
): { members: StageUpdateMembers; deletes: V2StageCall[] } {
  const members: Record<string, unknown> = {};
  const deletes: V2StageCall[] = [];

  const variables = mapDelta(
    objectOf(live.StageVariables) ?? {},
    objectOf(target.StageVariables) ?? {},
  );
  if (variables.changed.length + variables.removed.length > 0) {
    const values = stringMap(target.StageVariables);
    members.StageVariables = Object.fromEntries([
      ...variables.changed.map((key) => [key, values[key] ?? '']),
      // Item 14: a variable is removed only by sending it with "".
      ...variables.removed.map((key) => [key, '']),
    ]);
  }

  const liveRoutes = objectOf(live.RouteSettings) ?? {};
  const targetRoutes = objectOf(target.RouteSettings) ?? {};
  const routes = mapDelta(liveRoutes, targetRoutes);
  if (routes.changed.length > 0)
    members.RouteSettings = Object.fromEntries(
      routes.changed.map((key) => [
        key,
        (objectOf(targetRoutes[key]) ?? {}) as RouteSettingsMembers,
      ]),
    );
  for (const routeKey of routes.removed) deletes.push({ call: 'DeleteRouteSettings', routeKey });

  const liveLog = nonEmptyObject(live.AccessLogSettings);
  const targetLog = nonEmptyObject(target.AccessLogSettings);
  if (targetLog && !same(liveLog, targetLog))
    members.AccessLogSettings = targetLog as AccessLogSettingsMembers;
  else if (!targetLog && liveLog) deletes.push({ call: 'DeleteAccessLogSettings' });

  if (!same(live.DefaultRouteSettings, target.DefaultRouteSettings)) {
    const defaults = objectOf(target.DefaultRouteSettings);
    if (defaults) members.DefaultRouteSettings = defaults as RouteSettingsMembers;
    else
      refuse(
        `removing DefaultRouteSettings: API Gateway V2 has no call that removes them (${EVIDENCE} item 18)`,
      );
  }

  const autoDeployBefore = live.AutoDeploy === true;
  const autoDeployAfter = target.AutoDeploy === true;
  if (autoDeployBefore !== autoDeployAfter) members.AutoDeploy = autoDeployAfter;

  for (const name of ['Description', 'ClientCertificateId'] as const) {
    if (same(live[name], target[name])) continue;
    const value = target[name];
    if (typeof value === 'string' && value !== '') members[name] = value;
    else refuse(`clearing ${name}: UpdateStage keeps the old value (${EVIDENCE} item 17)`);
  }

  if (!same(live.DeploymentId, target.DeploymentId)) {
    const deploymentId = target.DeploymentId;
    if (autoDeployBefore && !autoDeployAfter && typeof deploymentId === 'string')
      // Item 19: beside autoDeploy false in the same request (inference).
      members.DeploymentId = deploymentId;
    else if (!autoDeployAfter)
      refuse(
        `setting DeploymentId: UpdateStage takes it only in the request that turns AutoDeploy off (${EVIDENCE} items 5 and 19)`,
      );
    // While auto-deploy stays on the service mints it (item 4): there is nothing to send.
  }
  return { members: members as StageUpdateMembers, deletes };
}

/**
 * The calls that take the live stage `live` to `live` with `patch` applied, in the order above,
 * or why none may be made.
 */
export function updateStageCalls(
  live: StageProperties,
  patch: readonly JsonPatchOperation[],
): V2StageCalls {
  let target: Record<string, unknown>;
  try {
    target = applyJsonPatch(live, patch);
  } catch (error) {
    if (!(error instanceof JsonPatchError)) throw error;
    return {
      kind: 'refused',
      reasons: [`the patch does not fit the live stage (${error.message})`],
    };
  }
  const reasons: string[] = [];
  const refuse = (reason: string): void => {
    reasons.push(reason);
  };
  for (const name of new Set([...Object.keys(live), ...Object.keys(target)])) {
    if (HANDLED.has(name) || same(live[name], target[name])) continue;
    refuse(`changing ${name}: no API Gateway V2 call of the update route sets it`);
  }

  const { members, deletes } = stageMembers(live, target, refuse);
  const liveTags = stringMap(live.Tags);
  const targetTags = stringMap(target.Tags);
  const tags = mapDelta(liveTags, targetTags);
  if (reasons.length > 0) return { kind: 'refused', reasons };

  const calls: V2StageCall[] = [];
  if (tags.changed.length > 0)
    calls.push({
      call: 'TagResource',
      tags: Object.fromEntries(tags.changed.map((key) => [key, targetTags[key] ?? ''])),
    });
  if (Object.keys(members).length > 0) calls.push({ call: 'UpdateStage', members });
  calls.push(...deletes);
  if (tags.removed.length > 0) calls.push({ call: 'UntagResource', tagKeys: tags.removed });
  return { kind: 'calls', calls };
}
