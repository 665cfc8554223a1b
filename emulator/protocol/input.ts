/**
 * Input checks Cloud Control's front end (coral) makes before any handler runs, from the service
 * model's shapes (shared/reference/cloudcontrol-2021-09-30.service-2.json). Messages use coral's
 * standard wording, e.g. `1 validation error detected: Value null at 'typeName' failed to satisfy
 * constraint: Member must not be null` [standard coral wording; unverified for CC, notes 1.10].
 */
import { ServiceError } from './errors.ts';
import type { OperationName } from './wire.ts';

interface StringShape {
  readonly kind: 'string';
  readonly min: number;
  readonly max: number;
  readonly pattern?: string;
  /** Sensitive members are masked in messages, as coral does. */
  readonly sensitive?: boolean;
}

interface IntegerShape {
  readonly kind: 'integer';
  readonly min: number;
  readonly max: number;
}

interface StructureShape {
  readonly kind: 'structure';
}

type Shape = StringShape | IntegerShape | StructureShape;

const SHAPES = {
  TypeName: {
    kind: 'string',
    min: 10,
    max: 196,
    pattern: '[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}',
  },
  TypeVersionId: { kind: 'string', min: 1, max: 128, pattern: '[A-Za-z0-9-]+' },
  RoleArn: { kind: 'string', min: 20, max: 2048, pattern: 'arn:.+:iam::[0-9]{12}:role/.+' },
  ClientToken: { kind: 'string', min: 1, max: 128, pattern: '[-A-Za-z0-9+/=]+' },
  RequestToken: { kind: 'string', min: 1, max: 128, pattern: '[-A-Za-z0-9+/=]+' },
  Identifier: { kind: 'string', min: 1, max: 1024, pattern: '.+' },
  Properties: { kind: 'string', min: 1, max: 262144, sensitive: true },
  PatchDocument: { kind: 'string', min: 1, max: 262144, sensitive: true },
  HandlerNextToken: { kind: 'string', min: 1, max: 4096, pattern: '.+' },
  NextToken: { kind: 'string', min: 1, max: 2048, pattern: '[-A-Za-z0-9+/=]+' },
  MaxResults: { kind: 'integer', min: 1, max: 100 },
  ResourceRequestStatusFilter: { kind: 'structure' },
} as const satisfies Record<string, Shape>;

type ShapeName = keyof typeof SHAPES;

interface MemberSpec {
  readonly shape: ShapeName;
  readonly required?: boolean;
}

const COMMON: Readonly<Record<string, MemberSpec>> = {
  TypeName: { shape: 'TypeName', required: true },
  TypeVersionId: { shape: 'TypeVersionId' },
  RoleArn: { shape: 'RoleArn' },
};

/** Members of each operation's input, in the model's order. */
export const INPUT_MEMBERS: Readonly<Record<OperationName, Readonly<Record<string, MemberSpec>>>> =
  {
    CreateResource: {
      ...COMMON,
      ClientToken: { shape: 'ClientToken' },
      DesiredState: { shape: 'Properties', required: true },
    },
    UpdateResource: {
      ...COMMON,
      ClientToken: { shape: 'ClientToken' },
      Identifier: { shape: 'Identifier', required: true },
      PatchDocument: { shape: 'PatchDocument', required: true },
    },
    DeleteResource: {
      ...COMMON,
      ClientToken: { shape: 'ClientToken' },
      Identifier: { shape: 'Identifier', required: true },
    },
    GetResource: { ...COMMON, Identifier: { shape: 'Identifier', required: true } },
    ListResources: {
      ...COMMON,
      NextToken: { shape: 'HandlerNextToken' },
      MaxResults: { shape: 'MaxResults' },
      ResourceModel: { shape: 'Properties' },
    },
    ListResourceRequests: {
      MaxResults: { shape: 'MaxResults' },
      NextToken: { shape: 'NextToken' },
      ResourceRequestStatusFilter: { shape: 'ResourceRequestStatusFilter' },
    },
    GetResourceRequestStatus: { RequestToken: { shape: 'RequestToken', required: true } },
    CancelResourceRequest: { RequestToken: { shape: 'RequestToken', required: true } },
  };

/** Coral names members in lower camel case in its messages (`typeName`, `desiredState`). */
function coralName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function violation(member: string, shown: string, constraint: string): string {
  return `Value ${shown} at '${coralName(member)}' failed to satisfy constraint: ${constraint}`;
}

function checkMember(member: string, value: unknown, shape: Shape): string | undefined {
  if (shape.kind === 'structure') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw serialization();
    return undefined;
  }
  if (shape.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization();
    if (value < shape.min)
      return violation(
        member,
        String(value),
        `Member must have value greater than or equal to ${shape.min}`,
      );
    if (value > shape.max)
      return violation(
        member,
        String(value),
        `Member must have value less than or equal to ${shape.max}`,
      );
    return undefined;
  }
  if (typeof value !== 'string') throw serialization();
  const shown = shape.sensitive ? `'***'` : `'${value}'`;
  if (value.length < shape.min)
    return violation(
      member,
      shown,
      `Member must have length greater than or equal to ${shape.min}`,
    );
  if (value.length > shape.max)
    return violation(member, shown, `Member must have length less than or equal to ${shape.max}`);
  if (shape.pattern && !new RegExp(`^(?:${shape.pattern})$`).test(value)) {
    return violation(
      member,
      shown,
      `Member must satisfy regular expression pattern: ${shape.pattern}`,
    );
  }
  return undefined;
}

function serialization(): ServiceError {
  return new ServiceError('SerializationException', 'Unexpected value type in payload');
}

/**
 * Checks the members an operation's input carries: required members present, strings within
 * length and pattern, integers in range, structures as objects. Unknown members are ignored, as
 * coral ignores them. Throws ValidationException listing every violation.
 */
export function checkInput(operation: OperationName, input: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const [member, spec] of Object.entries(INPUT_MEMBERS[operation])) {
    const value = input[member];
    if (value === undefined || value === null) {
      if (spec.required) problems.push(violation(member, 'null', 'Member must not be null'));
      continue;
    }
    const problem = checkMember(member, value, SHAPES[spec.shape]);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) {
    const count =
      problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
    throw new ServiceError('ValidationException', `${count} detected: ${problems.join('; ')}`);
  }
}
