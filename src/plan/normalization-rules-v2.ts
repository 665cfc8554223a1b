/**
 * How an `AWS::ApiGatewayV2::Stage` (an HTTP or WebSocket API stage) is normalised before desired
 * and live are compared: the same kinds of rule as the REST stage's (normalization-rules.ts), with
 * the V2 type's facts. Sources: docs/evidence/apigatewayv2-stage.md, cited by item number
 * (`EVIDENCE` below), and fact 37 of docs/reference/aws-recorded-behaviour.md.
 */
import { APPLIED_COMMIT_TAG_KEY } from '../model/stage.ts';
import {
  isEmpty,
  type DefaultRule,
  type DropRule,
  type FilledWhenSilentRule,
  type KeptObjectRule,
  type KeyedMapRule,
  type NormalizationRules,
} from './normalization-rules.ts';

const EVIDENCE = 'docs/evidence/apigatewayv2-stage.md';

/**
 * Route settings AWS reports unset as off. Only the flags: throttling is never filled in
 * (item 7), and it depends on the account anyway.
 */
const routeSettingDefaults = (at: string, source: string): DefaultRule[] => [
  { name: `${at}-detailed-metrics-off`, at: `${at}.DetailedMetricsEnabled`, value: false, source },
  { name: `${at}-data-trace-off`, at: `${at}.DataTraceEnabled`, value: false, source },
  { name: `${at}-logging-off`, at: `${at}.LoggingLevel`, value: 'OFF', source },
];

const V2_DEFAULT_RULES: readonly DefaultRule[] = [
  {
    name: 'auto-deploy-off-by-default',
    at: 'AutoDeploy',
    value: false,
    source: `${EVIDENCE} item 11 (absent when never set; go-to-k/cdkd PR #1163 resets it by sending false); the schema's AutoDeploy description ("The default value is false")`,
  },
  ...routeSettingDefaults(
    'DefaultRouteSettings',
    `${EVIDENCE} item 7 (HTTP reads back DetailedMetricsEnabled false, WebSocket also LoggingLevel OFF and DataTraceEnabled false)`,
  ),
  ...routeSettingDefaults(
    'RouteSettings[]',
    `${EVIDENCE} item 8 (each route's entry filled as DefaultRouteSettings is: inference from item 7)`,
  ),
];

const isTagKey = (key: string | undefined, test: (key: string) => boolean): boolean =>
  typeof key === 'string' && test(key);

const V2_DROP_RULES: readonly DropRule[] = [
  {
    // Tag values may be empty, as on REST stages.
    name: 'v2-empty-is-absent',
    at: '*',
    except: ['Tags[]'],
    drops: isEmpty,
    source: `${EVIDENCE} item 6 (RouteSettings: {} and StageVariables: {} read back on stages that declared neither) and item 10 (Tags: {} on an untagged stage)`,
  },
  {
    // Auto-deploy mints a new deployment on every API change; nobody can declare it (the spec
    // loader refuses a DeploymentId beside AutoDeploy: true).
    name: 'deployment-id-minted-by-auto-deploy',
    at: 'DeploymentId',
    drops: (_value, stage) => stage.AutoDeploy === true,
    source: `${EVIDENCE} item 4 (cdk-real-drift src/normalize/noise.ts GENERATED_TOPLEVEL_PATHS; the SDK model: "Can't be updated if autoDeploy is enabled")`,
  },
  {
    name: 'v2-aws-reserved-tags-unmanaged',
    at: 'Tags[]',
    drops: (_value, _stage, key) => isTagKey(key, (k) => k.startsWith('aws:')),
    source: `${EVIDENCE} item 10 (stages created by CloudFormation carry aws:cloudformation:* tags)`,
  },
  {
    name: 'v2-applied-commit-tag-unmanaged',
    at: 'Tags[]',
    drops: (_value, _stage, key) => key === APPLIED_COMMIT_TAG_KEY,
    source:
      "stage-sync's own bookkeeping tag (src/model/stage.ts APPLIED_COMMIT_TAG_KEY), as on REST stages",
  },
];

const V2_KEPT_OBJECT_RULES: readonly KeptObjectRule[] = [
  {
    name: 'access-log-settings-kept-whole',
    at: 'AccessLogSettings',
    source: `${EVIDENCE} item 16 (only DeleteAccessLogSettings clears them; whether a partial object merges is unknown, so the object is written whole)`,
  },
  {
    name: 'default-route-settings-kept-whole',
    at: 'DefaultRouteSettings',
    source: `${EVIDENCE} items 7 (filled by protocol) and 18 (replace or merge unknown: written whole)`,
  },
  {
    name: 'route-settings-kept-whole',
    at: 'RouteSettings[]',
    source: `${EVIDENCE} items 8 (filled as the default route is) and 15 (a route's entry is replaced whole)`,
  },
];

const V2_FILLED_WHEN_SILENT_RULES: readonly FilledWhenSilentRule[] = [
  {
    // Not required on a V2 stage: auto-deploy or another pipeline's deployments set it, so the
    // value a spec does not declare depends on history.
    name: 'deployment-id-left-when-silent',
    at: 'DeploymentId',
    source: `${EVIDENCE} items 1 (DeploymentId not required) and 4 (minted by auto-deploy)`,
  },
  {
    name: 'default-route-settings-filled',
    at: 'DefaultRouteSettings',
    source: `${EVIDENCE} item 7 (always present, filled by protocol)`,
  },
];

const V2_KEYED_MAP_RULES: readonly KeyedMapRule[] = [
  {
    name: 'route-settings-keyed-by-route-key',
    at: 'RouteSettings',
    source: `${EVIDENCE} item 8 (the SDK model's RouteSettingsMap: route keys GET /pets, $default, $connect)`,
  },
  {
    name: 'v2-tags-keyed-by-key',
    at: 'Tags',
    source: `${EVIDENCE} item 10 (tags are a map, {"team": "chat"})`,
  },
];

/** `AWS::ApiGatewayV2::Stage`'s tables. */
export const V2_STAGE_RULES: NormalizationRules = {
  defaults: V2_DEFAULT_RULES,
  rewrites: [],
  drops: V2_DROP_RULES,
  keptObjects: V2_KEPT_OBJECT_RULES,
  filledWhenSilent: V2_FILLED_WHEN_SILENT_RULES,
  keyedSets: [],
  keyedMaps: V2_KEYED_MAP_RULES,
};
