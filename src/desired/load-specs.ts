/**
 * specs (file text) -> desired stages. Pure: the caller reads the files. Every problem in every
 * file is collected, so one run shows them all; a caller must not plan with any problem present.
 */
import { decodeResourcePath, methodSettingKey } from '../model/resource-path.ts';
import { stageIdentifier, type SourceLocation } from '../model/stage.ts';
import { revealInvisible } from '../render/escape.ts';
import {
  IGNORABLE_PATHS,
  IGNORE_CHANGES_KEY,
  isSettingKey,
  REST_API_KEY,
  SPEC_SETTINGS,
} from '../schema/spec-settings.ts';
import { STAGE_SCHEMA } from '../schema/stage-schema.ts';
import { closestName } from './closest-name.ts';
import { boundProblems } from './bound-problems.ts';
import { MAX_PROBLEM_MESSAGE_CHARS } from './limits.ts';
import { mergeDefaults, propertyOrigin } from './merge-defaults.ts';
import { sortProblems, type SpecProblem } from './spec-problem.ts';
import type { SpecRestApi, SpecStage } from './spec-stage.ts';
import { describePath, validateAgainstSchema } from './validate-schema.ts';
import {
  parseYamlDocument,
  YamlSyntaxError,
  type ValuePath,
  type YamlDocument,
} from './yaml-document.ts';

export interface SpecFile {
  /** Path relative to the workspace, as annotations show it. */
  readonly path: string;
  readonly text: string;
  /** Why the file was not read (a link out of the workspace, a device, too large): its one problem. */
  readonly unreadable?: string;
}

export interface LoadedSpecs {
  /** The declared stages; a stage that names its REST API by `rest-api:` is resolved by the engine. */
  readonly stages: readonly SpecStage[];
  /** Problems to show: at most MAX_PROBLEMS_PER_FILE per file and MAX_PROBLEMS_PER_RUN in all, each bound ending in a problem that counts the rest. */
  readonly problems: readonly SpecProblem[];
  /** Every problem found, shown or not: for "N problem(s) in the specs". */
  readonly problemCount: number;
}

const TOP_LEVEL_KEYS = ['defaults', 'stages'];
/** Rejected wherever it appears; see checkReservedKeys. */
const RESERVED_KEY = '__proto__';
const REQUIRED_FOR_IDENTITY = ['RestApiId', 'StageName'];
const SETTING_NAMES = Object.keys(SPEC_SETTINGS);
const PROPERTY_NAMES = Object.keys(STAGE_SCHEMA.properties ?? {});

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems for one file, locating each in the YAML source. */
class FileReport {
  readonly problems: SpecProblem[] = [];
  readonly file: string;
  readonly document: YamlDocument | undefined;
  constructor(file: string, document?: YamlDocument) {
    this.file = file;
    this.document = document;
  }

  at(path: ValuePath, at: 'key' | 'value' = 'value'): SourceLocation {
    const position = this.document?.locate(path, at) ?? { line: 1, column: 1 };
    return { file: this.file, ...position };
  }

  add(
    message: string,
    path: ValuePath = [],
    at: 'key' | 'value' = 'value',
    property?: string,
  ): void {
    this.problems.push({
      ...this.at(path, at),
      message: shownText(message),
      ...(property ? { property: shownText(property) } : {}),
    });
  }
}

/**
 * Messages quote what the spec holds (keys, names, values): invisible characters are shown as
 * escapes, so a U+202E in a key cannot reorder the annotation, and a huge key is cut.
 */
function shownText(text: string): string {
  const revealed = revealInvisible(text);
  return revealed.length > MAX_PROBLEM_MESSAGE_CHARS
    ? `${revealed.slice(0, MAX_PROBLEM_MESSAGE_CHARS - 1)}…`
    : revealed;
}

/**
 * `__proto__` is no property of a stage and no stage variable name; in JavaScript it names an
 * object's prototype, so anything built from the spec by plain assignment would drop it
 * silently. Every one is reported at its key.
 */
function checkReservedKeys(report: FileReport, value: unknown, path: ValuePath = []): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkReservedKeys(report, item, [...path, index]));
    return;
  }
  if (!isMapping(value)) return;
  for (const key of Object.keys(value)) {
    const childPath = [...path, key];
    if (key === RESERVED_KEY) {
      // Name it as the other problems do: `stage S: Variables.__proto__`, `defaults: ...`.
      const inStage = childPath[0] === 'stages' && childPath.length > 2;
      const owner = inStage
        ? `stage ${String(childPath[1])}: `
        : childPath[0] === 'defaults'
          ? 'defaults: '
          : '';
      const property = describePath(childPath.slice(inStage ? 2 : owner ? 1 : 0));
      report.add(
        `${owner}\`__proto__\` cannot be used as a key in a spec (not as a stage property, not as a variable name): JavaScript reserves it`,
        childPath,
        'key',
        property,
      );
      continue;
    }
    checkReservedKeys(report, value[key], childPath);
  }
}

/** Whether the text is a text file at all (a NUL byte or undecodable bytes mean it is not). */
function looksBinary(text: string): boolean {
  return text.includes('\u0000') || text.includes('\uFFFD');
}

function parseFile(
  file: SpecFile,
  report: (r: FileReport) => void,
): { document: YamlDocument; root: Mapping } | undefined {
  if (file.unreadable !== undefined) {
    report(withProblem(file.path, file.unreadable));
    return undefined;
  }
  if (looksBinary(file.text)) {
    report(withProblem(file.path, 'this is not a YAML text file (it contains binary data)'));
    return undefined;
  }
  let document: YamlDocument;
  try {
    document = parseYamlDocument(file.text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const fileReport = new FileReport(file.path);
    fileReport.problems.push({
      file: file.path,
      ...error.position,
      message: shownText(error.message),
    });
    report(fileReport);
    return undefined;
  }
  if (document.value === undefined) {
    report(withProblem(file.path, 'the file is empty; a spec file needs a `stages:` mapping'));
    return undefined;
  }
  if (!isMapping(document.value)) {
    const fileReport = new FileReport(file.path, document);
    fileReport.add('the top level must be a mapping with `stages:` (and optionally `defaults:`)');
    report(fileReport);
    return undefined;
  }
  return { document, root: document.value };
}

function withProblem(file: string, message: string): FileReport {
  const fileReport = new FileReport(file);
  fileReport.add(message);
  return fileReport;
}

interface DeclaredStage {
  readonly valid: boolean;
  readonly stage: SpecStage;
  /** `RestApiId|StageName`, or `rest-api NAME|StageName` before a name is resolved. */
  readonly identity: string;
  readonly report: FileReport;
  readonly path: ValuePath;
}

/** A mapping split by the spec rule: lowercase keys are stage-sync's settings, the rest properties. */
function splitKeys(value: Mapping): { settings: Mapping; properties: Mapping } {
  const settings: Mapping = {};
  const properties: Mapping = {};
  for (const [key, child] of Object.entries(value))
    (isSettingKey(key) ? settings : properties)[key] = child;
  return { settings, properties };
}

/** Checks stage-sync's own settings of one stage (or the defaults): known names, valid values. */
function checkSettings(
  report: FileReport,
  settings: Mapping,
  path: ValuePath,
  owner: string,
): void {
  for (const [key, value] of Object.entries(settings)) {
    if (key === RESERVED_KEY) continue;
    const at = [...path, key];
    if (!SETTING_NAMES.includes(key)) {
      const setting = closestName(key, SETTING_NAMES);
      const property = closestName(key, PROPERTY_NAMES);
      const hint = setting
        ? `did you mean \`${setting}\`?`
        : property
          ? `did you mean the property ${property}? Properties are spelled as CloudFormation spells them`
          : `stage-sync's own settings are ${SETTING_NAMES.map((name) => `\`${name}\``).join(' and ')}; properties are spelled as CloudFormation spells them`;
      report.add(
        `${owner}: \`${key}\` is not a stage-sync setting (lowercase keys are stage-sync's own); ${hint}`,
        at,
        'key',
        key,
      );
      continue;
    }
    if (key === REST_API_KEY && (typeof value !== 'string' || value === '')) {
      report.add(
        `${owner}: \`${REST_API_KEY}\` must be the REST API's name, a non-empty string`,
        at,
        'value',
        key,
      );
    }
    if (key === IGNORE_CHANGES_KEY) checkIgnoreChanges(report, value, at, owner);
  }
}

function checkIgnoreChanges(
  report: FileReport,
  value: unknown,
  at: ValuePath,
  owner: string,
): void {
  if (!Array.isArray(value)) {
    report.add(
      `${owner}: \`${IGNORE_CHANGES_KEY}\` must be a list of property paths, such as [DeploymentId, CanarySetting.DeploymentId]`,
      at,
      'value',
      IGNORE_CHANGES_KEY,
    );
    return;
  }
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    const where = [...at, index];
    if (typeof entry !== 'string') {
      report.add(
        `${owner}: ${IGNORE_CHANGES_KEY}[${index}] must be a property path (a string)`,
        where,
        'value',
        IGNORE_CHANGES_KEY,
      );
    } else if (REQUIRED_FOR_IDENTITY.includes(entry)) {
      report.add(
        `${owner}: ${IGNORE_CHANGES_KEY} cannot name ${entry}: it is part of the stage's identifier (RestApiId|StageName), so it names the stage rather than a property of it`,
        where,
        'value',
        IGNORE_CHANGES_KEY,
      );
    } else if (!IGNORABLE_PATHS.includes(entry)) {
      const suggestion = closestName(entry, IGNORABLE_PATHS);
      report.add(
        `${owner}: ${IGNORE_CHANGES_KEY} names ${entry}, which is not a property of a stage${suggestion ? `; did you mean ${suggestion}?` : ''}`,
        where,
        'value',
        IGNORE_CHANGES_KEY,
      );
    } else if (seen.has(entry)) {
      report.add(
        `${owner}: ${IGNORE_CHANGES_KEY} lists ${entry} twice`,
        where,
        'value',
        IGNORE_CHANGES_KEY,
      );
    }
    if (typeof entry === 'string') seen.add(entry);
  });
}

/** Checks one stage's (or the defaults') own properties against the schema; partial by design. */
function checkProperties(report: FileReport, value: Mapping, path: ValuePath, owner: string): void {
  const { settings, properties } = splitKeys(value);
  checkSettings(report, settings, path, owner);
  if (REST_API_KEY in settings && 'RestApiId' in properties) {
    report.add(
      `${owner}: gives both RestApiId and \`${REST_API_KEY}\`; name the REST API one way, by id or by name`,
      [...path, REST_API_KEY],
      'key',
      REST_API_KEY,
    );
  }
  for (const problem of validateAgainstSchema(properties, STAGE_SCHEMA, { partialRoot: true })) {
    report.add(
      `${owner}: ${problem.message}`,
      [...path, ...problem.path],
      problem.at,
      describePath(problem.path) || undefined,
    );
  }
}

/** Rules that span several properties: one method setting per path+method, one tag per key. */
function checkUniqueEntries(
  report: FileReport,
  stageName: string,
  merged: Mapping,
  own: Mapping,
  defaultsPath: ValuePath,
): void {
  const stagePath = ['stages', stageName];
  const unique = (
    property: string,
    keyOf: (entry: Mapping) => string | undefined,
    what: (key: string) => string,
  ): void => {
    const entries = merged[property];
    if (!Array.isArray(entries)) return;
    const base = propertyOrigin(property, own) === 'stage' ? stagePath : defaultsPath;
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      if (!isMapping(entry)) return;
      const key = keyOf(entry);
      if (key === undefined) return;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
        return;
      }
      const property_ = `${property}[${index}]`;
      report.add(
        `stage ${stageName}: ${property_} repeats ${what(key)} already set by ${property}[${first}]; merge them into one entry`,
        [...base, property, index],
        'value',
        property_,
      );
    });
  };
  unique(
    'MethodSettings',
    (entry) =>
      typeof entry.ResourcePath === 'string' && typeof entry.HttpMethod === 'string'
        ? methodSettingKey(entry.ResourcePath, entry.HttpMethod)
        : undefined,
    (key) => {
      const [resourcePath = '', httpMethod = ''] = key.split(' ');
      return `the method setting for ${httpMethod} ${decodeResourcePath(resourcePath)}`;
    },
  );
  // Only the stage's own list can repeat a key: merging with defaults already keys tags by Key.
  if (propertyOrigin('Tags', own) === 'stage') {
    unique(
      'Tags',
      (entry) => (typeof entry.Key === 'string' ? entry.Key : undefined),
      (key) => `the tag key ${JSON.stringify(key)}`,
    );
  }
}

function loadFile(file: SpecFile, reports: FileReport[]): DeclaredStage[] {
  const parsed = parseFile(file, (r) => reports.push(r));
  if (!parsed) return [];
  const { document, root } = parsed;
  const report = new FileReport(file.path, document);
  reports.push(report);
  checkReservedKeys(report, root);

  for (const key of Object.keys(root)) {
    if (TOP_LEVEL_KEYS.includes(key) || key === RESERVED_KEY) continue;
    const suggestion = closestName(key, TOP_LEVEL_KEYS);
    report.add(
      `\`${key}\` is not a spec file section; use \`stages:\` and optionally \`defaults:\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
      [key],
      'key',
    );
  }

  let defaults: Mapping = {};
  let defaultSettings: Mapping = {};
  if ('defaults' in root) {
    if (isMapping(root.defaults)) {
      ({ settings: defaultSettings, properties: defaults } = splitKeys(root.defaults));
      checkProperties(report, root.defaults, ['defaults'], 'defaults');
    } else {
      report.add(
        '`defaults:` must be a mapping of stage properties applied to every stage in this file',
        ['defaults'],
      );
    }
  }

  if (!('stages' in root)) {
    report.add(
      'the file has no `stages:` mapping; declare stages as `stages: { LogicalName: { StageName: ..., ... } }`',
    );
    return [];
  }
  if (!isMapping(root.stages)) {
    report.add("`stages:` must be a mapping from a logical name to the stage's properties", [
      'stages',
    ]);
    return [];
  }

  const declared: DeclaredStage[] = [];
  for (const [name, own] of Object.entries(root.stages)) {
    if (name === RESERVED_KEY) continue; // reported by checkReservedKeys; nothing more to say
    const path = ['stages', name];
    if (!isMapping(own)) {
      report.add(
        `stage ${name} must be a mapping of properties such as StageName and DeploymentId`,
        path,
      );
      continue;
    }
    const before = report.problems.length;
    checkProperties(report, own, path, `stage ${name}`);
    const { settings: ownSettings, properties: ownProperties } = splitKeys(own);
    // The REST API is one slot, by id or by name: a stage's own choice replaces the default's.
    const stageNamesApi = REST_API_KEY in ownSettings || 'RestApiId' in ownProperties;
    const apiDefaults: Mapping = { ...defaults };
    if (stageNamesApi) delete apiDefaults.RestApiId;
    const merged = mergeDefaults(apiDefaults, ownProperties);
    const settings = stageNamesApi
      ? { ...defaultSettings, [REST_API_KEY]: undefined, ...ownSettings }
      : { ...defaultSettings, ...ownSettings };
    const ignoreChanges = Array.isArray(settings[IGNORE_CHANGES_KEY])
      ? (settings[IGNORE_CHANGES_KEY] as unknown[]).filter(
          (entry): entry is string => typeof entry === 'string',
        )
      : [];
    const apiName = settings[REST_API_KEY];
    const byName = typeof apiName === 'string' && !('RestApiId' in merged);
    // A DeploymentId other tools own may be left out: only a create needs it (the engine says so).
    const requiredProperties = [
      'StageName',
      ...(ignoreChanges.includes('DeploymentId') ? [] : ['DeploymentId']),
    ];
    // A `rest-api:` that is no name has its own problem already.
    if (!byName && !('RestApiId' in merged) && apiName === undefined) {
      report.add(
        `stage ${name} is missing RestApiId, which is required (set it, or \`${REST_API_KEY}:\` with the API's name, on the stage or in \`defaults:\`)`,
        path,
        'key',
        'RestApiId',
      );
    }
    for (const required of requiredProperties) {
      if (!(required in merged)) {
        report.add(
          `stage ${name} is missing ${required}, which is required (set it on the stage or in \`defaults:\`)`,
          path,
          'key',
          required,
        );
      }
    }
    checkUniqueEntries(report, name, merged, ownProperties, ['defaults']);
    // A stage with problems still takes part in the uniqueness checks: every problem, one run.
    const restApiPath =
      REST_API_KEY in ownSettings ? [...path, REST_API_KEY] : ['defaults', REST_API_KEY];
    const restApi: SpecRestApi = byName
      ? { by: 'name', name: apiName, at: report.at(restApiPath) }
      : { by: 'id', id: String(merged.RestApiId ?? '') };
    const stageName = String(merged.StageName ?? '');
    declared.push({
      valid: report.problems.length === before,
      identity:
        restApi.by === 'id'
          ? stageIdentifier(restApi.id, stageName)
          : `${REST_API_KEY} ${restApi.name}|${stageName}`,
      stage: { name, restApi, properties: merged, ignoreChanges, source: report.at(path, 'key') },
      report,
      path,
    });
  }
  return declared;
}

/** Names and identities must be unique across every spec file: report the later one. */
function checkAcrossFiles(declared: readonly DeclaredStage[]): SpecStage[] {
  const byName = new Map<string, DeclaredStage>();
  const byIdentifier = new Map<string, DeclaredStage>();
  const stages: SpecStage[] = [];
  for (const entry of declared) {
    const { stage, report, path, identity } = entry;
    const where = (other: DeclaredStage): string =>
      `${other.stage.source.file}:${other.stage.source.line}`;
    const sameName = byName.get(stage.name);
    const hasIdentity =
      typeof stage.properties.StageName === 'string' &&
      (stage.restApi.by === 'name' || typeof stage.properties.RestApiId === 'string');
    const sameIdentity = hasIdentity ? byIdentifier.get(identity) : undefined;
    if (sameName) {
      report.add(
        `stage name ${stage.name} is already declared at ${where(sameName)}; logical names must be unique across all spec files`,
        path,
        'key',
      );
    } else if (sameIdentity) {
      report.add(
        `stage ${stage.name} declares ${identity} (RestApiId|StageName), already declared as ${sameIdentity.stage.name} at ${where(sameIdentity)}; one spec per stage`,
        path,
        'key',
      );
    } else {
      byName.set(stage.name, entry);
      if (hasIdentity) byIdentifier.set(identity, entry);
      if (entry.valid) stages.push(stage);
    }
  }
  return stages;
}

/** Loads every spec file: the stages they declare and every problem found, in reading order. */
export function loadSpecs(files: readonly SpecFile[]): LoadedSpecs {
  const reports: FileReport[] = [];
  const declared = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .flatMap((file) => loadFile(file, reports));
  const stages = checkAcrossFiles(declared);
  const found = sortProblems(reports.flatMap((report) => report.problems));
  return {
    stages: found.length ? [] : stages,
    problems: boundProblems(found),
    problemCount: found.length,
  };
}
