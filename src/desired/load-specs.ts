/**
 * specs (file text) -> desired stages. Pure: the caller reads the files. Every problem in every
 * file is collected, so one run shows them all; a caller must not plan with any problem present.
 *
 * Each stage has a type (src/stage-types/): its own `type:`, else the defaults', else
 * AWS::ApiGateway::Stage. Its settings and properties are checked against that type; the defaults
 * against the type of each stage that takes them (check-defaults.ts).
 */
import { stageIdentifier } from '../model/stage.ts';
import { API_NAME_KEYS, IGNORE_CHANGES_KEY, TYPE_KEY } from '../schema/spec-settings.ts';
import { DEFAULT_STAGE_TYPE, STAGE_TYPES, type StageType } from '../stage-types/index.ts';
import { boundProblems } from './bound-problems.ts';
import { defaultsProblems, type DefaultsTaker } from './check-defaults.ts';
import { propertyProblems } from './check-properties.ts';
import {
  apiNameTypeProblem,
  apiNameValueProblem,
  ignoreChangesShapeProblems,
  ignoredPathProblems,
  RESERVED_KEY,
  typeFromSetting,
  typeProblem,
  unknownSettings,
} from './check-settings.ts';
import { closestName } from './closest-name.ts';
import { FileReport, type FoundProblem } from './file-report.ts';
import { mergeDefaults, propertyOrigin } from './merge-defaults.ts';
import { isJsonObject } from '../model/json.ts';
import { tagEntries } from '../model/tags.ts';
import { DECLARABLE_TAG_LIMIT } from '../schema/stage-schema.ts';
import { MAX_DECLARED_CHARS } from './limits.ts';
import { checkReservedKeys, parseFile, type SpecFile } from './parse-spec-file.ts';
import { refusedDeclarations } from './refused-declarations.ts';
import {
  API_KEYS,
  bothIdAndNameProblems,
  namesApi,
  splitKeys,
  withoutApi,
  type Mapping,
} from './spec-keys.ts';
import { sortProblems, type SpecProblem } from './spec-problem.ts';
import { oneSpecPerStageMessage, type SpecApi, type SpecStage } from './spec-stage.ts';
import { repeatedEntries } from './unique-entries.ts';
import type { ValuePath } from './yaml-document.ts';

export type { SpecFile } from './parse-spec-file.ts';

export interface LoadedSpecs {
  /** The declared stages; a stage that names its API by `rest-api:` or `api:` is resolved by the engine. */
  readonly stages: readonly SpecStage[];
  /** Problems to show: at most MAX_PROBLEMS_PER_FILE per file and MAX_PROBLEMS_PER_RUN in all, each bound ending in a problem that counts the rest. */
  readonly problems: readonly SpecProblem[];
  /** Every problem found, shown or not: for "N problem(s) in the specs". */
  readonly problemCount: number;
}

const TOP_LEVEL_KEYS = ['defaults', 'stages'];

interface DeclaredStage {
  readonly valid: boolean;
  readonly stage: SpecStage;
  readonly type: StageType;
  /**
   * `RestApiId|StageName` (or `ApiId|...`), or `rest-api NAME|StageName` before a name is resolved;
   * `undefined` when the spec gives no StageName or no API (a problem of its own already).
   */
  readonly identity: string | undefined;
  readonly report: FileReport;
  readonly path: ValuePath;
}

/** The file's `defaults:`, split by the spec rule, with the type they give (see `type`). */
interface FileDefaults {
  readonly settings: Mapping;
  readonly properties: Mapping;
  /** `type:` in `defaults:`, else REST; `undefined` when it names no type (reported there). */
  readonly type: StageType | undefined;
}

/** One stage of a file before it is checked: its own keys and its type. */
interface StageDraft {
  readonly name: string;
  readonly path: ValuePath;
  readonly settings: Mapping;
  readonly properties: Mapping;
  /** `undefined` when its `type:` (or the defaults') names no type. */
  readonly type: StageType | undefined;
  /** It names its API itself (by id or by name), so it takes none of the defaults' API keys. */
  readonly namesOwnApi: boolean;
}

/** Whether `draft` takes the default `key` (merge-defaults.ts; the API is one slot). */
function takes(draft: StageDraft, key: string): boolean {
  if (API_KEYS.has(key)) return !draft.namesOwnApi;
  if (key === 'Tags') return true;
  return !(key in draft.settings) && !(key in draft.properties);
}

function readDefaults(report: FileReport, root: Mapping): FileDefaults {
  const none: FileDefaults = { settings: {}, properties: {}, type: DEFAULT_STAGE_TYPE };
  if (!('defaults' in root)) return none;
  if (!isJsonObject(root.defaults)) {
    report.add(
      '`defaults:` must be a mapping of stage properties applied to every stage in this file',
      ['defaults'],
    );
    return none;
  }
  const { settings, properties } = splitKeys(root.defaults);
  const type = TYPE_KEY in settings ? typeFromSetting(settings[TYPE_KEY]) : DEFAULT_STAGE_TYPE;
  return { settings, properties, type };
}

function draftOf(name: string, own: Mapping, defaults: FileDefaults): StageDraft {
  const { settings, properties } = splitKeys(own);
  return {
    name,
    path: ['stages', name],
    settings,
    properties,
    type: TYPE_KEY in settings ? typeFromSetting(settings[TYPE_KEY]) : defaults.type,
    namesOwnApi: namesApi(settings, properties),
  };
}

/** A stage's own settings and properties, checked against its type. */
function ownProblems(draft: StageDraft, type: StageType): FoundProblem[] {
  const { settings, properties } = draft;
  const takers = { type };
  const problems = unknownSettings(settings, Object.keys(type.schema.properties ?? {}));
  problems.push(...bothIdAndNameProblems(settings, properties, [type]));
  for (const key of API_NAME_KEYS) {
    if (!(key in settings)) continue;
    const problem = apiNameTypeProblem(key, takers) ?? apiNameValueProblem(key, settings[key]);
    if (problem) problems.push(problem);
  }
  if (IGNORE_CHANGES_KEY in settings) {
    problems.push(...ignoreChangesShapeProblems(settings[IGNORE_CHANGES_KEY]));
    problems.push(...ignoredPathProblems(settings[IGNORE_CHANGES_KEY], takers));
  }
  problems.push(...propertyProblems(properties, takers));
  // Only the type's own lists can repeat an entry (a MethodSettings on an HTTP stage is refused).
  const lists = Object.fromEntries(
    Object.entries(properties).filter(([key]) => Object.hasOwn(type.schema.properties ?? {}, key)),
  );
  problems.push(...repeatedEntries(lists));
  return problems;
}

/** Checks one stage of `type` with the file's defaults merged in; its declaration for the run. */
function declareStage(
  report: FileReport,
  draft: StageDraft,
  type: StageType,
  defaults: FileDefaults,
): DeclaredStage {
  const { name, path } = draft;
  const before = report.problems.length;
  for (const problem of ownProblems(draft, type)) report.addFound(`stage ${name}`, path, problem);
  // The API is one slot, by id or by name: a stage's own choice replaces the default's.
  const defaultProperties = draft.namesOwnApi
    ? withoutApi(defaults.properties)
    : defaults.properties;
  const defaultSettings = draft.namesOwnApi ? withoutApi(defaults.settings) : defaults.settings;
  const merged = mergeDefaults(defaultProperties, draft.properties, type.tagShape);
  const settings = { ...defaultSettings, ...draft.settings };
  const ignoreChanges = Array.isArray(settings[IGNORE_CHANGES_KEY])
    ? (settings[IGNORE_CHANGES_KEY] as unknown[]).filter(
        (entry): entry is string => typeof entry === 'string',
      )
    : [];
  const apiName = settings[type.apiNameKey];
  const byName = typeof apiName === 'string' && !(type.apiIdProperty in merged);
  // An API key of the other type, or a name that is no name, has its own problem already.
  const otherApi = STAGE_TYPES.some(
    (other) => other !== type && (other.apiIdProperty in merged || other.apiNameKey in settings),
  );
  if (!(type.apiIdProperty in merged) && apiName === undefined && !otherApi) {
    report.add(
      `stage ${name} is missing ${type.apiIdProperty}, which is required (set it, or \`${type.apiNameKey}:\` with the API's name, on the stage or in \`defaults:\`)`,
      path,
      'key',
      type.apiIdProperty,
    );
  }
  // A property other tools own may be left out: only a create needs it (the engine says so).
  const required = [
    'StageName',
    ...type.requiredToCreate.filter((property) => !ignoreChanges.includes(property)),
  ];
  for (const property of required) {
    if (!(property in merged)) {
      report.add(
        `stage ${name} is missing ${property}, which is required (set it on the stage or in \`defaults:\`)`,
        path,
        'key',
        property,
      );
    }
  }
  // Each side was held to the tag limit on its own; together they may still pass it, and AWS
  // would refuse the stage at the apply.
  const tagCount = tagEntries(merged.Tags).length;
  const ownTagCount = tagEntries(draft.properties.Tags).length;
  const defaultTagCount = tagEntries(defaultProperties.Tags).length;
  if (
    tagCount > DECLARABLE_TAG_LIMIT &&
    ownTagCount <= DECLARABLE_TAG_LIMIT &&
    defaultTagCount <= DECLARABLE_TAG_LIMIT
  ) {
    report.add(
      `stage ${name}: Tags has ${tagCount} entries with the ${defaultTagCount} from \`defaults:\`; at most ${DECLARABLE_TAG_LIMIT} are allowed`,
      'Tags' in draft.properties ? [...path, 'Tags'] : path,
      'key',
      'Tags',
    );
  }
  for (const rule of refusedDeclarations(type.typeName, merged)) {
    const when = Object.entries(rule.when)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(', ');
    const at = propertyOrigin(rule.refused, draft.properties) === 'stage' ? path : ['defaults'];
    report.add(
      `stage ${name}: ${rule.refused} cannot be declared for a stage with ${when}: ${rule.why}; ${rule.instead}`,
      [...at, rule.refused],
      'key',
      rule.refused,
    );
  }
  // A stage with problems still takes part in the uniqueness checks: every problem, one run.
  const namePath =
    type.apiNameKey in draft.settings ? [...path, type.apiNameKey] : ['defaults', type.apiNameKey];
  const api: SpecApi = byName
    ? { by: 'name', name: apiName, at: report.at(namePath) }
    : { by: 'id', id: String(merged[type.apiIdProperty] ?? '') };
  const stageName = merged.StageName;
  const hasIdentity =
    typeof stageName === 'string' &&
    (api.by === 'name' || typeof merged[type.apiIdProperty] === 'string');
  return {
    valid: report.problems.length === before,
    type,
    identity: !hasIdentity
      ? undefined
      : api.by === 'id'
        ? stageIdentifier(api.id, stageName)
        : `${type.apiNameKey} ${api.name}|${stageName}`,
    stage: {
      name,
      type: type.typeName,
      api,
      properties: merged,
      ignoreChanges,
      source: report.at(path, 'key'),
    },
    report,
    path,
  };
}

function loadFile(file: SpecFile, reports: FileReport[], budget: DeclaredBudget): DeclaredStage[] {
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

  const defaults = readDefaults(report, root);
  const stages = isJsonObject(root.stages) ? root.stages : {};
  const drafts: StageDraft[] = [];
  for (const [name, own] of Object.entries(stages)) {
    if (name === RESERVED_KEY) continue; // reported by checkReservedKeys; nothing more to say
    if (isJsonObject(own)) drafts.push(draftOf(name, own, defaults));
    else
      report.add(
        `stage ${name} must be a mapping of properties such as StageName and DeploymentId`,
        ['stages', name],
      );
  }

  if (isJsonObject(root.defaults)) {
    const takers = drafts.flatMap((draft): DefaultsTaker[] => {
      const { type } = draft;
      return type ? [{ name: draft.name, type, takes: (key) => takes(draft, key) }] : [];
    });
    for (const problem of defaultsProblems(root.defaults, defaults.type, takers))
      report.addFound('defaults', ['defaults'], problem);
  }

  if (!('stages' in root)) {
    report.add(
      'the file has no `stages:` mapping; declare stages as `stages: { LogicalName: { StageName: ..., ... } }`',
    );
    return [];
  }
  if (!isJsonObject(root.stages)) {
    report.add("`stages:` must be a mapping from a logical name to the stage's properties", [
      'stages',
    ]);
    return [];
  }

  const declared: DeclaredStage[] = [];
  for (const draft of drafts) {
    // draft.type is undefined for a `type:` that names no type (or for defaults' such `type:`).
    if (!draft.type && TYPE_KEY in draft.settings) {
      const problem = typeProblem(draft.settings[TYPE_KEY]);
      if (problem) report.addFound(`stage ${draft.name}`, draft.path, problem);
    }
    // A stage whose type is unknown is not checked further: against a guessed type, the
    // properties of the type it meant would each be reported as wrong.
    if (!draft.type) continue;
    const stage = declareStage(report, draft, draft.type, defaults);
    budget.chars += JSON.stringify(stage.stage.properties).length;
    if (budget.chars > MAX_DECLARED_CHARS) {
      report.add(
        `with \`defaults:\` merged into each stage, the declared stages come to more than ${MAX_DECLARED_CHARS / 1024 / 1024} MiB of properties by stage ${draft.name}; share less through \`defaults:\`, or declare fewer stages in one run`,
        'defaults' in root ? ['defaults'] : draft.path,
        'key',
      );
      return declared;
    }
    declared.push(stage);
  }
  return declared;
}

/** What the run's declared stages have taken of MAX_DECLARED_CHARS so far. */
interface DeclaredBudget {
  chars: number;
}

/**
 * Names and identities must be unique across every spec file: report the later one. REST and
 * HTTP/WebSocket API ids share one id space (src/model/stage.ts `DesiredStage.identifier`), so
 * the identities of both types are one namespace.
 */
function checkAcrossFiles(declared: readonly DeclaredStage[]): SpecStage[] {
  const byName = new Map<string, DeclaredStage>();
  const byIdentifier = new Map<string, DeclaredStage>();
  const stages: SpecStage[] = [];
  for (const entry of declared) {
    const { stage, report, path, type, identity } = entry;
    const where = (other: DeclaredStage): string =>
      `${other.stage.source.file}:${other.stage.source.line}`;
    const sameName = byName.get(stage.name);
    const sameIdentity = identity === undefined ? undefined : byIdentifier.get(identity);
    if (sameName) {
      report.add(
        `stage name ${stage.name} is already declared at ${where(sameName)}; logical names must be unique across all spec files`,
        path,
        'key',
      );
    } else if (sameIdentity && identity !== undefined) {
      report.add(
        oneSpecPerStageMessage({ name: stage.name, identity, type }, sameIdentity.stage),
        path,
        'key',
      );
    } else {
      byName.set(stage.name, entry);
      if (identity !== undefined) byIdentifier.set(identity, entry);
      if (entry.valid) stages.push(stage);
    }
  }
  return stages;
}

/** Loads every spec file: the stages they declare and every problem found, in reading order. */
export function loadSpecs(files: readonly SpecFile[]): LoadedSpecs {
  const reports: FileReport[] = [];
  const budget: DeclaredBudget = { chars: 0 };
  // Past the bound the run has its problem: the files after it are not declared as well.
  const declared = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .flatMap((file) => (budget.chars > MAX_DECLARED_CHARS ? [] : loadFile(file, reports, budget)));
  const stages = checkAcrossFiles(declared);
  const found = sortProblems(reports.flatMap((report) => report.problems));
  return {
    stages: found.length ? [] : stages,
    problems: boundProblems(found),
    problemCount: found.length,
  };
}
