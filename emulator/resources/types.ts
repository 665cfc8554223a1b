/**
 * What the emulator needs to know about a resource type: its schema facts (as the CloudFormation
 * registry states them) and its handlers, which act on the in-memory world. Handlers report
 * failures as a HandlerErrorCode and the message the downstream service would give.
 */
import type { JsonSchema } from '../registry/json-schema.ts';
import type { HandlerErrorCode } from '../protocol/errors.ts';
import type { Model, World } from './world.ts';

export interface HandlerFailure {
  readonly errorCode: HandlerErrorCode;
  readonly message: string;
}

export function isFailure(value: unknown): value is HandlerFailure {
  return typeof value === 'object' && value !== null && 'errorCode' in value && 'message' in value;
}

/** A resource's primary identifier, as its properties (`{RestApiId, StageName}`). */
export type IdentifierParts = Readonly<Record<string, string>>;

export interface ListedResource {
  readonly identifier: string;
  readonly model: Model;
}

export interface ResourceType {
  readonly typeName: string;
  /** The schema Cloud Control validates desired states against. */
  readonly schema: JsonSchema;
  /** Property names of the primary identifier, in order. */
  readonly primaryIdentifier: readonly string[];
  readonly createOnlyProperties: readonly string[];
  /** True when the service generates the identifier, so it is unknown until the create ends. */
  readonly generatedIdentifier: boolean;
  /** Properties the list handler's `handlerSchema` requires in `ResourceModel`. */
  readonly listRequires: readonly string[];
  /** The read handler's model. */
  read(world: World, id: IdentifierParts): Model | HandlerFailure;
  /** Creates the resource; returns its identifier parts. */
  create(world: World, desired: Model): IdentifierParts | HandlerFailure;
  /** Replaces the resource's state with `desired`; absent when the emulator cannot update the type. */
  update?(world: World, id: IdentifierParts, desired: Model): HandlerFailure | undefined;
  delete(world: World, id: IdentifierParts): HandlerFailure | undefined;
  list(world: World, resourceModel: Model): ListedResource[] | HandlerFailure;
}
