/**
 * What the emulator needs to know about a resource type: its schema facts (as the CloudFormation
 * registry states them) and its handlers, which act on the in-memory world. Handlers report
 * failures as a HandlerErrorCode and the message the downstream service would give.
 */
import type { JsonPatchInput } from '../json-patch.ts';
import type { EmulatorKnobs } from '../knobs.ts';
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

/** What a handler sees besides the world: the region the call was signed for, and the knobs. */
export interface HandlerView {
  readonly region: string;
  readonly knobs: EmulatorKnobs;
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
  /** The read handler's model (as AWS renders it by default when no view is given). */
  read(world: World, id: IdentifierParts, view?: HandlerView): Model | HandlerFailure;
  /** Creates the resource; returns its identifier parts. */
  create(world: World, desired: Model, view?: HandlerView): IdentifierParts | HandlerFailure;
  /** Replaces the resource's state with `desired`; absent when the emulator cannot update the type. */
  update?(
    world: World,
    id: IdentifierParts,
    desired: Model,
    view?: HandlerView,
  ): HandlerFailure | undefined;
  /**
   * Why the downstream service refuses a patch Cloud Control itself accepted (the write then
   * settles FAILED), given the model it was applied to; undefined when it accepts it.
   */
  refusedPatch?(
    patch: readonly JsonPatchInput[],
    current: Model,
    view?: HandlerView,
  ): HandlerFailure | undefined;
  delete(world: World, id: IdentifierParts): HandlerFailure | undefined;
  list(world: World, resourceModel: Model, view?: HandlerView): ListedResource[] | HandlerFailure;
  /** The read handler's failure for a resource that does not exist (yet: fact 33). */
  notFound(): HandlerFailure;
}
