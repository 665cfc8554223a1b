/**
 * `stage-sync import`: reads one API's live stages through Cloud Control (a REST API's
 * `AWS::ApiGateway::Stage`s, or an HTTP or WebSocket API's `AWS::ApiGatewayV2::Stage`s) and writes
 * the spec file that declares them (src/import/import-stages.ts makes the text). Reads only: it
 * never writes to AWS. Notes go to stderr, so the file printed on stdout can be redirected as it is.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createCloudControlPort } from '../aws/cloud-control-client.ts';
import { readStages } from '../aws/read-stages.ts';
import { ignoreChangesShapeProblems, ignoredPathProblems } from '../desired/check-settings.ts';
import { parseFile } from '../desired/parse-spec-file.ts';
import { findApiById, findApiByName, ImportError } from '../import/find-api.ts';
import { importStages } from '../import/import-stages.ts';
import { isJsonObject } from '../model/json.ts';
import { STAGE_TYPES, type StageType } from '../stage-types/index.ts';
import { DEFAULT_SPEC_PATTERNS, readSpecFiles } from '../workspace/spec-files.ts';
import type { CliIo } from './cli-io.ts';
import type { ImportValues } from './parse-command-line.ts';
import { resolveRepository } from './repository.ts';

/** A mistake in the command line found after parsing: exit 2, like a parse error. */
export class ImportUsageError extends Error {}

export { ImportError };

/**
 * The flags that name the API, two per stage type: its id (`--rest-api-id`, `--api-id`) or its
 * name (`--rest-api`, `--api`, the spec key that names it: src/stage-types/ `apiNameKey`).
 */
interface ApiFlag {
  readonly type: StageType;
  readonly by: 'id' | 'name';
  readonly flag: keyof ImportValues & `${StageType['apiNameKey']}${'' | '-id'}`;
}

/** The flag that names `type`'s API by its id. */
const idFlagOf = (type: StageType) => `${type.apiNameKey}-id` as const;

const API_FLAGS: readonly ApiFlag[] = STAGE_TYPES.flatMap((type): ApiFlag[] => [
  { type, by: 'id', flag: idFlagOf(type) },
  { type, by: 'name', flag: type.apiNameKey },
]);

/** The one API flag given, with its value. */
function apiFlagOf(values: ImportValues): ApiFlag & { readonly value: string } {
  const given = API_FLAGS.filter((option) => values[option.flag] !== undefined);
  const [only] = given;
  if (only && given.length === 1) return { ...only, value: values[only.flag] as string };
  if (given.length === 0) {
    const choices = STAGE_TYPES.map(
      (type) => `--${idFlagOf(type)} ID or --${type.apiNameKey} NAME (${type.apiLabel})`,
    );
    throw new ImportUsageError(`import needs the API: ${choices.join(', ')}`);
  }
  const flags = given.map((option) => `--${option.flag}`);
  throw new ImportUsageError(
    given.length === 2
      ? `give ${flags.join(' or ')}, not both`
      : `give only one of ${flags.slice(0, -1).join(', ')} and ${flags.at(-1)}`,
  );
}

/**
 * The loader's own checks of an `ignore-changes:` list (src/desired/check-settings.ts), so the
 * command never writes a list the loader would refuse: distinct paths, none the identifier, each a
 * path of `type`'s stages (nested paths too).
 */
function checkIgnoreChanges(properties: readonly string[], type: StageType): void {
  const [problem] = [
    ...ignoreChangesShapeProblems(properties),
    ...ignoredPathProblems(properties, { type }),
  ];
  if (problem) throw new ImportUsageError(`--ignore-changes: ${problem.message}`);
}

/**
 * The logical names the spec files under the default patterns declare, so the imported ones
 * avoid them (names are unique across files). Best effort: a file that does not parse declares
 * nothing here, and the plan reports it anyway.
 */
async function declaredNames(cwd: string): Promise<string[]> {
  let files;
  try {
    files = await readSpecFiles(cwd, DEFAULT_SPEC_PATTERNS);
  } catch {
    return []; // no spec files yet
  }
  return files.flatMap((file) => {
    // The loader's own parse, bounded as it is (alias expansion, file size); problems are the plan's.
    const stages = parseFile(file, () => undefined)?.root['stages'];
    return isJsonObject(stages) ? Object.keys(stages) : [];
  });
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
  const apiFlag = apiFlagOf(values);
  const { type } = apiFlag;
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ImportUsageError(
      `--concurrency must be a whole number of at least 1, got ${values.concurrency}`,
    );
  }
  const ignoreChanges = values['ignore-changes'] ?? [];
  checkIgnoreChanges(ignoreChanges, type);
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
  const api =
    apiFlag.by === 'id'
      ? await findApiById(port, type, apiFlag.value, where)
      : await findApiByName(port, type, apiFlag.value, where, `--${idFlagOf(type)}`);
  const listed = await port.listResources(type.typeName, { [type.apiIdProperty]: api.id });
  const live = await readStages(
    port,
    listed.map((stage) => ({ identifier: stage.identifier, type: type.typeName })),
    concurrency,
  );
  const repository = resolveRepository(values.repository, io.env);
  const result = importStages({
    type: type.typeName,
    live: [...live.values()],
    apiId: api.id,
    apiKind: api.kind,
    ...(api.name ? { apiName: api.name } : {}),
    ...(values.stage ? { stageNames: values.stage } : {}),
    ...(repository ? { repository } : {}),
    ignoreChanges,
    ...(region ? { region } : {}),
    declaredNames: await declaredNames(io.cwd),
  });
  const apiWords = `${api.kind} ${api.name && api.name !== api.id ? `${api.id} (${api.name})` : api.id}`;
  if (result.missing.length > 0) {
    const present = [...live.values()].map((stage) => String(stage.properties.StageName)).sort();
    throw new ImportError(
      `${apiWords} has no stage ${result.missing.join(', ')}` +
        (present.length > 0 ? ` (its stages: ${present.join(', ')})` : ' (it has no stages)'),
    );
  }
  for (const skipped of result.skipped) {
    io.stderr(`Skipped stage ${skipped.stageName}: ${skipped.reason}.\n`);
  }
  if (result.imported.length === 0) {
    throw new ImportError(
      live.size === 0
        ? `${apiWords} has no stages to import`
        : `no stage of ${apiWords} was imported`,
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
    `${out ? `Wrote ${values.out}` : 'Imported'}: ${count} stage${count === 1 ? '' : 's'} of ${apiWords}: ${result.imported.map((stage) => stage.name).join(', ')}. ${adopting}\n`,
  );
  return 0;
}
