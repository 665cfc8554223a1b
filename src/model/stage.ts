/**
 * The domain vocabulary shared by every stage of the pipeline. Properties keep CloudFormation's
 * spelling (`RestApiId`, `MethodSettings`, ...) so that a spec, a Cloud Control model and a plan
 * all speak the same names.
 */

/** CloudFormation type name of a REST API stage, the type a spec means unless it says `type:`. */
export const STAGE_TYPE_NAME = 'AWS::ApiGateway::Stage';

/** CloudFormation type name of an HTTP or WebSocket API stage. */
export const V2_STAGE_TYPE_NAME = 'AWS::ApiGatewayV2::Stage';

/** The resource types stage-sync manages; what each one is, as data: src/stage-types/. */
export type StageTypeName = typeof STAGE_TYPE_NAME | typeof V2_STAGE_TYPE_NAME;

/** A stage's properties as CloudFormation names them; values are plain JSON. */
export type StageProperties = Readonly<Record<string, unknown>>;

/** Where something was written, for annotations: path relative to the workspace, 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A stage as the specs declare it, after per-file defaults are merged in. */
export interface DesiredStage {
  /** The logical name from the spec (`BasicStage`): unique across all spec files. */
  readonly name: string;
  /** The stage's resource type; absent means `AWS::ApiGateway::Stage`, as in a spec. */
  readonly type?: StageTypeName;
  /**
   * Cloud Control's primary identifier, `RestApiId|StageName` or `ApiId|StageName`. REST and
   * HTTP/WebSocket APIs share one id space (both are served at `{api-id}.execute-api.{region}.
   * amazonaws.com`), so an identifier names one stage whatever its type.
   */
  readonly identifier: string;
  readonly properties: StageProperties;
  readonly source: SourceLocation;
  /** Property paths other tools own (`ignore-changes:`): read, never diffed or written. */
  readonly ignoreChanges?: readonly string[];
  /** The API's name when the spec gave `rest-api:` or `api:` (the id is then resolved from it). */
  readonly apiName?: string;
}

/** A stage as Cloud Control's read handler returns it. */
export interface LiveStage {
  /** Absent means `AWS::ApiGateway::Stage`. */
  readonly type?: StageTypeName;
  readonly identifier: string;
  readonly properties: StageProperties;
}

/**
 * Cloud Control's compound identifier: the primary identifier's parts joined by `|`, in the
 * schema's `primaryIdentifier` order (RestApiId or ApiId, then StageName).
 */
export function stageIdentifier(apiId: string, stageName: string): string {
  return `${apiId}|${stageName}`;
}

/** The tag that marks a stage as managed by one repository; its value is `owner/repo`. */
export const MANAGED_BY_TAG_KEY = 'stage-sync:managed-by';

/**
 * The tag every create and update sets to the full sha of the commit whose specs it applied, so a
 * later apply can tell whether its own specs are older (src/apply/older-commit-guard.ts). Never
 * part of a diff (normalization-rules.ts `applied-commit-tag-unmanaged`) and never declared by a
 * spec.
 */
export const APPLIED_COMMIT_TAG_KEY = 'stage-sync:commit';
