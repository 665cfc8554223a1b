/**
 * The narrow interface through which the apply updates an `AWS::ApiGatewayV2::Stage` that Cloud
 * Control cannot update (an auto-deploy stage: docs/evidence/apigatewayv2-stage.md item 5): API
 * Gateway V2's own UpdateStage, DeleteRouteSettings, DeleteAccessLogSettings, TagResource and
 * UntagResource. The SDK adapter (apigatewayv2-client.ts) implements it; unit tests pass object
 * literals. Members keep the SDK's (and Cloud Control's) PascalCase names, so a stage model's
 * values go in as they are.
 */

/** One route's settings (the SDK's `RouteSettings` structure; evidence item 21). */
export interface RouteSettingsMembers {
  readonly DataTraceEnabled?: boolean;
  readonly DetailedMetricsEnabled?: boolean;
  readonly LoggingLevel?: string;
  readonly ThrottlingBurstLimit?: number;
  readonly ThrottlingRateLimit?: number;
}

export interface AccessLogSettingsMembers {
  readonly DestinationArn?: string;
  readonly Format?: string;
}

/**
 * What one UpdateStage sends: only the members present change (UpdateStage merges, evidence
 * item 13). A stage variable sent as `""` is removed (item 14); each route named is replaced
 * whole, the others are kept (item 15).
 */
export interface StageUpdateMembers {
  readonly AccessLogSettings?: AccessLogSettingsMembers;
  readonly AutoDeploy?: boolean;
  readonly ClientCertificateId?: string;
  readonly DefaultRouteSettings?: RouteSettingsMembers;
  /** Refused while auto-deploy is on (items 4, 5 and 19): only beside `AutoDeploy: false`. */
  readonly DeploymentId?: string;
  readonly Description?: string;
  readonly RouteSettings?: Readonly<Record<string, RouteSettingsMembers>>;
  readonly StageVariables?: Readonly<Record<string, string>>;
}

export interface ApiGatewayV2Port {
  updateStage(apiId: string, stageName: string, members: StageUpdateMembers): Promise<void>;
  deleteRouteSettings(apiId: string, stageName: string, routeKey: string): Promise<void>;
  deleteAccessLogSettings(apiId: string, stageName: string): Promise<void>;
  tagResource(resourceArn: string, tags: Readonly<Record<string, string>>): Promise<void>;
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
  /** The stage's ARN for the tag calls, in the region the port talks to. */
  stageArn(apiId: string, stageName: string): Promise<string>;
}

/**
 * Who was at fault, as the SDK tells it: `client` (a 4xx: the request was refused and resending
 * it changes nothing, except `TooManyRequestsException`), `server` (a 5xx), `transport` (no
 * answer at all: a reset, a refused connection, a timed-out attempt).
 */
export type ApiGatewayV2Fault = 'client' | 'server' | 'transport';

/**
 * An API Gateway V2 call that failed after the adapter's own retries. `code` is the service's
 * exception name (`BadRequestException`, `NotFoundException`, `ConflictException`,
 * `TooManyRequestsException`, `AccessDeniedException`: evidence item 22), or `TRANSPORT_ERROR`
 * (src/retry/error-codes.ts) when no answer arrived.
 */
export class ApiGatewayV2Error extends Error {
  readonly code: string;
  readonly fault: ApiGatewayV2Fault;
  constructor(code: string, message: string, fault: ApiGatewayV2Fault) {
    super(message);
    this.name = 'ApiGatewayV2Error';
    this.code = code;
    this.fault = fault;
  }
}

/**
 * The AWS partition of a region: `aws-cn` for the China regions, `aws-us-gov` for GovCloud,
 * `aws` elsewhere (AWS General Reference, "Amazon Resource Names": the partition is part of
 * every ARN).
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * `arn:{partition}:apigateway:{region}::/apis/{apiId}/stages/{stageName}`: a V2 stage's ARN, with
 * no account (docs/evidence/apigatewayv2-stage.md item 20; terraform-provider-aws builds it so in
 * `internal/service/apigatewayv2/stage.go` for tagging). The stage name goes in verbatim
 * (`$default` included); the SDK escapes the ARN as a path label.
 */
export function v2StageArn(region: string, apiId: string, stageName: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::/apis/${apiId}/stages/${stageName}`;
}
