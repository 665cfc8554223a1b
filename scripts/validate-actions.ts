/**
 * Validates `action.yml`, every workflow under `.github/workflows/` and the workflows the README
 * shows against the published schemas (SchemaStore's `github-action.json` and
 * `github-workflow.json`, which `@action-validator/cli` carries). Run by `npm run lint`.
 *
 * The CLI takes one path per call and picks the schema from the file name (`action.yml` gets the
 * action schema, anything else the workflow schema), so each file is validated by its own call,
 * and README blocks are written to temporary files first.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'node_modules/@action-validator/cli/cli.mjs');

/**
 * `runs.using` values that GitHub runs but that @action-validator 0.6.0's copy of the action
 * schema does not list yet, each with the newest value that copy accepts. 0.6.0 vendors an
 * enum of `node12`, `node16`, `node20`; GitHub added `node24`
 * (https://docs.github.com/actions/reference/workflows-and-actions/metadata-syntax#runsusing-for-javascript-actions,
 * and SchemaStore's current schema lists it:
 * https://github.com/SchemaStore/schemastore/blob/master/src/schemas/json/github-action.json).
 * Only this one key's value is substituted, on the same line, so every other property and every
 * reported line number is that of the real file.
 */
export const NEWER_RUNTIMES: Readonly<Record<string, string>> = { node24: 'node20' };

/** A file to validate: where it came from (for messages) and its text. */
export interface Candidate {
  readonly label: string;
  /** `action.yml` or a workflow's file name: the CLI chooses the schema by it. */
  readonly fileName: string;
  readonly text: string;
}

/**
 * action.yml with a `runs.using` that the validator predates replaced by one it knows.
 * Throws if the key cannot be found on its own line, so the substitution never goes unnoticed.
 */
export function actionForValidator(text: string): string {
  const using = (load(text) as { runs?: { using?: unknown } }).runs?.using;
  if (typeof using !== 'string' || !(using in NEWER_RUNTIMES)) return text;
  const line = new RegExp(`^(\\s+using:\\s*)(['"]?)${using}\\2(\\s*(?:#.*)?)$`, 'm');
  if (!line.test(text))
    throw new Error(`action.yml: runs.using: ${using} is not on a line of its own`);
  return text.replace(line, `$1$2${NEWER_RUNTIMES[using]}$2$3`);
}

/** README code blocks that are whole workflows: ```yaml blocks opening with `# .github/workflows/X.yml`. */
export function readmeWorkflows(readme: string): Candidate[] {
  const blocks = readme.matchAll(
    /```yaml\n(# \.github\/workflows\/([\w.-]+\.ya?ml)[^\n]*\n[\s\S]*?)```/g,
  );
  return [...blocks].map(([, text = '', fileName = '']) => ({
    label: `README.md (${fileName})`,
    fileName,
    text,
  }));
}

export function candidates(root: string = ROOT): Candidate[] {
  const workflowsDir = join(root, '.github/workflows');
  const workflows = readdirSync(workflowsDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({
      label: relative(root, join(workflowsDir, name)),
      fileName: name,
      text: readFileSync(join(workflowsDir, name), 'utf8'),
    }));
  const action = readFileSync(join(root, 'action.yml'), 'utf8');
  return [
    { label: 'action.yml', fileName: 'action.yml', text: actionForValidator(action) },
    ...workflows,
    ...readmeWorkflows(readFileSync(join(root, 'README.md'), 'utf8')),
  ];
}

export interface Verdict {
  readonly label: string;
  readonly ok: boolean;
  readonly report: string;
}

/** Runs the validator CLI on each candidate, from a temporary copy named as the CLI expects. */
export function validate(files: readonly Candidate[]): Verdict[] {
  const scratch = mkdtempSync(join(tmpdir(), 'validate-actions-'));
  try {
    return files.map((file, index) => {
      const dir = join(scratch, String(index));
      const path = join(dir, file.fileName);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, file.text);
      const run = spawnSync(process.execPath, [CLI, path], { encoding: 'utf8' });
      return {
        label: file.label,
        ok: run.status === 0,
        report: `${run.stdout}${run.stderr}`.trim(),
      };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const verdicts = validate(candidates());
  for (const verdict of verdicts) {
    console.log(`${verdict.ok ? 'ok  ' : 'FAIL'} ${verdict.label}`);
    if (!verdict.ok) console.log(verdict.report);
  }
  if (verdicts.some((verdict) => !verdict.ok)) process.exitCode = 1;
}
