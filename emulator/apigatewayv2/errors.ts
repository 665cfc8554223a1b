/**
 * API Gateway V2's errors, as data: the REST endpoint sends them as `{"message": ...}` with the
 * exception name in `x-amzn-ErrorType` (restJson1; the members and statuses are those of
 * `@aws-sdk/client-apigatewayv2`'s model: BadRequest 400, NotFound 404 with `resourceType`,
 * Conflict 409, TooManyRequests 429 with `limitType`), and the Cloud Control handlers pass them
 * on as a HandlerErrorCode with the message and the Java SDK's `(Service: ApiGatewayV2, Status
 * Code: N, Request ID: …)` suffix (go-to-k/cdk-real-drift#667 quotes that suffix).
 *
 * Which texts are recorded and which are inferred is listed in docs/evidence/apigatewayv2-stage.md
 * (section "Errors"); the inferred ones are marked [inferred] below.
 */
import { randomUUID } from 'node:crypto';
import type { HandlerErrorCode } from '../protocol/errors.ts';
import type { HandlerFailure } from '../resources/types.ts';
import { EMULATED_ACCOUNT } from './names.ts';

export type V2ErrorName =
  | 'BadRequestException'
  | 'NotFoundException'
  | 'ConflictException'
  | 'TooManyRequestsException'
  | 'AccessDeniedException';

export interface V2ServiceError {
  readonly name: V2ErrorName;
  readonly message: string;
  /** NotFoundException's `resourceType` member. */
  readonly resourceType?: string;
}

export const V2_ERROR_STATUS: Readonly<Record<V2ErrorName, number>> = {
  BadRequestException: 400,
  NotFoundException: 404,
  ConflictException: 409,
  TooManyRequestsException: 429,
  AccessDeniedException: 403,
};

/**
 * Server faults a test can inject into the REST endpoint (knobs.ts, `injectedErrors`). The V2
 * model declares no 5xx exception, so these names are [inferred]: `ServiceUnavailableException`
 * (503) is the one API Gateway's REST-API model (`@aws-sdk/client-api-gateway`) declares, and
 * `InternalServerError` (500) is a plain name for an unmodelled 500. The SDK reads the name from
 * `x-amzn-ErrorType` and counts any 5xx as a server fault (`$fault: "server"`), which it retries,
 * whatever the name.
 */
const V2_SERVER_FAULT_STATUS = {
  InternalServerError: 500,
  ServiceUnavailableException: 503,
} as const;

type V2ServerFaultName = keyof typeof V2_SERVER_FAULT_STATUS;

/** What an injected V2 error may be: one of the service's exceptions, or a server fault. */
export type V2InjectableErrorName = V2ErrorName | V2ServerFaultName;

export const V2_INJECTABLE_STATUS: Readonly<Record<V2InjectableErrorName, number>> = {
  ...V2_ERROR_STATUS,
  ...V2_SERVER_FAULT_STATUS,
};

export function isV2InjectableErrorName(name: string): name is V2InjectableErrorName {
  return Object.hasOwn(V2_INJECTABLE_STATUS, name);
}

const HANDLER_CODE: Readonly<Record<V2ErrorName, HandlerErrorCode>> = {
  BadRequestException: 'InvalidRequest',
  NotFoundException: 'NotFound',
  ConflictException: 'AlreadyExists',
  TooManyRequestsException: 'Throttling',
  AccessDeniedException: 'AccessDenied',
};

export function isV2Error(value: unknown): value is V2ServiceError {
  return typeof value === 'object' && value !== null && 'name' in value && 'message' in value;
}

const badRequest = (message: string): V2ServiceError => ({ name: 'BadRequestException', message });

/** The errors API Gateway V2 answers with, by what went wrong. */
export const V2_ERRORS = {
  /** Recorded: "Invalid API identifier specified 665192190199:bwop0s66op" (aws/aws-sam-cli#7030). */
  apiNotFound: (apiId: string): V2ServiceError => ({
    name: 'NotFoundException',
    message: `Invalid API identifier specified ${EMULATED_ACCOUNT}:${apiId}`,
    resourceType: 'Api',
  }),
  /** [inferred] from API Gateway's REST wording; no V2 recording. */
  stageNotFound: (stageName: string): V2ServiceError => ({
    name: 'NotFoundException',
    message: `Invalid stage identifier specified ${stageName}`,
    resourceType: 'Stage',
  }),
  /** [inferred] from API Gateway's REST wording. */
  deploymentNotFound: (deploymentId: string): V2ServiceError => ({
    name: 'NotFoundException',
    message: `Invalid Deployment identifier specified ${deploymentId}`,
    resourceType: 'Deployment',
  }),
  /** [inferred]; that DeleteRouteSettings answers NotFound is what terraform-provider-aws expects. */
  routeSettingsNotFound: (routeKey: string): V2ServiceError => ({
    name: 'NotFoundException',
    message: `Unable to find route settings for route key ${routeKey}`,
    resourceType: 'RouteSettings',
  }),
  /** [inferred] */
  stageExists: (stageName: string): V2ServiceError => ({
    name: 'ConflictException',
    message: `Stage already exists: ${stageName}`,
  }),
  /** Recorded live (docs/reference/aws-recorded-behaviour.md fact 36). */
  deploymentIdWithAutoDeploy: (): V2ServiceError =>
    badRequest('Deployment ID cannot be set on this stage because AutoDeploy is enabled.'),
  /** Recorded by users (hashicorp/terraform-provider-aws#13801, #14010). */
  executionLogsOnHttp: (): V2ServiceError =>
    badRequest('Execution logs are not supported on protocolType HTTP'),
  /** [inferred]; the allowed levels are the SDK model's `LoggingLevel` enum. */
  loggingLevelInvalid: (level: string): V2ServiceError =>
    badRequest(`Invalid logging level ${level}. Must be one of [ERROR, INFO, OFF]`),
  /** [inferred]; the rule is the Stage schema's `StageName` description. */
  stageNameInvalid: (): V2ServiceError =>
    badRequest(
      'Stage name can contain only alphanumeric characters, hyphens, and underscores, or be $default. Maximum length is 128 characters.',
    ),
  /** [inferred]; the rule is the Stage schema's `StageVariables` description. */
  stageVariableInvalid: (name: string): V2ServiceError =>
    badRequest(
      `Invalid stage variable ${name}: names can have alphanumeric and underscore characters, and values must match [A-Za-z0-9-._~:/?#&=,]+`,
    ),
  /** moto's text for the same rule (moto/apigatewayv2/exceptions.py) [inferred]. */
  protocolInvalid: (): V2ServiceError =>
    badRequest('Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]'),
  /** [inferred]; the Api schema says WebSocket APIs require it. */
  routeSelectionRequired: (): V2ServiceError =>
    badRequest('RouteSelectionExpression is required for WEBSOCKET APIs'),
  /** [inferred] */
  apiNameEmpty: (): V2ServiceError => badRequest('Invalid API name specified'),
  /** The emulator's own limit, not AWS's: it does not import OpenAPI definitions. */
  openApiUnsupported: (): V2ServiceError =>
    badRequest('The emulator does not import OpenAPI definitions (Body, BodyS3Location)'),
  /** [inferred] wording for a request body member of the wrong type. */
  invalidInput: (member: string): V2ServiceError => badRequest(`Invalid input for ${member}`),
} as const;

/** A V2 service error as the Cloud Control handler reports it (a FAILED event or a read error). */
export function v2HandlerFailure(error: V2ServiceError): HandlerFailure {
  return {
    errorCode: HANDLER_CODE[error.name],
    message: `${error.message} (Service: ApiGatewayV2, Status Code: ${V2_ERROR_STATUS[error.name]}, Request ID: ${randomUUID()})`,
  };
}
