/**
 * A key that belongs to the other stage type: `ApiId` or `RouteSettings` on a REST API stage,
 * `MethodSettings` or `rest-api:` on an HTTP or WebSocket API stage. Such a key is most often a
 * stage whose `type:` is missing (or wrong), so the problem names the type that expects the key,
 * and, when the stage's own type has one, the key that does the same there.
 */
import { STAGE_TYPES, type StageType } from '../stage-types/index.ts';

/**
 * The property of the other type that does the same thing, as the two CloudFormation pages
 * describe them (AWS::ApiGateway::Stage and AWS::ApiGatewayV2::Stage in the CloudFormation user
 * guide, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html
 * and .../aws-resource-apigatewayv2-stage.html). Settings for every method of a REST stage are a
 * method setting with ResourcePath `/*` and HttpMethod `*` (the MethodSetting page of the same
 * guide).
 */
const COUNTERPARTS: Readonly<Record<string, string>> = {
  RestApiId: 'ApiId',
  Variables: 'StageVariables',
  AccessLogSetting: 'AccessLogSettings',
  MethodSettings: 'RouteSettings (keyed by route key) and DefaultRouteSettings',
  ApiId: 'RestApiId',
  StageVariables: 'Variables',
  AccessLogSettings: 'AccessLogSetting',
  RouteSettings: 'MethodSettings (one entry per ResourcePath and HttpMethod)',
  DefaultRouteSettings: 'a MethodSettings entry with ResourcePath /* and HttpMethod *',
};

/**
 * Who a key is checked for: a stage's own key (`stages` absent), or a default and the stages of
 * one type that take it from `defaults:` (none: the defaults' own type, when no stage takes it).
 */
export interface Takers {
  readonly type: StageType;
  readonly stages?: readonly string[];
}

/** `a REST API stage`, `an HTTP or WebSocket API stage`. */
export const article = (label: string): string => (/^(HTTP|[AEIOU])/.test(label) ? 'an' : 'a');

/** `A`, `A and B`, `A, B and C`, `A, B, C and 4 more`. */
export function listNames(names: readonly string[], shown = 3): string {
  const head = names.slice(0, names.length > shown + 1 ? shown : names.length);
  const rest = names.length - head.length;
  if (rest > 0) return `${head.join(', ')} and ${rest} more`;
  return head.length > 1 ? `${head.slice(0, -1).join(', ')} and ${head.at(-1)}` : (head[0] ?? '');
}

/** The managed type other than `type` whose schema has the property `name`. */
export function typeWithProperty(name: string, type: StageType): StageType | undefined {
  return STAGE_TYPES.find(
    (other) => other !== type && Object.hasOwn(other.schema.properties ?? {}, name),
  );
}

/** The managed type whose API is named by the setting `key` (`rest-api`, `api`). */
export function typeWithApiNameKey(key: string): StageType | undefined {
  return STAGE_TYPES.find((type) => type.apiNameKey === key);
}

/** `this stage is T`, `stages A and B, which take it from \`defaults:\`, are T`. */
function whoIs(takers: Takers, what: string): string {
  const { type, stages } = takers;
  if (stages === undefined) return `this stage is ${type.typeName}`;
  if (stages.length === 0)
    return `no stage takes ${what} from \`defaults:\`, whose type is ${type.typeName}`;
  const plural = stages.length > 1;
  return `${plural ? 'stages' : 'stage'} ${listNames(stages)}, which ${plural ? 'take' : 'takes'} ${what} from \`defaults:\`, ${plural ? 'are' : 'is'} ${type.typeName}`;
}

/** What to do: give the stage the type that expects the key, or (for a stage) use its own type's key. */
function remedy(takers: Takers, expects: StageType, instead: string | undefined): string {
  const setType = `\`type: ${expects.typeName}\``;
  if (takers.stages === undefined)
    return `set ${setType} if it is ${article(expects.label)} ${expects.label}, or ${instead ? `use ${instead}` : `remove it (${takers.type.typeName} has no counterpart)`}`;
  if (takers.stages.length === 0) return `set ${setType} in \`defaults:\`, or remove it`;
  return `set ${setType} (in \`defaults:\` or on the stage) if the file's stages are ${expects.label}s, or set it only on the stages of type ${expects.typeName}`;
}

/** `ApiId is a property of AWS::ApiGatewayV2::Stage, but this stage is AWS::ApiGateway::Stage; ...` */
export function propertyOfOtherType(property: string, expects: StageType, takers: Takers): string {
  const counterpart = COUNTERPARTS[property];
  return `${property} is a property of ${expects.typeName}, but ${whoIs(takers, 'it')}; ${remedy(takers, expects, counterpart)}`;
}

/** `` `rest-api:` names a REST API, but this stage is AWS::ApiGatewayV2::Stage; use `api:` ... `` */
export function apiNameOfOtherType(key: string, expects: StageType, takers: Takers): string {
  const own = takers.type;
  const instead =
    takers.stages === undefined
      ? `use \`${own.apiNameKey}:\` to name its ${own.apiLabel}, or set \`type: ${expects.typeName}\` if it is ${article(expects.label)} ${expects.label}`
      : remedy(takers, expects, undefined);
  return `\`${key}:\` names ${article(expects.apiLabel)} ${expects.apiLabel}, but ${whoIs(takers, 'it')}; ${instead}`;
}

/** `ignore-changes names RouteSettings, a property of AWS::ApiGatewayV2::Stage, but ...` */
export function ignoredPathOfOtherType(
  setting: string,
  path: string,
  expects: StageType,
  takers: Takers,
): string {
  const [property = '', field] = path.split('.', 2);
  const counterpart = COUNTERPARTS[property];
  const instead =
    field === undefined
      ? counterpart
      : counterpart && /^\w+$/.test(counterpart)
        ? `${counterpart}.${field}`
        : undefined;
  return `${setting} names ${path}, a property of ${expects.typeName}, but ${whoIs(takers, 'this list')}; ${remedy(takers, expects, instead)}`;
}
