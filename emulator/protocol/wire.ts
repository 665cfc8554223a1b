/**
 * The AWS JSON 1.0 envelope of Cloud Control (service model metadata: `protocol: json`,
 * `jsonVersion: 1.0`, `targetPrefix: CloudApiService`, signing name `cloudcontrolapi`; wire
 * capture in shared/reference/cloudcontrol-js-sdk-wire-capture.txt).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from './errors.ts';

export const TARGET_PREFIX = 'CloudApiService.';
export const SIGNING_NAME = 'cloudcontrolapi';
export const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The eight operations of the 2021-09-30 API. */
export const OPERATIONS = [
  'CancelResourceRequest',
  'CreateResource',
  'DeleteResource',
  'GetResource',
  'GetResourceRequestStatus',
  'ListResourceRequests',
  'ListResources',
  'UpdateResource',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

/** The operation named by `X-Amz-Target`, or UnknownOperationException. */
export function operationOf(target: string | undefined): OperationName {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  const operation = OPERATIONS.find((candidate) => candidate === name);
  if (!operation)
    throw new ServiceError(
      'UnknownOperationException',
      `Unknown operation ${target ?? '(no X-Amz-Target)'}`,
    );
  return operation;
}

/**
 * Refuses a request that is not SigV4-signed for Cloud Control, and returns the region of its
 * signing scope (`Credential=AKID/20260101/eu-south-1/cloudcontrolapi/aws4_request`): the region
 * the caller addressed, as AWS routes it. The signature itself is not verified: any credentials
 * work, as they do against other local AWS emulators.
 */
export function checkAuthorization(header: string | undefined): { readonly region: string } {
  if (!header)
    throw new ServiceError(
      'MissingAuthenticationTokenException',
      'Request is missing Authentication Token',
    );
  const scope = /^AWS4-HMAC-SHA256 Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
    header,
  );
  if (!scope) {
    throw new ServiceError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization=${header.split(' ')[0] ?? ''}`,
    );
  }
  if (scope[2] !== SIGNING_NAME) {
    throw new ServiceError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${SIGNING_NAME}'. `,
    );
  }
  return { region: scope[1] as string };
}

/** Parses the body as a JSON object; `{}` for an empty body, SerializationException otherwise. */
export function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  return parsed as Record<string, unknown>;
}

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Writes a JSON response with the headers the SDK reads (`x-amzn-RequestId`). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
  });
  response.end(text);
}

/** A timestamp as the JSON protocol sends it: epoch seconds, fractions allowed. */
export function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}
