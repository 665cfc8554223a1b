/**
 * GetResourceRequestStatus, ListResourceRequests and CancelResourceRequest: views of the request
 * store. Only PENDING and IN_PROGRESS requests can be canceled (API reference). Cancelling a
 * request that already ended SUCCESS or FAILED is `ValidationException` "Request <token> is
 * already in status SUCCESS" (fact 10 of docs/reference/aws-recorded-behaviour.md, recorded;
 * "FAILED" by inference); cancelling a cancelled one again answers its CANCEL_* event (fact 11).
 */
import { ServiceError } from '../protocol/errors.ts';
import { progressEvent } from '../requests/progress-event.ts';
import type { ResourceRequest } from '../requests/request-store.ts';
import type { EmulatorContext, Operation } from './context.ts';
import type { CallTarget } from '../calls.ts';

/** ListResourceRequests' default page size (API reference: "The default is 20"). */
const DEFAULT_MAX_RESULTS = 20;

function requestOf(
  context: EmulatorContext,
  input: Record<string, unknown>,
  target: CallTarget,
): ResourceRequest {
  const token = String(input.RequestToken);
  target.requestToken = token;
  const request = context.requests.get(token);
  if (!request)
    throw new ServiceError(
      'RequestTokenNotFoundException',
      `Request with token ${token} was not found`,
    );
  target.typeName = request.typeName;
  if (request.identifier !== undefined) target.identifier = request.identifier;
  return request;
}

export const getResourceRequestStatus: Operation = (input, context, target) => ({
  ProgressEvent: progressEvent(requestOf(context, input, target)),
});

export const cancelResourceRequest: Operation = (input, context, target) => {
  const request = requestOf(context, input, target);
  const finished = request.status === 'SUCCESS' || request.status === 'FAILED';
  if (finished && context.knobs.recorded.cancelFinishedRefused) {
    throw new ServiceError(
      'ValidationException',
      `Request ${request.requestToken} is already in status ${request.status}`,
    );
  }
  context.requests.cancel(request);
  return { ProgressEvent: progressEvent(request) };
};

function decodeSequence(token: string): number {
  const sequence = Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new ServiceError('ValidationException', 'Invalid NextToken');
  return sequence;
}

function encodeSequence(sequence: number): string {
  return Buffer.from(String(sequence), 'utf8').toString('base64');
}

export const listResourceRequests: Operation = (input, context) => {
  const filter = (input.ResourceRequestStatusFilter ?? {}) as Record<string, unknown>;
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);
  const operations = strings(filter.Operations);
  const statuses = strings(filter.OperationStatuses);
  const maxResults = typeof input.MaxResults === 'number' ? input.MaxResults : DEFAULT_MAX_RESULTS;
  const after = typeof input.NextToken === 'string' ? decodeSequence(input.NextToken) : undefined;
  const { requests, next } = context.requests.list(
    { ...(operations ? { operations } : {}), ...(statuses ? { statuses } : {}) },
    maxResults,
    after,
  );
  return {
    ResourceRequestStatusSummaries: requests.map((request) => progressEvent(request)),
    ...(next !== undefined ? { NextToken: encodeSequence(next) } : {}),
  };
};
