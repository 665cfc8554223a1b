/**
 * Cloud Control identifiers: the primary identifier's values joined by `|` in schema order
 * (`RestApiId|StageName`, `DeploymentId|RestApiId`), or the same as a JSON object (CC user guide,
 * "Identifying resources"). A malformed one is a ValidationException `Identifier X is not valid
 * for identifier [/properties/A, /properties/B]` (wording seen live, quoted in go-to-k/cdkd's
 * import code and cdk-real-drift's tests).
 */
import { ServiceError } from '../protocol/errors.ts';
import type { IdentifierParts, ResourceType } from './types.ts';

function invalid(type: ResourceType, identifier: string): ServiceError {
  const pointers = type.primaryIdentifier.map((name) => `/properties/${name}`).join(', ');
  return new ServiceError(
    'ValidationException',
    `Identifier ${identifier} is not valid for identifier [${pointers}]`,
  );
}

/** The identifier's parts, keyed by property name. */
export function parseIdentifier(type: ResourceType, identifier: string): IdentifierParts {
  if (identifier.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(identifier);
    } catch {
      throw invalid(type, identifier);
    }
    const record = parsed as Record<string, unknown>;
    const parts = type.primaryIdentifier.map((name) => [name, record?.[name]] as const);
    if (parts.some(([, value]) => typeof value !== 'string' || value === ''))
      throw invalid(type, identifier);
    return Object.fromEntries(parts) as IdentifierParts;
  }
  const values = identifier.split('|');
  if (values.length !== type.primaryIdentifier.length || values.some((value) => value === '')) {
    throw invalid(type, identifier);
  }
  return Object.fromEntries(type.primaryIdentifier.map((name, i) => [name, values[i] as string]));
}

/** The canonical `a|b` identifier of a model, or undefined when a part is missing. */
export function formatIdentifier(
  type: ResourceType,
  model: Readonly<Record<string, unknown>>,
): string | undefined {
  const values = type.primaryIdentifier.map((name) => model[name]);
  if (values.some((value) => typeof value !== 'string' || value === '')) return undefined;
  return values.join('|');
}
