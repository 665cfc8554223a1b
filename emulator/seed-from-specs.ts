/**
 * `--seed-from DIR`: the REST APIs and deployments that stage-sync spec files name, so that the
 * emulator can accept the stages those specs declare (AWS requires the REST API and the
 * deployment to exist before a stage is created). Reads the files as a user writes them: a
 * stage's `RestApiId` (or the REST API's name, `rest-api:`), `DeploymentId` and
 * `CanarySetting.DeploymentId`, each from the stage or from the file's `defaults:`. The emulator does not import the product (lint forbids it), so
 * this is its own small reading of the spec format (README "Spec files").
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { CliUsageError, type SeedRestApiArg } from './cli-args.ts';

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The id a REST API named by a spec (`rest-api: NAME`) is seeded with: 10 lowercase characters,
 * as API Gateway's ids are, the same for the same name on every run.
 */
export function idForName(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 10);
}

export interface SpecSeeds {
  readonly restApis: SeedRestApiArg[];
  /** Files that could not be read as specs, with why; the others still seed. */
  readonly skipped: string[];
}

/** The REST APIs (with their deployments) that `files` name, sorted by id. Pure. */
export function seedsFromSpecTexts(
  files: readonly { readonly path: string; readonly text: string }[],
): SpecSeeds {
  const deployments = new Map<string, Set<string>>();
  const names = new Map<string, string>();
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
    for (const own of Object.values(root.stages)) {
      if (!isMapping(own)) continue;
      // A stage's own RestApiId or `rest-api:` replaces the default's either (README "Spec files").
      const ownApi = 'RestApiId' in own || 'rest-api' in own;
      const stage = ownApi
        ? { ...defaults, RestApiId: undefined, 'rest-api': undefined, ...own }
        : { ...defaults, ...own };
      const apiName = text(stage['rest-api']);
      const restApiId = text(stage.RestApiId) ?? (apiName ? idForName(apiName) : undefined);
      if (!restApiId) continue;
      if (apiName && !text(stage.RestApiId)) names.set(restApiId, apiName);
      const ids = deployments.get(restApiId) ?? new Set<string>();
      deployments.set(restApiId, ids);
      const canary = isMapping(stage.CanarySetting) ? stage.CanarySetting : {};
      for (const id of [text(stage.DeploymentId), text(canary.DeploymentId)]) if (id) ids.add(id);
    }
  }
  const restApis = [...deployments.keys()].sort().map((restApiId) => ({
    restApiId,
    ...(names.has(restApiId) ? { name: names.get(restApiId) as string } : {}),
    deploymentIds: [...(deployments.get(restApiId) ?? [])].sort(),
  }));
  return { restApis, skipped };
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
