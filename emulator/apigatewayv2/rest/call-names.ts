/**
 * The names API Gateway V2 calls go by in the emulator's call log (`apigatewayv2:UpdateStage`),
 * which are also the names fault rules, holds and hold releases use for them (knobs.ts,
 * requests/holds.ts). The prefix keeps them apart from Cloud Control's operations, so a rule
 * without an operation still means "every Cloud Control call", as it did before the V2 endpoint.
 */

/** The operations the REST endpoint serves (operations.ts has their methods and paths). */
const V2_OPERATIONS = [
  'GetApis',
  'GetApi',
  'GetStages',
  'GetStage',
  'UpdateStage',
  'DeleteRouteSettings',
  'DeleteAccessLogSettings',
  'GetTags',
  'TagResource',
  'UntagResource',
] as const;

export type V2OperationName = (typeof V2_OPERATIONS)[number];

export const V2_CALL_PREFIX = 'apigatewayv2:';

/** A V2 call as the call log names it. */
export type V2CallName = `apigatewayv2:${V2OperationName}`;

/** Every V2 operation, in a rule or a hold (the V2 counterpart of leaving `operation` out). */
const ANY_V2_CALL = 'apigatewayv2:*';

/** What a fault rule or a hold may name for V2 calls. */
export type V2CallMatch = V2CallName | typeof ANY_V2_CALL;

export function v2CallName(operation: V2OperationName): V2CallName {
  return `${V2_CALL_PREFIX}${operation}`;
}

export function isV2CallMatch(name: string): name is V2CallMatch {
  return (
    name === ANY_V2_CALL ||
    (name.startsWith(V2_CALL_PREFIX) &&
      (V2_OPERATIONS as readonly string[]).includes(name.slice(V2_CALL_PREFIX.length)))
  );
}

/**
 * Whether a name the emulator built or already validated (a call's, a rule's) is a V2 one: the
 * prefix says so without scanning `V2_OPERATIONS`, which only input from outside needs
 * (`isV2CallMatch`).
 */
export function isV2Call(name: string): name is V2CallName {
  return name.startsWith(V2_CALL_PREFIX);
}

/**
 * Whether a rule's or hold's operation covers the V2 call `call`: only `apigatewayv2:*` or the
 * call's own name does; none, or a Cloud Control operation, never does.
 */
export function v2CallMatches(match: string | undefined, call: V2CallName): boolean {
  return match === ANY_V2_CALL || match === call;
}
