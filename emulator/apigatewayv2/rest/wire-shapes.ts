/**
 * API Gateway V2's JSON members (restJson1, camelCase: the `jsonName`s of
 * `@aws-sdk/client-apigatewayv2`'s model) to and from the Cloud Control names the world keeps.
 * Map-valued members (`stageVariables`, `tags`, the keys of `routeSettings`) keep their keys.
 * Timestamps go out as ISO 8601 date-time strings, restJson1's default.
 */
import type { Model } from '../../resources/world.ts';
import { V2_ERRORS, type V2ServiceError } from '../errors.ts';
import { isObject } from '../stage-model.ts';
import type { StageUpdate } from '../stage-update.ts';

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function renameKeys(value: unknown, rename: (name: string) => string): Model {
  return isObject(value)
    ? Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), item]))
    : {};
}

/** Members whose value is a map: their keys are data, not member names. */
const MAP_MEMBERS = new Set(['StageVariables', 'Tags']);
/** Members whose value is a structure with member names of its own. */
const STRUCTURE_MEMBERS = new Set([
  'AccessLogSettings',
  'DefaultRouteSettings',
  'CorsConfiguration',
]);

/** A service view (Cloud Control names) as the wire's camelCase members. */
export function toWire(model: Model): Model {
  const wire: Model = {};
  for (const [name, value] of Object.entries(model)) {
    let out = value;
    if (STRUCTURE_MEMBERS.has(name)) out = renameKeys(value, lowerFirst);
    else if (name === 'RouteSettings')
      out = Object.fromEntries(
        Object.entries(isObject(value) ? value : {}).map(([routeKey, setting]) => [
          routeKey,
          renameKeys(setting, lowerFirst),
        ]),
      );
    else if (MAP_MEMBERS.has(name)) out = { ...(value as Model) };
    wire[lowerFirst(name)] = out;
  }
  return wire;
}

const UPDATE_MEMBERS: Readonly<Record<string, 'string' | 'boolean' | 'object'>> = {
  accessLogSettings: 'object',
  autoDeploy: 'boolean',
  clientCertificateId: 'string',
  defaultRouteSettings: 'object',
  deploymentId: 'string',
  description: 'string',
  routeSettings: 'object',
  stageVariables: 'object',
};

/**
 * An UpdateStage request body as a `StageUpdate`. Members of the wrong JSON type are a
 * BadRequestException [inferred wording]; members UpdateStage does not have are ignored.
 */
export function parseStageUpdate(body: Model): StageUpdate | V2ServiceError {
  const update: Record<string, unknown> = {};
  for (const [member, type] of Object.entries(UPDATE_MEMBERS)) {
    const value = body[member];
    if (value === undefined || value === null) continue;
    if (type === 'object' ? !isObject(value) : typeof value !== type)
      return V2_ERRORS.invalidInput(member);
    const name = upperFirst(member);
    if (member === 'accessLogSettings' || member === 'defaultRouteSettings')
      update[name] = renameKeys(value, upperFirst);
    else if (member === 'routeSettings')
      update[name] = Object.fromEntries(
        Object.entries(value as Model).map(([routeKey, setting]) => [
          routeKey,
          isObject(setting) ? renameKeys(setting, upperFirst) : setting,
        ]),
      );
    else update[name] = value;
  }
  return update as StageUpdate;
}
