/**
 * What AWS fills into the objects it keeps when nobody set a value, beyond the constants of the
 * type's default rules (src/plan/normalization-rules*.ts): the planner never diffs such fields
 * (README, "How the plan is computed"), so an imported spec that leaves them out plans clean, and
 * one that wrote them would pin values that depend on region, quota and history. Facts are those
 * of docs/reference/aws-recorded-behaviour.md. A value that merely equals a filled one is left out
 * too: the planner leaves undeclared fields to AWS, so nothing changes either way.
 */
import {
  STAGE_TYPE_NAME,
  V2_STAGE_TYPE_NAME,
  type StageProperties,
  type StageTypeName,
} from '../model/stage.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/**
 * The value AWS would report for `field` of the object at `at` had nobody set it, or `undefined`
 * when there is no such value (or it is a constant of the default rules).
 */
export type FilledValue = (
  at: string,
  field: string,
  container: JsonObject,
  stage: StageProperties,
  region: string | undefined,
) => Json;

/**
 * Regions whose default account throttle is 2500 requests/s with a burst of 1250 (fact 30, the
 * API Gateway quotas page); elsewhere it is 10000 with a burst of 5000 (facts 20 and 30).
 */
const LOWER_QUOTA_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'eu-south-1',
  'ap-southeast-3',
  'me-central-1',
  'ap-south-2',
  'ap-southeast-4',
  'eu-south-2',
  'eu-central-2',
  'il-central-1',
  'ca-west-1',
  'ap-southeast-5',
  'ap-southeast-7',
  'mx-central-1',
]);

/** What a method setting nobody configured reads back with (facts 15 and 20; throttle: 30). */
function methodSettingDefaults(region: string | undefined): JsonObject {
  const lower = region !== undefined && LOWER_QUOTA_REGIONS.has(region);
  return {
    CacheDataEncrypted: false,
    CacheTtlInSeconds: 300,
    CachingEnabled: false,
    DataTraceEnabled: false,
    MetricsEnabled: false,
    ThrottlingBurstLimit: lower ? 1250 : 5000,
    ThrottlingRateLimit: lower ? 2500 : 10000,
  };
}

/** A canary's fields AWS fills (fact 25). */
const CANARY_DEFAULTS: JsonObject = { UseStageCache: false, PercentTraffic: 0 };

const isStageWide = (setting: JsonObject): boolean =>
  setting.HttpMethod === '*' && (setting.ResourcePath === '/*' || setting.ResourcePath === '~1*');

/**
 * A REST API stage: what AWS fills into a method setting (`MethodSettings[]`), the canary
 * (`CanarySetting`) and the cache size. A per-method setting starts from the stage-wide `*` `/*`
 * entry's values (fact 21).
 */
const restFilledValue: FilledValue = (at, field, container, stage, region) => {
  if (at === 'MethodSettings[]') {
    const settings = Array.isArray(stage.MethodSettings)
      ? (stage.MethodSettings as JsonObject[])
      : [];
    const stageWide = settings.find(isStageWide);
    if (stageWide && !isStageWide(container) && stageWide[field] !== undefined)
      return stageWide[field];
    return methodSettingDefaults(region)[field];
  }
  // A canary made without a deployment follows the stage's own deployment (fact 25).
  if (at === 'CanarySetting')
    return field === 'DeploymentId' ? stage.DeploymentId : CANARY_DEFAULTS[field];
  // A cache enabled without a size gets 0.5 GB (fact 31).
  if (at === '' && field === 'CacheClusterSize' && stage.CacheClusterEnabled === true) return '0.5';
  return undefined;
};

/**
 * An HTTP or WebSocket API stage: what the service fills in are the route-setting flags, which
 * are constants of its default rules (src/plan/normalization-rules-v2.ts); throttling is never
 * filled in (docs/evidence/apigatewayv2-stage.md item 7), so nothing depends on region or quota.
 */
const v2FilledValue: FilledValue = () => undefined;

/** Each type's filled values. */
export const FILLED_VALUES: Readonly<Record<StageTypeName, FilledValue>> = {
  [STAGE_TYPE_NAME]: restFilledValue,
  [V2_STAGE_TYPE_NAME]: v2FilledValue,
};
