/**
 * What the apply does when an API Gateway V2 call of a routed update (apigatewayv2-update.ts)
 * still fails after the adapter's own retries: the same recoveries as Cloud Control's writes
 * (src/retry/recovery-rules.ts), chosen by API Gateway V2's exception names and faults
 * (docs/evidence/apigatewayv2-stage.md item 22). Matched top to bottom; anything no rule matches
 * fails the stage with the service's exception name and message (recovery-rules.ts `FAIL_RULE`).
 */
import type { ApiGatewayV2Fault } from '../aws/apigatewayv2-port.ts';
import type { RecoveryRule } from './recovery-rules.ts';

export interface ApiGatewayV2RecoveryRule extends RecoveryRule {
  /** Matches any failure with one of these faults, whatever its code. */
  readonly faults?: readonly ApiGatewayV2Fault[];
}

const EVIDENCE = 'docs/evidence/apigatewayv2-stage.md';

/** Why sending the calls again is safe: src/apply/update-stage-calls.ts, on the order. */
const RESEND_IS_SAFE =
  'Each call sets or removes values (UpdateStage merges what it is given, items 13–16), so the ' +
  'sequence sent again changes nothing more than it meant to; a DeleteRouteSettings that had ' +
  'landed answers NotFound, which counts as done (terraform-provider-aws ignores it too, item 15).';

export const APIGATEWAYV2_RECOVERY_RULES: readonly ApiGatewayV2RecoveryRule[] = [
  {
    origin: 'sync',
    codes: ['TooManyRequestsException'],
    recovery: 'resend',
    note: 'throttled by API Gateway: sent the update calls again after a backoff',
    source:
      `TooManyRequestsException (429, ${EVIDENCE} item 22): API Gateway's control plane throttles ` +
      'often (docs/reference/aws-recorded-behaviour.md fact 32), and a refused call did nothing. ' +
      RESEND_IS_SAFE,
  },
  {
    origin: 'sync',
    codes: [],
    faults: ['server', 'transport'],
    recovery: 'resend',
    note: 'API Gateway server or network fault: sent the update calls again after a backoff',
    source:
      'A 5xx is transient, and a call without an answer may have landed or not. ' + RESEND_IS_SAFE,
  },
  {
    origin: 'sync',
    codes: ['ConflictException'],
    recovery: 'wait-and-replan',
    note: 'API Gateway reported a conflicting change of the stage: waited, re-read and re-planned',
    source:
      `ConflictException (409, ${EVIDENCE} item 22): the request conflicts with the current ` +
      'state of the stage, so the calls are recomputed from a fresh read.',
  },
  {
    origin: 'sync',
    codes: ['NotFoundException'],
    recovery: 'replan',
    note: 'API Gateway did not find the stage or its API: re-read and re-planned it',
    source:
      `NotFoundException (404, ${EVIDENCE} items 22 and 23): the stage or its API is gone since ` +
      'the plan; re-planning makes it a create, through Cloud Control, or nothing.',
  },
];

/**
 * The rule for a call that failed with `code` and `fault`, or none: src/retry/recovery-rules.ts
 * `chooseRecovery` asks this table for every failure an API Gateway V2 call answered, and fails
 * the stage when no rule matches.
 */
export function findApiGatewayV2Rule(
  code: string,
  fault: ApiGatewayV2Fault | undefined,
): ApiGatewayV2RecoveryRule | undefined {
  return APIGATEWAYV2_RECOVERY_RULES.find(
    (rule) =>
      rule.codes.includes(code) || (fault !== undefined && (rule.faults?.includes(fault) ?? false)),
  );
}
