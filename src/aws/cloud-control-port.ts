/**
 * The narrow interface through which the core talks to AWS Cloud Control. The SDK adapter
 * implements it; unit tests pass object literals. JSON-string fields of the wire protocol
 * (`DesiredState`, `Properties`, `ResourceModel`, `PatchDocument`) are plain objects here.
 */
import type { JsonPatchOperation } from '../plan/types.ts';

export type OperationStatus =
  'PENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'CANCEL_IN_PROGRESS' | 'CANCEL_COMPLETE';

export type ResourceOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * An RFC 6902 `test` (section 4.6) in a `PatchDocument`: the whole update fails, changing
 * nothing, unless the value at `path` equals `value` (src/apply/patch-guards.ts).
 */
export interface JsonPatchTest {
  readonly op: 'test';
  readonly path: string;
  readonly value: unknown;
}

/** Cloud Control's `ProgressEvent`, with the JSON-string model already parsed. */
export interface ProgressEvent {
  readonly typeName: string;
  readonly identifier?: string;
  readonly requestToken: string;
  readonly operation: ResourceOperation;
  readonly status: OperationStatus;
  readonly eventTime?: Date;
  readonly resourceModel?: Record<string, unknown>;
  readonly statusMessage?: string;
  /** Cloud Control's `HandlerErrorCode` (`AlreadyExists`, `NotFound`, `Throttling`, ...). */
  readonly errorCode?: string;
  readonly retryAfter?: Date;
}

export interface ResourceDescription {
  readonly identifier: string;
  readonly properties: Record<string, unknown>;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface CloudControlPort {
  /** The read handler's model, or `undefined` when Cloud Control says ResourceNotFound. */
  getResource(typeName: string, identifier: string): Promise<ResourceDescription | undefined>;
  /** Every page of `ListResources`, following `NextToken`. */
  listResources(
    typeName: string,
    resourceModel?: Record<string, unknown>,
  ): Promise<ResourceDescription[]>;
  createResource(
    typeName: string,
    desiredState: Record<string, unknown>,
    clientToken: string,
  ): Promise<ProgressEvent>;
  updateResource(
    typeName: string,
    identifier: string,
    patch: readonly (JsonPatchOperation | JsonPatchTest)[],
    clientToken: string,
  ): Promise<ProgressEvent>;
  deleteResource(typeName: string, identifier: string, clientToken: string): Promise<ProgressEvent>;
  /**
   * `signal` ends the call early (the apply's operation deadline, or the run being stopped): the
   * promise then rejects, and the socket is closed.
   */
  getResourceRequestStatus(requestToken: string, options?: CallOptions): Promise<ProgressEvent>;
  cancelResourceRequest(requestToken: string): Promise<ProgressEvent>;
}

/**
 * A synchronous Cloud Control error (an HTTP error response), after the SDK's own retries.
 * `code` is the exception name on the wire (`ConcurrentOperationException`, ...), or
 * `TRANSPORT_ERROR` (src/retry/error-codes.ts) when no answer arrived at all.
 */
export class CloudControlError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CloudControlError';
    this.code = code;
  }
}
