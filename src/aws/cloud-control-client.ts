/**
 * CloudControlPort over the real @aws-sdk/client-cloudcontrol. The endpoint comes from the SDK's
 * standard configuration (AWS_ENDPOINT_URL_CLOUDCONTROL reaches the bundled emulator) unless
 * given explicitly.
 *
 * This adapter is layer 1 of the retry policy (src/retry/policy.ts): one SDK client per call
 * class (reads, writes, status polls), each with its own `RequestPacer` behind a
 * `PacedRetryStrategy` (src/retry/), so throttled status polls never slow reads; every attempt
 * bounded by `CALL_TIMEOUTS`; a call that got no answer at all named `TRANSPORT_ERROR`.
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
import { ReadHedger } from '../retry/hedged-read.ts';
import { sdkClientConfig, sdkFailure, type SdkClientOptions } from './sdk-client-config.ts';

export interface CloudControlClientOptions extends SdkClientOptions {
  /**
   * `paced` (the default, and what ships): each class's `RequestPacer`. `adaptive` and
   * `standard` use the SDK's own retry modes instead; the benchmarks measure them as contrast.
   * (`requestTimeoutMs`: `requestTimeoutFor(operationTimeoutMs)` in policy.ts keeps it within an
   * operation's timeout.)
   */
  readonly retryMode?: 'paced' | 'adaptive' | 'standard';
}

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
    const { code, message } = sdkFailure(error, error instanceof CloudControlServiceException);
    throw new CloudControlError(code, `${what}: ${message}`);
  }
}

/**
 * Tells `onWire` each time an attempt of `command` goes out to AWS: a middleware of the
 * `deserialize` step runs once per attempt, after the retry strategy (and so the pacer) has let
 * it through (step order in @smithy/types `Step`). The middleware passes its arguments through
 * untouched, so GetResource's typing serves both commands.
 */
function reportingWire<C extends GetResourceCommand | GetResourceRequestStatusCommand>(
  command: C,
  onWire: (() => void) | undefined,
): C {
  if (!onWire) return command;
  (command as GetResourceCommand).middlewareStack.add(
    (next) => (args) => {
      onWire();
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: 'stageSyncReportWire' },
  );
  return command;
}

export function createCloudControlPort(options: CloudControlClientOptions = {}): CloudControlPort {
  const client = (): CloudControlClient =>
    new CloudControlClient(sdkClientConfig(options, options.retryMode));
  const reads = client();
  const writes = client();
  const status = client();
  // GetResource and GetResourceRequestStatus are idempotent: one still outstanding at the tail
  // of a batch is sent again (src/retry/hedged-read.ts). The SDK's own retry modes, measured as
  // contrast, go without.
  const hedger = (): ReadHedger | undefined =>
    (options.retryMode ?? 'paced') === 'paced'
      ? new ReadHedger({ now: Date.now, sleep: (ms, signal) => sleep(ms, undefined, { signal }) })
      : undefined;
  const readHedger = hedger();
  const statusHedger = hedger();

  return {
    async getResource(typeName, identifier) {
      try {
        const read = (abortSignal?: AbortSignal, onWire?: () => void) =>
          reads.send(
            reportingWire(
              new GetResourceCommand({ TypeName: typeName, Identifier: identifier }),
              onWire,
            ),
            abortSignal ? { abortSignal } : {},
          );
        const output = await (readHedger ? readHedger.run(read) : read());
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

    async getResourceRequestStatus(requestToken, callOptions = {}) {
      const poll = (hedgeSignal?: AbortSignal, onWire?: () => void) => {
        const signals = [callOptions.signal, hedgeSignal].filter((s) => s !== undefined);
        return status.send(
          reportingWire(
            new GetResourceRequestStatusCommand({ RequestToken: requestToken }),
            onWire,
          ),
          signals.length > 0 ? { abortSignal: AbortSignal.any(signals) } : {},
        );
      };
      const output = await call(`GetResourceRequestStatus ${requestToken}`, () =>
        statusHedger ? statusHedger.run(poll) : poll(),
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
