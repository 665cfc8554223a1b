/**
 * `stage-sync import`: reads one REST API's live stages through Cloud Control and writes the spec
 * file that declares them (src/import/import-stages.ts makes the text). Reads only: it never
 * writes to AWS. Notes go to stderr, so the file printed on stdout can be redirected as it is.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createCloudControlPort } from '../aws/cloud-control-client.ts';
import type { CloudControlPort, ResourceDescription } from '../aws/cloud-control-port.ts';
import { readStages } from '../aws/read-stages.ts';
import { closestName } from '../desired/closest-name.ts';
import { importStages } from '../import/import-stages.ts';
import { STAGE_TYPE_NAME } from '../model/stage.ts';
import { IGNORABLE_PATHS } from '../schema/spec-settings.ts';
import type { CliIo } from './cli-io.ts';
import type { ImportValues } from './parse-command-line.ts';
import { resolveRepository } from './repository.ts';

const REST_API_TYPE_NAME = 'AWS::ApiGateway::RestApi';

/** A mistake in the command line found after parsing: exit 2, like a parse error. */
export class ImportUsageError extends Error {}

/** A problem with what AWS holds (no such API or stage): exit 1. */
export class ImportError extends Error {}

interface RestApi {
  readonly id: string;
  readonly name?: string;
}

const nameOf = (description: ResourceDescription): string | undefined =>
  typeof description.properties.Name === 'string' ? description.properties.Name : undefined;

async function restApiById(port: CloudControlPort, id: string, region: string): Promise<RestApi> {
  const found = await port.getResource(REST_API_TYPE_NAME, id);
  if (!found) throw new ImportError(`there is no REST API ${id} in ${region}`);
  const name = nameOf(found);
  return name ? { id, name } : { id };
}

async function restApiByName(
  port: CloudControlPort,
  name: string,
  region: string,
): Promise<RestApi> {
  const listed = await port.listResources(REST_API_TYPE_NAME);
  // A list handler may return identifiers only; read those in full for their names.
  const apis = await Promise.all(
    listed.map(async (api) => ({
      id: api.identifier,
      name:
        nameOf(api) ?? nameOf((await port.getResource(REST_API_TYPE_NAME, api.identifier)) ?? api),
    })),
  );
  const matches = apis.filter((api) => api.name === name);
  if (matches.length === 1) return matches[0] as RestApi;
  if (matches.length > 1) {
    throw new ImportError(
      `${matches.length} REST APIs in ${region} are named ${name} (${matches.map((api) => api.id).join(', ')}); pass --rest-api-id`,
    );
  }
  const names = apis.map((api) => api.name).filter((n): n is string => n !== undefined);
  const suggestion = closestName(name, names);
  throw new ImportError(
    `there is no REST API named ${name} in ${region}` +
      (suggestion
        ? `; did you mean ${suggestion}?`
        : names.length === 0
          ? ' (it has no REST APIs)'
          : ''),
  );
}

/** What the loader accepts in `ignore-changes:` (src/schema/spec-settings.ts), nested paths too. */
function checkIgnoreChanges(properties: readonly string[]): void {
  for (const property of properties) {
    if (IGNORABLE_PATHS.includes(property)) continue;
    const suggestion = closestName(property, IGNORABLE_PATHS);
    throw new ImportUsageError(
      `--ignore-changes ${property} is not a stage property${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    );
  }
}

export interface ImportDependencies {
  readonly makePort?: typeof createCloudControlPort;
}

/** Runs the command; the exit code. Throws CloudControlError for AWS and network failures. */
export async function runImport(
  values: ImportValues,
  io: CliIo,
  dependencies: ImportDependencies = {},
): Promise<number> {
  const byId = values['rest-api-id'];
  const byName = values['rest-api'];
  if ((byId === undefined) === (byName === undefined)) {
    throw new ImportUsageError(
      byId === undefined
        ? 'import needs the REST API: --rest-api-id ID or --rest-api NAME'
        : 'give --rest-api-id or --rest-api, not both',
    );
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ImportUsageError(
      `--concurrency must be a whole number of at least 1, got ${values.concurrency}`,
    );
  }
  const ignoreChanges = values['ignore-changes'] ?? [];
  checkIgnoreChanges(ignoreChanges);
  const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
  if (out && existsSync(out)) {
    throw new ImportUsageError(`${values.out} already exists; choose another --out or remove it`);
  }

  const region = values.region ?? io.env.AWS_REGION;
  const where = region ?? 'the default region';
  const port = (dependencies.makePort ?? createCloudControlPort)({
    ...(region ? { region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });
  const api = byId
    ? await restApiById(port, byId, where)
    : await restApiByName(port, byName as string, where);
  const listed = await port.listResources(STAGE_TYPE_NAME, { RestApiId: api.id });
  const live = await readStages(
    port,
    listed.map((stage) => ({ identifier: stage.identifier })),
    concurrency,
  );
  const repository = resolveRepository(values.repository, io.env);
  const result = importStages({
    live: [...live.values()],
    restApiId: api.id,
    ...(api.name ? { apiName: api.name } : {}),
    ...(values.stage ? { stageNames: values.stage } : {}),
    ...(repository ? { repository } : {}),
    ignoreChanges,
    ...(region ? { region } : {}),
  });
  const apiWords = api.name && api.name !== api.id ? `${api.id} (${api.name})` : api.id;
  if (result.missing.length > 0) {
    const present = [...live.values()].map((stage) => String(stage.properties.StageName)).sort();
    throw new ImportError(
      `REST API ${apiWords} has no stage ${result.missing.join(', ')}` +
        (present.length > 0 ? ` (its stages: ${present.join(', ')})` : ' (it has no stages)'),
    );
  }
  for (const skipped of result.skipped) {
    io.stderr(
      `Skipped stage ${skipped.stageName}: stage-sync:managed-by says ${skipped.managedBy} manages it (import it anyway with --stage ${skipped.stageName}).\n`,
    );
  }
  if (result.imported.length === 0) {
    throw new ImportError(
      live.size === 0
        ? `REST API ${apiWords} has no stages to import`
        : `no stage of REST API ${apiWords} was imported`,
    );
  }
  if (out) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, result.text, { flag: 'wx' });
  } else {
    io.stdout(result.text);
  }
  const count = result.imported.length;
  const adopting =
    result.adopting === 0
      ? 'A plan of it shows no changes: this repository already manages them.'
      : `Its first plan adopts ${result.adopting === 1 ? '1 stage' : `${result.adopting} stages`}: the only change is the stage-sync:managed-by tag.`;
  io.stderr(
    `${out ? `Wrote ${values.out}` : 'Imported'}: ${count} stage${count === 1 ? '' : 's'} of REST API ${apiWords}: ${result.imported.map((stage) => stage.name).join(', ')}. ${adopting}\n`,
  );
  return 0;
}
