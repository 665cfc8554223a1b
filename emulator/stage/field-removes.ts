/**
 * Fact 23 of docs/reference/aws-recorded-behaviour.md: API Gateway refuses to remove one field of
 * an object it keeps. Recorded UpdateStage answers (LocalStack `test_apigateway_api.snapshot.json`
 * test_stage_access_log_settings_validation, `test_apigateway_canary.snapshot.json`):
 * "Cannot remove method setting accessLogSettings/destinationArn because there is no method setting
 * for this method " and the same for `canarySettings/stageVariableOverrides`; removing the whole
 * object works (go-to-k/cdkd `docs/changelog-cdkd.md`: "API Gateway rejects field-level removes",
 * verified by live UpdateStage probes).
 *
 * How the Cloud Control handler turns a patch into UpdateStage operations is not recorded; the
 * emulator models the risk the fact names: a patch `remove` of one field inside AccessLogSetting,
 * CanarySetting or a method setting fails the write with API Gateway's message, while replacing
 * or removing the whole object works. For a method-setting field the path is API Gateway's
 * UpdateStage path (`~1orders/GET/throttling/burstLimit`), in the recorded message's shape.
 */
import type { JsonPatchInput } from '../json-patch.ts';
import type { Model } from '../resources/world.ts';
import { methodSettingKey } from './read-model.ts';

/** The recorded message for refusing to remove `path`. */
export function fieldRemoveMessage(path: string): string {
  return `Cannot remove method setting ${path} because there is no method setting for this method `;
}

/** API Gateway's UpdateStage path of each method-setting field (UpdateStage PatchOperation paths). */
const METHOD_SETTING_PATHS: Readonly<Record<string, string>> = {
  CacheDataEncrypted: 'caching/dataEncrypted',
  CacheTtlInSeconds: 'caching/ttlInSeconds',
  CachingEnabled: 'caching/enabled',
  DataTraceEnabled: 'logging/dataTrace',
  LoggingLevel: 'logging/loglevel',
  MetricsEnabled: 'metrics/enabled',
  ThrottlingBurstLimit: 'throttling/burstLimit',
  ThrottlingRateLimit: 'throttling/rateLimit',
};

/** API Gateway's name of each kept object. */
const KEPT_OBJECTS: Readonly<Record<string, string>> = {
  AccessLogSetting: 'accessLogSettings',
  CanarySetting: 'canarySettings',
};

function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** The API Gateway path a `remove` at `pointer` would drop a single field at, if it does. */
function fieldRemovePath(pointer: string, current: Model): string | undefined {
  const [property, second, third, ...rest] = segments(pointer);
  if (property === undefined || second === undefined) return undefined;
  const kept = KEPT_OBJECTS[property];
  if (kept && third === undefined) return `${kept}/${lowerFirst(second)}`;
  if (property !== 'MethodSettings' || third === undefined || rest.length > 0) return undefined;
  const path = METHOD_SETTING_PATHS[third];
  const entry = (current.MethodSettings as Record<string, unknown>[] | undefined)?.[Number(second)];
  if (!path || typeof entry?.ResourcePath !== 'string' || typeof entry.HttpMethod !== 'string')
    return undefined;
  return `${methodSettingKey(entry.ResourcePath, entry.HttpMethod)}/${path}`;
}

/** The message API Gateway refuses `patch` with, or undefined when it has no field-level remove. */
export function refusedFieldRemove(
  patch: readonly JsonPatchInput[],
  current: Model,
): string | undefined {
  for (const operation of patch) {
    if (operation.op !== 'remove') continue;
    const path = fieldRemovePath(operation.path, current);
    if (path) return fieldRemoveMessage(path);
  }
  return undefined;
}
