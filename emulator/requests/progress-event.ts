/**
 * A request as Cloud Control's `ProgressEvent` on the wire: timestamps as epoch seconds, the
 * resource model as a JSON string (service model shape `ProgressEvent`; notes 1.4). The first
 * event of a write, the write's own response, has no `RetryAfter` on AWS (fact 1 of
 * docs/reference/aws-recorded-behaviour.md); later events of a running request have it (fact 2).
 */
import { epochSeconds } from '../protocol/wire.ts';
import type { ResourceRequest } from './request-store.ts';

export function progressEvent(
  request: ResourceRequest,
  { retryAfter = true }: { readonly retryAfter?: boolean } = {},
): Record<string, unknown> {
  return {
    TypeName: request.typeName,
    ...(request.identifier !== undefined ? { Identifier: request.identifier } : {}),
    RequestToken: request.requestToken,
    Operation: request.operation,
    OperationStatus: request.status,
    EventTime: epochSeconds(request.eventTime),
    ...(request.resourceModel ? { ResourceModel: JSON.stringify(request.resourceModel) } : {}),
    ...(request.statusMessage !== undefined ? { StatusMessage: request.statusMessage } : {}),
    ...(request.errorCode !== undefined ? { ErrorCode: request.errorCode } : {}),
    ...(retryAfter && request.retryAfter !== undefined
      ? { RetryAfter: epochSeconds(request.retryAfter) }
      : {}),
  };
}
