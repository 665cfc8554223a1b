/**
 * API Gateway's own errors as the Stage, Deployment and RestApi handlers pass them on: the service
 * message followed by the AWS SDK v2 suffix `(Service: ApiGateway, Status Code: 404, Request ID:
 * …)`, as in the failure StatusMessages quoted in shared/reference/cloudcontrol-notes.md 1.5.
 */
import { randomUUID } from 'node:crypto';
import type { HandlerErrorCode } from '../protocol/errors.ts';
import type { HandlerFailure } from './types.ts';

interface ApiGatewayError {
  readonly errorCode: HandlerErrorCode;
  readonly status: number;
  readonly message: string;
}

/**
 * Sources: "Invalid API/stage/Deployment identifier specified" are API Gateway's NotFound texts
 * (notes 1.5; "Invalid Stage identifier specified" in ministackorg/ministack#1161); "Active stages
 * pointing to this deployment must be moved or deleted" is asserted verbatim in moto's API Gateway
 * tests and quoted in many Terraform configurations; "Stage name only allows a-zA-Z0-9_" is
 * CreateDeployment's BadRequest quoted by serverless users. "DeploymentId cannot be empty",
 * "Stage already exists", "Stage name cannot be empty", the REST API name, cache-size, logging-level
 * and tag-count texts are [inferred] (the limits themselves are API Gateway's documented ones).
 */
export const API_GATEWAY_ERRORS = {
  restApiNotFound: {
    errorCode: 'NotFound',
    status: 404,
    message: 'Invalid API identifier specified',
  },
  stageNotFound: {
    errorCode: 'NotFound',
    status: 404,
    message: 'Invalid stage identifier specified',
  },
  deploymentNotFound: {
    errorCode: 'NotFound',
    status: 404,
    message: 'Invalid Deployment identifier specified',
  },
  /**
   * A canary naming an unknown deployment: BadRequest "Deployment id does not exist" on
   * CreateStage and UpdateStage (fact 26 of docs/reference/aws-recorded-behaviour.md, LocalStack
   * `test_apigateway_canary.snapshot.json`, recorded); InvalidRequest through Cloud Control is the
   * usual 400 mapping [inferred].
   */
  canaryDeploymentNotFound: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Deployment id does not exist',
  },
  stageExists: { errorCode: 'AlreadyExists', status: 409, message: 'Stage already exists' },
  deploymentIdEmpty: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'DeploymentId cannot be empty',
  },
  stageNameEmpty: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Stage name cannot be empty',
  },
  stageNameInvalid: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Stage name only allows a-zA-Z0-9_',
  },
  restApiNameEmpty: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Invalid REST API name specified',
  },
  deploymentInUse: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Active stages pointing to this deployment must be moved or deleted',
  },
  cacheClusterSizeInvalid: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Invalid cache cluster size',
  },
  loggingLevelInvalid: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Invalid logging level: must be OFF, ERROR or INFO',
  },
  tooManyTags: {
    errorCode: 'InvalidRequest',
    status: 400,
    message: 'Too many tags: a stage can have at most 50 tags',
  },
} as const satisfies Record<string, ApiGatewayError>;

export type ApiGatewayErrorName = keyof typeof API_GATEWAY_ERRORS;

/** A handler failure with API Gateway's `message` and the SDK suffix, for messages built at run time. */
export function apiGatewayMessageFailure(
  errorCode: HandlerErrorCode,
  status: number,
  message: string,
): HandlerFailure {
  return {
    errorCode,
    message: `${message} (Service: ApiGateway, Status Code: ${status}, Request ID: ${randomUUID()})`,
  };
}

/** The handler failure for an API Gateway error, with a fresh request id in the suffix. */
export function apiGatewayFailure(name: ApiGatewayErrorName): HandlerFailure {
  const error: ApiGatewayError = API_GATEWAY_ERRORS[name];
  return {
    errorCode: error.errorCode,
    message: `${error.message} (Service: ApiGateway, Status Code: ${error.status}, Request ID: ${randomUUID()})`,
  };
}
