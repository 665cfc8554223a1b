/**
 * `--seed-from DIR`: the APIs and deployments that stage-sync spec files name, so that the
 * emulator can accept the stages those specs declare (AWS requires the API, and for a REST stage
 * the deployment, to exist before a stage is created). Reads the files as a user writes them: a
 * stage's type (`type:`, `AWS::ApiGateway::Stage` unless said otherwise), the API it names by id
 * or by name, and its deployments, each from the stage or from the file's `defaults:`. The
 * emulator does not import the product (lint forbids it), so this is its own small reading of the
 * spec format (README "Spec files"):
 *
 * - a REST stage (`AWS::ApiGateway::Stage`) names its REST API by `RestApiId` or `rest-api: NAME`,
 *   and deployments by `DeploymentId` and `CanarySetting.DeploymentId`;
 * - an HTTP or WebSocket API stage (`AWS::ApiGatewayV2::Stage`) names its API by `ApiId` or
 *   `api: NAME`, and a deployment by `DeploymentId`.
 *
 * A stage's own choice of API (by id or by name) replaces the default's. An API named by name is
 * seeded with that `Name` and the id `idForName(name)`, which the product then finds by listing.
 *
 * A V2 API's protocol is not in a spec, so it is guessed from the route keys of its stages'
 * `RouteSettings` (`protocolForRouteKeys`): WEBSOCKET when any stage of the API has a key only a
 * WebSocket API can have, else HTTP. This is the emulator's convenience, not AWS behaviour; the
 * protocol matters because the read model fills route settings by protocol
 * (docs/evidence/apigatewayv2-stage.md items 7 and 9).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { V2_API_ID_LENGTH, V2_STAGE, type ProtocolType } from './apigatewayv2/names.ts';
import { CliUsageError, type SeedRestApiArg } from './cli-args.ts';
import { STAGE } from './resources/stage.ts';

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The id an API named by a spec (`rest-api: NAME`, `api: NAME`) is seeded with: lowercase
 * characters of the length of a V2 API id, which REST API ids share (resources/rest-api.ts), the
 * same for the same name on every run.
 */
export function idForName(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, V2_API_ID_LENGTH);
}

/** A stage's type when neither it nor `defaults:` says (README "Spec files"). */
const DEFAULT_STAGE_TYPE = STAGE;

/** How each stage type names its API: the property with its id, the stage-sync key with its name. */
const API_KEYS = {
  [STAGE]: { id: 'RestApiId', name: 'rest-api' },
  [V2_STAGE]: { id: 'ApiId', name: 'api' },
} as const satisfies Record<string, { id: string; name: string }>;

type StageType = keyof typeof API_KEYS;

const isStageType = (value: string): value is StageType => Object.hasOwn(API_KEYS, value);

/**
 * Route keys an HTTP API can have: `$default`, or `METHOD /path` with `ANY` for any method
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 * A WebSocket API's route keys are `$connect`, `$disconnect`, `$default` and the values of its
 * route selection expression, such as `sendmessage`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html),
 * so every key that is not of this form can only be a WebSocket API's.
 */
const HTTP_ROUTE_KEY = /^(?:\$default|(?:ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S*)$/;

/** The guessed protocol of a V2 API whose stages have these route keys (module comment). */
export function protocolForRouteKeys(routeKeys: Iterable<string>): ProtocolType {
  for (const key of routeKeys) if (!HTTP_ROUTE_KEY.test(key)) return 'WEBSOCKET';
  return 'HTTP';
}

/** An HTTP or WebSocket API that spec files name, with the deployments their stages give. */
export interface SeedV2ApiArg {
  readonly apiId: string;
  /** The API's `Name`, for specs that name it (`api:`) rather than give its id. */
  readonly name?: string;
  /** Guessed from the stages' route keys (module comment). */
  readonly protocolType: ProtocolType;
  readonly deploymentIds: readonly string[];
}

export interface SpecSeeds {
  readonly restApis: SeedRestApiArg[];
  readonly v2Apis: SeedV2ApiArg[];
  /** Files (or stages) that could not be read as specs, with why; the others still seed. */
  readonly skipped: string[];
}

/** What the stages of one API (of one stage type) name, gathered across files. */
interface ApiFound {
  name?: string;
  readonly deploymentIds: Set<string>;
}

/**
 * A stage's values over the file's defaults (top-level keys replace, as in the product), where a
 * stage's own API, by id or by name, replaces the default's either.
 */
function mergedStage(defaults: Mapping, own: Mapping, type: StageType): Mapping {
  const { id, name } = API_KEYS[type];
  return id in own || name in own
    ? { ...defaults, [id]: undefined, [name]: undefined, ...own }
    : { ...defaults, ...own };
}

/** The REST and V2 APIs (with their deployments) that `files` name, each sorted by id. Pure. */
export function seedsFromSpecTexts(
  files: readonly { readonly path: string; readonly text: string }[],
): SpecSeeds {
  const found: Record<StageType, Map<string, ApiFound>> = {
    [STAGE]: new Map(),
    [V2_STAGE]: new Map(),
  };
  /** The route keys of each V2 API's stages, to guess its protocol by (module comment). */
  const v2RouteKeys = new Map<string, Set<string>>();
  const skipped: string[] = [];
  for (const file of files) {
    let root: unknown;
    try {
      root = load(file.text);
    } catch (error) {
      skipped.push(
        `${file.path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      continue;
    }
    if (!isMapping(root) || !isMapping(root.stages)) {
      skipped.push(`${file.path}: no \`stages:\` mapping`);
      continue;
    }
    const defaults = isMapping(root.defaults) ? root.defaults : {};
    for (const [stageKey, own] of Object.entries(root.stages)) {
      if (!isMapping(own)) continue;
      const type = text(own.type) ?? text(defaults.type) ?? DEFAULT_STAGE_TYPE;
      if (!isStageType(type)) {
        skipped.push(
          `${file.path}: stage ${stageKey} has a type the emulator does not seed, ${type}`,
        );
        continue;
      }
      const stage = mergedStage(defaults, own, type);
      const keys = API_KEYS[type];
      const apiName = text(stage[keys.name]);
      const givenId = text(stage[keys.id]);
      const apiId = givenId ?? (apiName ? idForName(apiName) : undefined);
      if (!apiId) continue;
      const api = found[type].get(apiId) ?? { deploymentIds: new Set() };
      found[type].set(apiId, api);
      if (apiName && !givenId) api.name = apiName;
      const canary = type === STAGE && isMapping(stage.CanarySetting);
      const deploymentIds = [
        text(stage.DeploymentId),
        canary ? text((stage.CanarySetting as Mapping).DeploymentId) : undefined,
      ];
      for (const id of deploymentIds) if (id) api.deploymentIds.add(id);
      if (type === V2_STAGE && isMapping(stage.RouteSettings)) {
        const routeKeys = v2RouteKeys.get(apiId) ?? new Set();
        v2RouteKeys.set(apiId, routeKeys);
        for (const routeKey of Object.keys(stage.RouteSettings)) routeKeys.add(routeKey);
      }
    }
  }
  const sorted = (apis: Map<string, ApiFound>) =>
    [...apis.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([apiId, api]) => ({
        apiId,
        ...(api.name !== undefined ? { name: api.name } : {}),
        deploymentIds: [...api.deploymentIds].sort(),
      }));
  const restApis = sorted(found[STAGE]).map(({ apiId, ...api }) => ({ restApiId: apiId, ...api }));
  const v2Apis = sorted(found[V2_STAGE]).map((api) => ({
    ...api,
    protocolType: protocolForRouteKeys(v2RouteKeys.get(api.apiId) ?? []),
  }));
  return { restApis, v2Apis, skipped };
}

async function specPaths(path: string): Promise<string[]> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new CliUsageError(`--seed-from: there is no file or folder ${path}`);
  if (!found.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Reads every `.yml`/`.yaml` file under each path (a folder or one file). */
export async function seedsFromSpecs(paths: readonly string[]): Promise<SpecSeeds> {
  const files = [];
  for (const path of paths) {
    for (const file of await specPaths(path))
      files.push({ path: file, text: await readFile(file, 'utf8') });
  }
  return seedsFromSpecTexts(files);
}
