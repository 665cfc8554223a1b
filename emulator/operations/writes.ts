/**
 * CreateResource, UpdateResource, DeleteResource: synchronous checks, then an asynchronous
 * request whose handler runs when the operation's duration has passed.
 *
 * Order of the synchronous checks: ClientToken first (a retried send carries the same token and
 * body and must get the original request back, even if its patch would no longer apply; notes
 * 1.7), then the resource lock, then what Cloud Control itself validates (type, identifier,
 * createOnly paths, patch, schema). Downstream problems (missing REST API, duplicate stage,
 * missing stage on delete) are FAILED events, not HTTP errors (notes 1.5).
 */
import type { CallTarget } from '../calls.ts';
import { applyJsonPatch, JsonPatchError, type JsonPatchInput } from '../json-patch.ts';
import { handlerFailureError, ServiceError } from '../protocol/errors.ts';
import { progressEvent } from '../requests/progress-event.ts';
import type {
  HandlerOutcome,
  ResourceOperation,
  ResourceRequest,
} from '../requests/request-store.ts';
import { formatIdentifier } from '../resources/identifier.ts';
import {
  isFailure,
  type HandlerFailure,
  type IdentifierParts,
  type ResourceType,
} from '../resources/types.ts';
import type { Model } from '../resources/world.ts';
import { modelValidationMessage, schemaProblems } from '../schema/validate.ts';
import {
  handlerView,
  identifierOf,
  injectedHandlerFailure,
  lagKey,
  parseModelMember,
  resourceTypeOf,
  syncRequestToken,
  type EmulatorContext,
  type Operation,
} from './context.ts';

interface WriteStart {
  readonly type: ResourceType;
  readonly operation: ResourceOperation;
  readonly identifier?: string;
  readonly work: () => HandlerOutcome;
}

/**
 * The request an earlier write with the same ClientToken started, when the body is the same;
 * ClientTokenConflictException when it is not (API reference, ClientTokenConflictException).
 */
function earlierRequest(
  context: EmulatorContext,
  input: Record<string, unknown>,
  fingerprint: string,
  target: CallTarget,
): ResourceRequest | undefined {
  const clientToken = input.ClientToken;
  if (typeof clientToken !== 'string') return undefined;
  target.clientToken = clientToken;
  const earlier = context.requests.byClientToken(clientToken);
  if (!earlier) return undefined;
  if (earlier.fingerprint !== fingerprint) {
    throw new ServiceError(
      'ClientTokenConflictException',
      `The specified client token has already been used in another resource request: ${clientToken}`,
    );
  }
  return earlier;
}

/** Everything that makes two writes the same request. */
function fingerprintOf(operation: ResourceOperation, input: Record<string, unknown>): string {
  return JSON.stringify([
    operation,
    input.TypeName,
    input.Identifier ?? null,
    input.DesiredState ?? null,
    input.PatchDocument ?? null,
  ]);
}

function checkUnlocked(
  context: EmulatorContext,
  typeName: string,
  identifier: string | undefined,
): void {
  if (identifier === undefined) return;
  if (context.requests.inFlight(typeName, identifier)) {
    throw new ServiceError(
      'ConcurrentOperationException',
      'Another resource operation is currently being performed on this resource.',
    );
  }
}

function checkSchema(type: ResourceType, model: Model): void {
  const problems = schemaProblems(type.schema, model);
  if (problems.length > 0)
    throw new ServiceError('ValidationException', modelValidationMessage(problems));
}

function failed(failure: HandlerFailure, identifier?: string): HandlerOutcome {
  return {
    status: 'FAILED',
    errorCode: failure.errorCode,
    statusMessage: failure.message,
    ...(identifier !== undefined ? { identifier } : {}),
  };
}

/**
 * The outcome of a successful write: the read model as the SUCCESS event's ResourceModel, unless
 * the `successEventModel` knob leaves it out (fact 3: recorded without one for S3).
 */
function succeeded(
  context: EmulatorContext,
  type: ResourceType,
  parts: IdentifierParts,
): HandlerOutcome {
  const identifier = formatIdentifier(type, parts) as string;
  if (!context.knobs.successEventModel) return { status: 'SUCCESS', identifier };
  const model = type.read(context.world, parts, handlerView(context));
  return { status: 'SUCCESS', identifier, ...(isFailure(model) ? {} : { resourceModel: model }) };
}

function start(
  context: EmulatorContext,
  input: Record<string, unknown>,
  fingerprint: string,
  target: CallTarget,
  write: WriteStart,
) {
  const request = context.requests.start({
    typeName: write.type.typeName,
    operation: write.operation,
    fingerprint,
    durationMs: context.knobs.operationDurationMs,
    ...(context.knobs.retryAfterMs !== undefined
      ? { retryAfterMs: context.knobs.retryAfterMs }
      : {}),
    work: write.work,
    effectsSurviveCancel: context.knobs.recorded.cancelLeavesEffects,
    ...(write.identifier !== undefined ? { identifier: write.identifier } : {}),
    ...(typeof input.ClientToken === 'string' ? { clientToken: input.ClientToken } : {}),
  });
  target.requestToken = request.requestToken;
  return {
    ProgressEvent: progressEvent(request, {
      retryAfter: !context.knobs.recorded.firstEventWithoutRetryAfter,
    }),
  };
}

function replay(request: ResourceRequest, target: CallTarget) {
  target.requestToken = request.requestToken;
  if (request.identifier !== undefined) target.identifier = request.identifier;
  return { ProgressEvent: progressEvent(request) };
}

export const createResource: Operation = (input, context, target) => {
  const type = resourceTypeOf(context, String(input.TypeName));
  const fingerprint = fingerprintOf('CREATE', input);
  const earlier = earlierRequest(context, input, fingerprint, target);
  if (earlier) return replay(earlier, target);
  const desired = parseModelMember(input.DesiredState, 'DesiredState');
  checkSchema(type, desired);
  const identifier = type.generatedIdentifier ? undefined : formatIdentifier(type, desired);
  if (identifier !== undefined) target.identifier = identifier;
  checkUnlocked(context, type.typeName, identifier);
  return start(context, input, fingerprint, target, {
    type,
    operation: 'CREATE',
    ...(identifier !== undefined ? { identifier } : {}),
    work: () => {
      const injected = injectedHandlerFailure(context, 'CREATE', type.typeName, identifier);
      if (injected) return failed(injected, identifier);
      const created = type.create(context.world, desired, handlerView(context));
      if (isFailure(created)) return failed(created, identifier);
      const createdIdentifier = formatIdentifier(type, created) as string;
      context.creationLag.noteCreated(
        lagKey(type.typeName, createdIdentifier),
        Date.now(),
        context.knobs.readAfterCreateLag,
      );
      return succeeded(context, type, created);
    },
  });
};

/** The top-level properties a patch operation writes to (its `path`, and `from` for a move). */
function touchedProperties(operation: JsonPatchInput): string[] {
  const pointers =
    operation.op === 'move' && operation.from !== undefined
      ? [operation.path, operation.from]
      : [operation.path];
  return pointers.map(
    (pointer) =>
      pointer.replace(/^\//, '').split('/')[0]?.replace(/~1/g, '/').replace(/~0/g, '~') ?? '',
  );
}

/**
 * NotUpdatableException when a patch touches a create-only property, even with its current value:
 * CC refuses the patch by its paths (pulumi/pulumi-aws-native#1866, wording from
 * aws-cloudformation/cloudformation-coverage-roadmap#2205).
 */
function checkCreateOnly(type: ResourceType, patch: readonly JsonPatchInput[]): void {
  const touched = new Set(
    patch.filter((operation) => operation.op !== 'test').flatMap(touchedProperties),
  );
  const refused = type.createOnlyProperties.filter((name) => touched.has(name));
  if (refused.length > 0) {
    const pointers = refused.map((name) => `/properties/${name}`).join(', ');
    throw new ServiceError(
      'NotUpdatableException',
      `Invalid patch update: createOnlyProperties [${pointers}] cannot be updated`,
    );
  }
}

function parsePatch(value: unknown): JsonPatchInput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(value));
  } catch {
    throw new ServiceError('ValidationException', 'PatchDocument is not valid JSON');
  }
  if (!Array.isArray(parsed))
    throw new ServiceError(
      'ValidationException',
      'PatchDocument must be a JSON array of operations',
    );
  for (const operation of parsed) {
    const record = operation as Record<string, unknown> | null;
    if (
      typeof record !== 'object' ||
      record === null ||
      typeof record.op !== 'string' ||
      typeof record.path !== 'string'
    ) {
      throw new ServiceError(
        'ValidationException',
        `Invalid JSON Patch operation: ${JSON.stringify(operation)}`,
      );
    }
  }
  return parsed as JsonPatchInput[];
}

export const updateResource: Operation = (input, context, target) => {
  const type = resourceTypeOf(context, String(input.TypeName));
  const { parts, identifier } = identifierOf(type, String(input.Identifier), target);
  const fingerprint = fingerprintOf('UPDATE', input);
  const earlier = earlierRequest(context, input, fingerprint, target);
  if (earlier) return replay(earlier, target);
  const update = type.update;
  if (!update) {
    throw new ServiceError(
      'UnsupportedActionException',
      `Resource type ${type.typeName} does not support UPDATE action in this emulator`,
    );
  }
  checkUnlocked(context, type.typeName, identifier);
  const view = handlerView(context);
  const current = type.read(context.world, parts, view);
  if (isFailure(current))
    throw handlerFailureError(
      type.typeName,
      current.errorCode,
      current.message,
      syncRequestToken(),
    );
  const patch = parsePatch(input.PatchDocument);
  checkCreateOnly(type, patch);
  let desired: Model;
  try {
    desired = applyJsonPatch(current, patch);
  } catch (error) {
    if (error instanceof JsonPatchError)
      throw new ServiceError('ValidationException', error.message);
    throw error;
  }
  checkSchema(type, desired);
  return start(context, input, fingerprint, target, {
    type,
    operation: 'UPDATE',
    identifier,
    work: () => {
      const failure =
        injectedHandlerFailure(context, 'UPDATE', type.typeName, identifier) ??
        type.refusedPatch?.(patch, current, view) ??
        update(context.world, parts, desired, view);
      return failure ? failed(failure, identifier) : succeeded(context, type, parts);
    },
  });
};

export const deleteResource: Operation = (input, context, target) => {
  const type = resourceTypeOf(context, String(input.TypeName));
  const { parts, identifier } = identifierOf(type, String(input.Identifier), target);
  const fingerprint = fingerprintOf('DELETE', input);
  const earlier = earlierRequest(context, input, fingerprint, target);
  if (earlier) return replay(earlier, target);
  checkUnlocked(context, type.typeName, identifier);
  return start(context, input, fingerprint, target, {
    type,
    operation: 'DELETE',
    identifier,
    work: () => {
      const failure =
        injectedHandlerFailure(context, 'DELETE', type.typeName, identifier) ??
        type.delete(context.world, parts);
      return failure ? failed(failure, identifier) : { status: 'SUCCESS', identifier };
    },
  });
};
