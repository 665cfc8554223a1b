/** What every operation works with, and the checks several of them share. */
import { randomUUID } from 'node:crypto';
import type { CallTarget } from '../calls.ts';
import type { FaultInjector } from '../faults.ts';
import type { EmulatorKnobs, HandlerAction } from '../knobs.ts';
import { ServiceError } from '../protocol/errors.ts';
import type { CreationLag } from '../requests/read-after-create.ts';
import type { RequestStore } from '../requests/request-store.ts';
import { parseIdentifier, formatIdentifier } from '../resources/identifier.ts';
import type {
  HandlerFailure,
  HandlerView,
  IdentifierParts,
  ResourceType,
} from '../resources/types.ts';
import type { Model, World } from '../resources/world.ts';

export interface EmulatorContext {
  readonly world: World;
  readonly requests: RequestStore;
  readonly knobs: EmulatorKnobs;
  readonly faults: FaultInjector;
  readonly types: ReadonlyMap<string, ResourceType>;
  readonly creationLag: CreationLag;
  /** The region of the call's SigV4 signing scope. */
  readonly region: string;
}

/** What the resource handlers of this call see: its region and the live knobs. */
export function handlerView(context: EmulatorContext): HandlerView {
  return { region: context.region, knobs: context.knobs };
}

/** The key the read-after-create lag remembers a resource by. */
export function lagKey(typeName: string, identifier: string): string {
  return `${typeName}\u0000${identifier}`;
}

/** One operation: validated input in, output members out; failures are thrown ServiceErrors. */
export type Operation = (
  input: Record<string, unknown>,
  context: EmulatorContext,
  target: CallTarget,
) => Record<string, unknown>;

/** The type named by `TypeName`; TypeNotFoundException as CC words it (pulumi/pulumi-aws-native#2308). */
export function resourceTypeOf(context: EmulatorContext, typeName: string): ResourceType {
  const type = context.types.get(typeName);
  if (!type)
    throw new ServiceError('TypeNotFoundException', `The type '${typeName}' cannot be found.`);
  return type;
}

/** A JSON-string member (`DesiredState`, `ResourceModel`) as the object it encodes. */
export function parseModelMember(value: unknown, member: string): Model {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(value));
  } catch {
    throw new ServiceError('ValidationException', `${member} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError('ValidationException', `${member} must be a JSON object`);
  }
  return parsed as Model;
}

/** Resolves `Identifier` to its parts and canonical `a|b` form, and notes it for the call record. */
export function identifierOf(
  type: ResourceType,
  identifier: string,
  target: CallTarget,
): { parts: IdentifierParts; identifier: string } {
  const parts = parseIdentifier(type, identifier);
  const canonical = formatIdentifier(type, parts) as string;
  target.identifier = canonical;
  return { parts, identifier: canonical };
}

/** The injected handler failure for this action, if a rule matches, as a HandlerFailure. */
export function injectedHandlerFailure(
  context: EmulatorContext,
  action: HandlerAction,
  typeName: string,
  identifier: string | undefined,
): HandlerFailure | undefined {
  const rule = context.faults.handlerFailure(context.knobs.handlerFailures, action, {
    typeName,
    ...(identifier !== undefined ? { identifier } : {}),
  });
  if (!rule) return undefined;
  return {
    errorCode: rule.errorCode,
    message: rule.statusMessage ?? `${rule.errorCode} (injected by the emulator)`,
  };
}

/** A fresh token for the envelope of a synchronous handler failure. */
export function syncRequestToken(): string {
  return randomUUID();
}
