/**
 * GetResource and ListResources run the read and list handlers inline, so a handler failure is an
 * HTTP error whose name maps from the HandlerErrorCode (notes 1.6), wrapped in CC's envelope.
 */
import { handlerFailureError, ServiceError } from '../protocol/errors.ts';
import { isFailure } from '../resources/types.ts';
import type { Model } from '../resources/world.ts';
import {
  handlerView,
  identifierOf,
  injectedHandlerFailure,
  lagKey,
  parseModelMember,
  resourceTypeOf,
  syncRequestToken,
  type Operation,
} from './context.ts';

export const getResource: Operation = (input, context, target) => {
  const type = resourceTypeOf(context, String(input.TypeName));
  const { parts, identifier } = identifierOf(type, String(input.Identifier), target);
  const lagging = context.creationLag.misses(
    lagKey(type.typeName, identifier),
    Date.now(),
    context.knobs.readAfterCreateLag,
  );
  const model =
    injectedHandlerFailure(context, 'READ', type.typeName, identifier) ??
    (lagging ? type.notFound() : type.read(context.world, parts, handlerView(context)));
  if (isFailure(model))
    throw handlerFailureError(type.typeName, model.errorCode, model.message, syncRequestToken());
  return {
    TypeName: type.typeName,
    ResourceDescription: { Identifier: identifier, Properties: JSON.stringify(model) },
  };
};

/**
 * InvalidRequestException for a ResourceModel that lacks what the list handler's `handlerSchema`
 * requires. Wording extrapolated from the real EKS text in awslabs/mcp#403.
 */
function checkListModel(typeName: string, required: readonly string[], resourceModel: Model): void {
  const missing = required.filter(
    (name) => typeof resourceModel[name] !== 'string' || resourceModel[name] === '',
  );
  if (missing.length === 0) return;
  const problems = missing.map((name) => `#: required key [${name}] not found`).join(', ');
  throw new ServiceError(
    'InvalidRequestException',
    `Missing or invalid ResourceModel property in ${typeName} list handler request input.Required property: (${problems})`,
  );
}

function encodeCursor(identifier: string): string {
  return Buffer.from(identifier, 'utf8').toString('base64url');
}

function decodeCursor(token: string): string {
  const identifier = Buffer.from(token, 'base64url').toString('utf8');
  if (identifier === '' || encodeCursor(identifier) !== token) {
    throw new ServiceError('ValidationException', 'Invalid NextToken');
  }
  return identifier;
}

/**
 * One page of resources, `listPageSize` at a time, ordered by identifier; `MaxResults` is ignored
 * as the real service ignores it (aws/aws-sdk#764). The token is the last identifier returned,
 * so deletions between pages skip nothing that remains.
 */
export const listResources: Operation = (input, context, target) => {
  const type = resourceTypeOf(context, String(input.TypeName));
  const resourceModel =
    input.ResourceModel === undefined ? {} : parseModelMember(input.ResourceModel, 'ResourceModel');
  checkListModel(type.typeName, type.listRequires, resourceModel);
  const listed =
    injectedHandlerFailure(context, 'LIST', type.typeName, undefined) ??
    type.list(context.world, resourceModel, handlerView(context));
  if (isFailure(listed))
    throw handlerFailureError(type.typeName, listed.errorCode, listed.message, syncRequestToken());
  const after = typeof input.NextToken === 'string' ? decodeCursor(input.NextToken) : undefined;
  const remaining = listed.filter((resource) => after === undefined || resource.identifier > after);
  const page = remaining.slice(0, Math.max(1, context.knobs.listPageSize));
  const last = page[page.length - 1];
  target.typeName = type.typeName;
  return {
    TypeName: type.typeName,
    ResourceDescriptions: page.map((resource) => ({
      Identifier: resource.identifier,
      Properties: JSON.stringify(resource.model),
    })),
    ...(remaining.length > page.length && last ? { NextToken: encodeCursor(last.identifier) } : {}),
  };
};
