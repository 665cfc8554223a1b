/**
 * CloudControlPort over the real @aws-sdk/client-cloudcontrol. The endpoint comes from the SDK's
 * standard configuration (AWS_ENDPOINT_URL_CLOUDCONTROL reaches the bundled emulator) unless
 * given explicitly.
 *
 * Pacing: one SDK client per call class (reads, writes, status polls), each with its own
 * `RequestPacer` behind a `PacedRetryStrategy`: a class starts unlimited, and once AWS throttles
 * it, it sends at a limit learnt from what AWS admits (request-pacer.ts explains the rule and why
 * the SDK's own `adaptive` mode is not used). Separate classes keep throttled status polls from
 * slowing reads. Throttling is retried through the pacer up to `maxAttempts`.
 */
import {
  CancelResourceRequestCommand,
  CloudControlClient,
  CloudControlServiceException,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
  type ProgressEvent as SdkProgressEvent,
} from '@aws-sdk/client-cloudcontrol';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CloudControlError,
  type CloudControlPort,
  type OperationStatus,
  type ProgressEvent,
  type ResourceDescription,
  type ResourceOperation,
} from './cloud-control-port.ts';
import { PacedRetryStrategy } from './paced-retry-strategy.ts';
import { RequestPacer } from './request-pacer.ts';

export interface CloudControlClientOptions {
  readonly region?: string;
  /** Overrides the endpoint (the SDK otherwise honours AWS_ENDPOINT_URL_CLOUDCONTROL). */
  readonly endpoint?: string;
  /**
   * Attempts per call when throttled, counting the first (default 10). Transient and server
   * errors get at most 3, as in the SDK's standard mode.
   */
  readonly maxAttempts?: number;
}

/**
 * Attempts per call when throttled. With the pacer spacing attempts and throttle backoff capped at
 * 1 s, 30 attempts give a call tens of seconds of patience: throttling is retried, not reported.
 */
const DEFAULT_MAX_ATTEMPTS = 30;

function parseModel(text: string | undefined): Record<string, unknown> | undefined {
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

function toProgressEvent(event: SdkProgressEvent | undefined): ProgressEvent {
  if (!event?.RequestToken)
    throw new CloudControlError('InvalidResponse', 'Cloud Control returned no ProgressEvent');
  const resourceModel = parseModel(event.ResourceModel);
  return {
    typeName: event.TypeName ?? '',
    requestToken: event.RequestToken,
    operation: event.Operation as ResourceOperation,
    status: event.OperationStatus as OperationStatus,
    ...(event.Identifier ? { identifier: event.Identifier } : {}),
    ...(event.EventTime ? { eventTime: event.EventTime } : {}),
    ...(resourceModel ? { resourceModel } : {}),
    ...(event.StatusMessage ? { statusMessage: event.StatusMessage } : {}),
    ...(event.ErrorCode ? { errorCode: event.ErrorCode } : {}),
    ...(event.RetryAfter ? { retryAfter: event.RetryAfter } : {}),
  };
}

/** SDK exceptions become CloudControlError with the wire exception name as `code`. */
async function call<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    // Service errors carry `$fault`; the SDK also puts `$metadata` on transport errors
    // (ECONNREFUSED, resets), which are not AWS's answer and are named NetworkError here.
    if (
      error instanceof CloudControlServiceException ||
      (error instanceof Error && '$fault' in error)
    ) {
      throw new CloudControlError(error.name, `${what}: ${error.message}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new CloudControlError('NetworkError', `${what}: ${message}`);
  }
}

export function createCloudControlPort(options: CloudControlClientOptions = {}): CloudControlPort {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const clock = { now: Date.now, sleep: (ms: number) => sleep(ms) };
  const client = (): CloudControlClient =>
    new CloudControlClient({
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      maxAttempts,
      retryStrategy: new PacedRetryStrategy({
        pacer: new RequestPacer(clock),
        maxAttempts,
        ...clock,
      }),
    });
  const reads = client();
  const writes = client();
  const status = client();

  return {
    async getResource(typeName, identifier) {
      try {
        const output = await reads.send(
          new GetResourceCommand({ TypeName: typeName, Identifier: identifier }),
        );
        const description = output.ResourceDescription;
        return {
          identifier: description?.Identifier ?? identifier,
          properties: parseModel(description?.Properties) ?? {},
        };
      } catch (error) {
        if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
        return call(`GetResource ${identifier}`, () => Promise.reject(error));
      }
    },

    async listResources(typeName, resourceModel) {
      const found: ResourceDescription[] = [];
      let nextToken: string | undefined;
      do {
        const page = await call(`ListResources ${typeName}`, () =>
          reads.send(
            new ListResourcesCommand({
              TypeName: typeName,
              ...(resourceModel ? { ResourceModel: JSON.stringify(resourceModel) } : {}),
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
          ),
        );
        for (const description of page.ResourceDescriptions ?? []) {
          found.push({
            identifier: description.Identifier ?? '',
            properties: parseModel(description.Properties) ?? {},
          });
        }
        nextToken = page.NextToken ?? undefined;
      } while (nextToken);
      return found;
    },

    async createResource(typeName, desiredState, clientToken) {
      const output = await call(`CreateResource ${typeName}`, () =>
        writes.send(
          new CreateResourceCommand({
            TypeName: typeName,
            DesiredState: JSON.stringify(desiredState),
            ClientToken: clientToken,
          }),
        ),
      );
      return toProgressEvent(output.ProgressEvent);
    },

    async updateResource(typeName, identifier, patch, clientToken) {
      const output = await call(`UpdateResource ${identifier}`, () =>
        writes.send(
          new UpdateResourceCommand({
            TypeName: typeName,
            Identifier: identifier,
            PatchDocument: JSON.stringify(patch),
            ClientToken: clientToken,
          }),
        ),
      );
      return toProgressEvent(output.ProgressEvent);
    },

    async deleteResource(typeName, identifier, clientToken) {
      const output = await call(`DeleteResource ${identifier}`, () =>
        writes.send(
          new DeleteResourceCommand({
            TypeName: typeName,
            Identifier: identifier,
            ClientToken: clientToken,
          }),
        ),
      );
      return toProgressEvent(output.ProgressEvent);
    },

    async getResourceRequestStatus(requestToken) {
      const output = await call(`GetResourceRequestStatus ${requestToken}`, () =>
        status.send(new GetResourceRequestStatusCommand({ RequestToken: requestToken })),
      );
      return toProgressEvent(output.ProgressEvent);
    },

    async cancelResourceRequest(requestToken) {
      const output = await call(`CancelResourceRequest ${requestToken}`, () =>
        writes.send(new CancelResourceRequestCommand({ RequestToken: requestToken })),
      );
      return toProgressEvent(output.ProgressEvent);
    },
  };
}
