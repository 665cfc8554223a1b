/**
 * The apply's route for an update Cloud Control cannot make (`UpdateChange.route.service` is
 * `apigatewayv2`: an auto-deploy V2 stage, src/plan/patch-rules.ts `V2_UPDATE_ROUTE`): the plan's
 * patch, with the applied-commit tag, becomes API Gateway V2 calls (update-stage-calls.ts), made
 * one after the other. They are synchronous, so there is no operation to follow; the executor
 * then reads the stage back through Cloud Control and compares it with the plan, as after any
 * write (execute-stage.ts). Cloud Control's UpdateResource is never asked: it fails every update
 * of such a stage (docs/evidence/apigatewayv2-stage.md item 5).
 */
import { ApiGatewayV2Error, type ApiGatewayV2Port } from '../aws/apigatewayv2-port.ts';
import type { StageProperties } from '../model/stage.ts';
import type { UpdateChange } from '../plan/types.ts';
import type { WriteFailure } from '../retry/recovery-rules.ts';
import { describeError } from './describe-error.ts';
import { patchWithCommit } from './applied-commit-tag.ts';
import { updateStageCalls, type V2StageCall } from './update-stage-calls.ts';

export type RoutedUpdate =
  | {
      readonly kind: 'applied';
      /** Each call made, for people (`UpdateStage (DefaultRouteSettings)`). */
      readonly made: readonly string[];
    }
  | {
      /** Nothing was sent: the update cannot go this way (`code`, `message` say why). */
      readonly kind: 'refused';
      readonly code: string;
      readonly message: string;
    }
  | {
      /** A call failed: `failure.message` names it and what had already been applied. */
      readonly kind: 'failed';
      readonly failure: WriteFailure;
      /** Where a resend of the same change picks up. */
      readonly progress: RoutedProgress;
    };

/**
 * How far a routed update got: the index of the call that failed, in the order of
 * update-stage-calls.ts, and the calls made before it. A resend of the same change (same live
 * read, same patch, so the same calls) starts at that call: the ones before it answered, so
 * sending them again would only repeat them. A re-plan computes new calls and starts over.
 */
export interface RoutedProgress {
  readonly next: number;
  readonly made: readonly string[];
}

const FROM_THE_START: RoutedProgress = { next: 0, made: [] };

/** Whether `change` is an update the apply sends through API Gateway V2. */
export function isApiGatewayV2Update(change: { readonly action: string }): change is UpdateChange {
  return change.action === 'update' && (change as UpdateChange).route?.service === 'apigatewayv2';
}

function describeCall(call: V2StageCall): string {
  switch (call.call) {
    case 'TagResource':
      return `TagResource (${Object.keys(call.tags).join(', ')})`;
    case 'UpdateStage':
      return `UpdateStage (${Object.keys(call.members).join(', ')})`;
    case 'DeleteRouteSettings':
      return `DeleteRouteSettings (${call.routeKey})`;
    case 'DeleteAccessLogSettings':
      return 'DeleteAccessLogSettings';
    case 'UntagResource':
      return `UntagResource (${call.tagKeys.join(', ')})`;
  }
}

/** Settings already gone are what a delete call wants (a resent sequence meets its own delete). */
function alreadyGone(call: V2StageCall, error: unknown): boolean {
  return (
    (call.call === 'DeleteRouteSettings' || call.call === 'DeleteAccessLogSettings') &&
    error instanceof ApiGatewayV2Error &&
    error.code === 'NotFoundException'
  );
}

function send(
  port: ApiGatewayV2Port,
  apiId: string,
  stageName: string,
  arn: () => Promise<string>,
  call: V2StageCall,
): Promise<void> {
  switch (call.call) {
    case 'TagResource':
      return arn().then((resourceArn) => port.tagResource(resourceArn, call.tags));
    case 'UpdateStage':
      return port.updateStage(apiId, stageName, call.members);
    case 'DeleteRouteSettings':
      return port.deleteRouteSettings(apiId, stageName, call.routeKey);
    case 'DeleteAccessLogSettings':
      return port.deleteAccessLogSettings(apiId, stageName);
    case 'UntagResource':
      return arn().then((resourceArn) => port.untagResource(resourceArn, call.tagKeys));
  }
}

/**
 * Makes `change` through API Gateway V2 against `live` (the freshest read of the stage: the
 * plan's `before` or the re-read before writing), in the order of update-stage-calls.ts, from
 * `from.next` (a resend after a failed call), and stops at the first call that fails.
 */
export async function updateThroughApiGateway(
  port: ApiGatewayV2Port | undefined,
  change: UpdateChange,
  live: StageProperties,
  commitSha: string,
  from: RoutedProgress = FROM_THE_START,
): Promise<RoutedUpdate> {
  if (!port)
    return {
      kind: 'refused',
      code: 'ApiGatewayV2Unavailable',
      message:
        'This update goes through API Gateway V2 (Cloud Control cannot update auto-deploy stages), ' +
        'and this apply was given no API Gateway V2 client. Nothing was written.',
    };
  const planned = updateStageCalls(live, patchWithCommit(change, live, commitSha));
  if (planned.kind === 'refused')
    return {
      kind: 'refused',
      code: 'NotUpdatableThroughApiGateway',
      message: `API Gateway V2 cannot make this update: ${planned.reasons.join('; ')}. Nothing was written.`,
    };
  const split = change.identifier.indexOf('|');
  const apiId = change.identifier.slice(0, split);
  const stageName = change.identifier.slice(split + 1);
  let stageArn: Promise<string> | undefined;
  const arn = (): Promise<string> => (stageArn ??= port.stageArn(apiId, stageName));
  const made = [...from.made];
  for (let index = from.next; index < planned.calls.length; index += 1) {
    const call = planned.calls[index] as V2StageCall;
    try {
      await send(port, apiId, stageName, arn, call);
      made.push(describeCall(call));
    } catch (error) {
      if (alreadyGone(call, error)) {
        made.push(`${describeCall(call)}: already gone`);
        continue;
      }
      const { code, message } = describeError(error);
      const fault = error instanceof ApiGatewayV2Error ? error.fault : 'client';
      const applied =
        made.length > 0 ? `Already applied: ${made.join(', ')}.` : 'Nothing had been applied.';
      return {
        kind: 'failed',
        failure: {
          origin: 'sync',
          service: 'apigatewayv2',
          code,
          fault,
          message: `${describeCall(call)} failed: ${message}. ${applied}`,
        },
        progress: { next: index, made },
      };
    }
  }
  return { kind: 'applied', made };
}
