/**
 * Cloud Control's exceptions as data, and how they go on the wire.
 *
 * Wire form (AWS JSON 1.0): `{"__type": "<namespace>#<Name>", "Message": "..."}`. Live traffic
 * answers client faults with HTTP 400 even where the smithy model says 404/409/429 (a captured real
 * ResourceNotFound body; pulumi/pulumi-aws-native#690 for Throttling), and the SDK takes the error
 * name from `__type`, not from the status. The status still decides whether the SDK retries
 * (500/502/503/504 are retried), so the status of server faults is a knob; by default it is the
 * smithy model's `httpError` (`@aws-sdk/client-cloudcontrol` `dist-es/schemas/schemas_0.js`).
 * See shared/reference/cloudcontrol-errors.json.
 */

const CLOUD_CONTROL_NAMESPACE = 'com.amazon.cloudapiservice';
const CORAL_NAMESPACE = 'com.amazon.coral.service';

export type Fault = 'client' | 'server';

interface ErrorSpec {
  readonly fault: Fault;
  /** The smithy model's `httpError`. */
  readonly modelStatus: number;
  /** Wire namespace, when it is not Cloud Control's own. */
  readonly namespace?: string;
  /** The status AWS sends for this client fault, when it is not 400. */
  readonly liveStatus?: number;
}

/** Every exception the emulator can send. Names are the wire names. */
export const ERROR_CATALOG = {
  AlreadyExistsException: { fault: 'client', modelStatus: 400 },
  ClientTokenConflictException: { fault: 'client', modelStatus: 409 },
  ConcurrentModificationException: { fault: 'server', modelStatus: 500 },
  ConcurrentOperationException: { fault: 'client', modelStatus: 409 },
  GeneralServiceException: { fault: 'client', modelStatus: 400 },
  HandlerFailureException: { fault: 'server', modelStatus: 502 },
  HandlerInternalFailureException: { fault: 'server', modelStatus: 502 },
  InvalidCredentialsException: { fault: 'client', modelStatus: 401 },
  InvalidRequestException: { fault: 'client', modelStatus: 400 },
  NetworkFailureException: { fault: 'server', modelStatus: 502 },
  NotStabilizedException: { fault: 'client', modelStatus: 400 },
  NotUpdatableException: { fault: 'client', modelStatus: 400 },
  PrivateTypeException: { fault: 'client', modelStatus: 400 },
  RequestTokenNotFoundException: { fault: 'client', modelStatus: 404 },
  ResourceConflictException: { fault: 'client', modelStatus: 409 },
  ResourceNotFoundException: { fault: 'client', modelStatus: 404 },
  ServiceInternalErrorException: { fault: 'server', modelStatus: 502 },
  ServiceLimitExceededException: { fault: 'client', modelStatus: 400 },
  ThrottlingException: { fault: 'client', modelStatus: 429 },
  TypeNotFoundException: { fault: 'client', modelStatus: 404 },
  UnsupportedActionException: { fault: 'client', modelStatus: 405 },
  /** Not in the model, but what CC sends for schema, patch and identifier problems. */
  ValidationException: { fault: 'client', modelStatus: 400 },
  /** Not in the model; a handler's AccessDenied surfaces under this name (notes 1.6). */
  AccessDeniedException: { fault: 'client', modelStatus: 400 },
  /**
   * Coral's answer to an unsigned request. Body as captured from a JSON 1.0 service in
   * awslabs/aws-sdk-ios-samples#111; status 403 per the AWS "Common Errors" reference
   * (MissingAuthenticationToken, HTTP 403).
   */
  MissingAuthenticationTokenException: {
    fault: 'client',
    modelStatus: 403,
    namespace: CORAL_NAMESPACE,
    liveStatus: 403,
  },
  /** Coral: an Authorization header that is not a SigV4 header. */
  IncompleteSignatureException: { fault: 'client', modelStatus: 400, namespace: CORAL_NAMESPACE },
  /** Coral: a SigV4 credential scoped to another service. */
  InvalidSignatureException: { fault: 'client', modelStatus: 400, namespace: CORAL_NAMESPACE },
  /** Coral: an `X-Amz-Target` that names no operation. */
  UnknownOperationException: { fault: 'client', modelStatus: 400, namespace: CORAL_NAMESPACE },
  /** Coral: a body that is not the JSON the operation expects. */
  SerializationException: { fault: 'client', modelStatus: 400, namespace: CORAL_NAMESPACE },
  /** Coral: an unexpected failure inside the service (here: a bug in the emulator). */
  InternalFailure: { fault: 'server', modelStatus: 500, namespace: CORAL_NAMESPACE },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERROR_CATALOG;

export function isErrorName(name: string): name is ErrorName {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, name);
}

/** A synchronous Cloud Control error: becomes an HTTP error response. */
export class ServiceError extends Error {
  readonly errorName: ErrorName;
  constructor(errorName: ErrorName, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.errorName = errorName;
  }
}

export interface WireError {
  readonly status: number;
  readonly body: { readonly __type: string; readonly Message: string };
}

/**
 * The HTTP status and body for an error. `serverFaultStatus`, when set, replaces the model's
 * status for server faults (HandlerFailure, HandlerInternalFailure, NetworkFailure,
 * ServiceInternalError, ConcurrentModification).
 */
export function toWireError(error: ServiceError, serverFaultStatus?: number): WireError {
  const spec: ErrorSpec = ERROR_CATALOG[error.errorName];
  const status =
    spec.fault === 'server' ? (serverFaultStatus ?? spec.modelStatus) : (spec.liveStatus ?? 400);
  const namespace = spec.namespace ?? CLOUD_CONTROL_NAMESPACE;
  return { status, body: { __type: `${namespace}#${error.errorName}`, Message: error.message } };
}

/** Cloud Control's handler error codes (service model enum `HandlerErrorCode`). */
export const HANDLER_ERROR_CODES = [
  'NotUpdatable',
  'InvalidRequest',
  'AccessDenied',
  'UnauthorizedTaggingOperation',
  'InvalidCredentials',
  'AlreadyExists',
  'NotFound',
  'ResourceConflict',
  'Throttling',
  'ServiceLimitExceeded',
  'NotStabilized',
  'GeneralServiceException',
  'ServiceInternalError',
  'ServiceTimeout',
  'NetworkFailure',
  'InternalFailure',
] as const;

export type HandlerErrorCode = (typeof HANDLER_ERROR_CODES)[number];

export function isHandlerErrorCode(code: string): code is HandlerErrorCode {
  return (HANDLER_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * The exception a synchronous handler failure (GetResource, ListResources) surfaces as.
 * The pairs follow the exception names the model documents per handler code (notes 1.6);
 * UnauthorizedTaggingOperation and ServiceTimeout have no exception of their own and are sent as
 * HandlerFailureException [inferred].
 */
export const HANDLER_ERROR_EXCEPTION: Readonly<Record<HandlerErrorCode, ErrorName>> = {
  NotUpdatable: 'NotUpdatableException',
  InvalidRequest: 'InvalidRequestException',
  AccessDenied: 'AccessDeniedException',
  UnauthorizedTaggingOperation: 'HandlerFailureException',
  InvalidCredentials: 'InvalidCredentialsException',
  AlreadyExists: 'AlreadyExistsException',
  NotFound: 'ResourceNotFoundException',
  ResourceConflict: 'ResourceConflictException',
  Throttling: 'ThrottlingException',
  ServiceLimitExceeded: 'ServiceLimitExceededException',
  NotStabilized: 'NotStabilizedException',
  GeneralServiceException: 'GeneralServiceException',
  ServiceInternalError: 'ServiceInternalErrorException',
  ServiceTimeout: 'HandlerFailureException',
  NetworkFailure: 'NetworkFailureException',
  InternalFailure: 'HandlerInternalFailureException',
};

/**
 * A handler failure reported synchronously, in the envelope Cloud Control wraps around the
 * handler's message: `<Type> Handler returned status FAILED: <message> (HandlerErrorCode: <code>,
 * RequestToken: <uuid>)` (verbatim from a captured real SQS response; also
 * aws-cloudformation/cloudformation-coverage-roadmap#2090).
 */
export function handlerFailureError(
  typeName: string,
  errorCode: HandlerErrorCode,
  message: string,
  requestToken: string,
): ServiceError {
  return new ServiceError(
    HANDLER_ERROR_EXCEPTION[errorCode],
    `${typeName} Handler returned status FAILED: ${message} (HandlerErrorCode: ${errorCode}, RequestToken: ${requestToken})`,
  );
}
