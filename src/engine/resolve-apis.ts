/**
 * `rest-api: payments-api` -> `RestApiId`, `api: chat-api` -> `ApiId`. An API's id is random and
 * differs per account and region; its name is what people share. Cloud Control lists each stage
 * type's API type (src/stage-types/ `apiTypeName`) with each API's model, `Name` included, and the
 * API's id as the identifier: `AWS::ApiGateway::RestApi` (the RestApi read model:
 * hashicorp/terraform-provider-awscc `internal/service/cloudformation/schemas/AWS_ApiGateway_RestApi.json`)
 * and `AWS::ApiGatewayV2::Api` (primary identifier `ApiId`, `Name` in its read model:
 * docs/evidence/apigatewayv2-stage.md item 24, from the same provider's schemas), following
 * every page (src/aws/list-apis.ts). API Gateway does not make names unique, so a name that matches no API or more than
 * one is a problem at the spec's line, naming the candidates' ids, and nothing is planned.
 */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import {
  listApis,
  listEachApiTypeOnce,
  type ApiTypeListing,
  type ListedApi,
} from '../aws/list-apis.ts';
import { oneSpecPerStageMessage, resolvedStage, type SpecStage } from '../desired/spec-stage.ts';
import type { SpecProblem } from '../desired/spec-problem.ts';
import { sortProblems } from '../desired/spec-problem.ts';
import type { DesiredStage } from '../model/stage.ts';
import { stageTypeOf, type StageType } from '../stage-types/index.ts';

/** One API as the listing shows it. */
export type ApiSummary = Pick<ListedApi, 'id' | 'name'>;

/** The region's APIs of the kind a stage type belongs to (REST APIs, HTTP and WebSocket APIs). */
export type ApiListing = (stageType: StageType) => Promise<readonly ApiSummary[]>;

/** How many ids a "no such name" problem lists, so a big account cannot flood an annotation. */
const MAX_LISTED_CANDIDATES = 10;

/**
 * Each API type's APIs with their names, worked out at most once, on first use (a run that names
 * no API of a type lists none of that type), from `listing` (shared with prune's listing).
 */
export function apiListing(
  port: CloudControlPort,
  listing: ApiTypeListing = listEachApiTypeOnce(port),
): ApiListing {
  const named = new Map<string, Promise<readonly ApiSummary[]>>();
  return (stageType) => {
    let apis = named.get(stageType.apiTypeName);
    if (!apis) {
      apis = listApis(port, stageType.apiTypeName, listing);
      named.set(stageType.apiTypeName, apis);
    }
    return apis;
  };
}

export interface ResolvedStages {
  readonly stages: readonly DesiredStage[];
  readonly problems: readonly SpecProblem[];
}

const listed = (apis: readonly ApiSummary[]): string => {
  const shown = apis
    .slice(0, MAX_LISTED_CANDIDATES)
    .map((api) => `${api.id} (${api.name === undefined ? 'no name' : JSON.stringify(api.name)})`);
  const more = apis.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
};

/** Why `name` does not name exactly one of `apis` (of `stageType`'s kind); `undefined` when it does. */
export function nameProblem(
  name: string,
  apis: readonly ApiSummary[],
  stageName: string,
  stageType: StageType,
): string | undefined {
  const { apiNameKey, apiLabel, apiIdProperty } = stageType;
  const matches = apis.filter((api) => api.name === name);
  if (matches.length === 1) return undefined;
  if (matches.length > 1)
    return `stage ${stageName}: ${apiNameKey} ${JSON.stringify(name)} is ambiguous: ${matches.length} ${apiLabel}s have that name (${matches.map((api) => api.id).join(', ')}); give ${apiIdProperty} instead, or rename one of them`;
  const candidates = apis.length === 0 ? 'there are none' : `there are ${listed(apis)}`;
  return `stage ${stageName}: no ${apiLabel} is named ${JSON.stringify(name)} in this account and region (${candidates}); check the name, or give ${apiIdProperty}`;
}

/**
 * Each stage with its API's id: from the id the spec gives, or from the one API of that name among
 * its type's APIs. Problems (no match, several, two specs that turn out to declare the same stage)
 * are at the spec's lines. REST and HTTP/WebSocket API ids share one id space, so identifiers of
 * both types are checked in one namespace.
 */
export async function resolveApis(
  stages: readonly SpecStage[],
  listApis: ApiListing,
): Promise<ResolvedStages> {
  const namedTypes = [
    ...new Set(stages.filter((stage) => stage.api.by === 'name').map((stage) => stage.type)),
  ];
  const listings = new Map(
    await Promise.all(
      namedTypes.map(async (type) => [type, await listApis(stageTypeOf(type))] as const),
    ),
  );
  const problems: SpecProblem[] = [];
  const resolved: DesiredStage[] = [];
  const byIdentifier = new Map<string, DesiredStage>();
  for (const stage of stages) {
    const { api } = stage;
    const stageType = stageTypeOf(stage.type);
    let id: string;
    if (api.by === 'id') id = api.id;
    else {
      const apis = listings.get(stage.type) ?? [];
      const problem = nameProblem(api.name, apis, stage.name, stageType);
      if (problem) {
        problems.push({ ...api.at, property: stageType.apiNameKey, message: problem });
        continue;
      }
      id = (apis.find((each) => each.name === api.name) as ApiSummary).id;
    }
    const desired = resolvedStage(stage, id);
    const same = byIdentifier.get(desired.identifier);
    if (same) {
      problems.push({
        ...stage.source,
        message: oneSpecPerStageMessage(
          { name: stage.name, identity: desired.identifier, type: stageType },
          same,
        ),
      });
      continue;
    }
    byIdentifier.set(desired.identifier, desired);
    resolved.push(desired);
  }
  return { stages: problems.length > 0 ? [] : resolved, problems: sortProblems(problems) };
}
