/**
 * `rest-api: payments-api` -> `RestApiId`. A REST API's id is random and differs per account and
 * region; its name is what people share. Cloud Control lists `AWS::ApiGateway::RestApi` with each
 * API's model, `Name` included (the RestApi read model: hashicorp/terraform-provider-awscc
 * `internal/service/cloudformation/schemas/AWS_ApiGateway_RestApi.json`), following every page.
 * API Gateway does not make names unique, so a name that matches no API or more than one is a
 * problem at the spec's line, naming the candidates' ids, and nothing is planned.
 */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import { resolvedStage, type SpecStage } from '../desired/spec-stage.ts';
import type { SpecProblem } from '../desired/spec-problem.ts';
import { sortProblems } from '../desired/spec-problem.ts';
import type { DesiredStage } from '../model/stage.ts';

export const REST_API_TYPE_NAME = 'AWS::ApiGateway::RestApi';

/** One REST API as the listing shows it. */
export interface RestApiSummary {
  readonly id: string;
  readonly name: string | undefined;
}

/** How many ids a "no such name" problem lists, so a big account cannot flood an annotation. */
const MAX_LISTED_CANDIDATES = 10;

/** Lists the region's REST APIs at most once, on first use (a run that names none lists none). */
export function restApiListing(port: CloudControlPort): () => Promise<readonly RestApiSummary[]> {
  let listing: Promise<readonly RestApiSummary[]> | undefined;
  return () => {
    listing ??= port.listResources(REST_API_TYPE_NAME).then((apis) =>
      apis.map((api) => ({
        id: api.identifier,
        name: typeof api.properties.Name === 'string' ? api.properties.Name : undefined,
      })),
    );
    return listing;
  };
}

export interface ResolvedStages {
  readonly stages: readonly DesiredStage[];
  readonly problems: readonly SpecProblem[];
}

const listed = (apis: readonly RestApiSummary[]): string => {
  const shown = apis
    .slice(0, MAX_LISTED_CANDIDATES)
    .map((api) => `${api.id} (${api.name === undefined ? 'no name' : JSON.stringify(api.name)})`);
  const more = apis.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
};

/** Why `name` does not name exactly one of `apis`; `undefined` when it does. */
export function nameProblem(
  name: string,
  apis: readonly RestApiSummary[],
  stageName: string,
): string | undefined {
  const matches = apis.filter((api) => api.name === name);
  if (matches.length === 1) return undefined;
  if (matches.length > 1)
    return `stage ${stageName}: rest-api ${JSON.stringify(name)} is ambiguous: ${matches.length} REST APIs have that name (${matches.map((api) => api.id).join(', ')}); give RestApiId instead, or rename one of them`;
  const candidates = apis.length === 0 ? 'there are none' : `there are ${listed(apis)}`;
  return `stage ${stageName}: no REST API is named ${JSON.stringify(name)} in this account and region (${candidates}); check the name, or give RestApiId`;
}

/**
 * Each stage with its REST API id: from `RestApiId`, or from the one API of that name. Problems
 * (no match, several, two specs that turn out to declare the same stage) are at the spec's lines.
 */
export async function resolveRestApis(
  stages: readonly SpecStage[],
  listApis: () => Promise<readonly RestApiSummary[]>,
): Promise<ResolvedStages> {
  const needsListing = stages.some((stage) => stage.restApi.by === 'name');
  const apis = needsListing ? await listApis() : [];
  const problems: SpecProblem[] = [];
  const resolved: DesiredStage[] = [];
  const byIdentifier = new Map<string, DesiredStage>();
  for (const stage of stages) {
    const { restApi } = stage;
    let id: string;
    if (restApi.by === 'id') id = restApi.id;
    else {
      const problem = nameProblem(restApi.name, apis, stage.name);
      if (problem) {
        problems.push({ ...restApi.at, property: 'rest-api', message: problem });
        continue;
      }
      id = (apis.find((api) => api.name === restApi.name) as RestApiSummary).id;
    }
    const desired = resolvedStage(stage, id);
    const same = byIdentifier.get(desired.identifier);
    if (same) {
      problems.push({
        ...stage.source,
        message: `stage ${stage.name} declares ${desired.identifier} (RestApiId|StageName), already declared as ${same.name} at ${same.source.file}:${same.source.line}; one spec per stage`,
      });
      continue;
    }
    byIdentifier.set(desired.identifier, desired);
    resolved.push(desired);
  }
  return { stages: problems.length > 0 ? [] : resolved, problems: sortProblems(problems) };
}
