/**
 * Fact 21 of docs/reference/aws-recorded-behaviour.md: a per-method setting created while the
 * stage-wide `*\/*` entry has values starts from those values for every field it does not set,
 * and keeps them when `*\/*` changes later. Recorded at the API level (LocalStack
 * `test_apigateway_common.snapshot.json` TestStages::test_create_update_stages: `test/GET` created
 * with only a burst limit read back with `cachingEnabled: true` from `*\/*`, and still showed its
 * own 124 after `*\/*` changed to 100). The step to Cloud Control is inference: the handler writes
 * method settings through UpdateStage, whose operations apply in order, stage-wide ones first.
 *
 * The emulator keeps the stored model as the desired state last written, so inheriting means
 * writing the inherited values into the new entry when it is created; later `*\/*` changes then
 * leave it alone by construction.
 */
import type { Model } from '../resources/world.ts';
import { METHOD_SETTING_FIELDS, methodSettingKey } from './read-model.ts';

type Entry = Record<string, unknown>;

const STAGE_WIDE_KEY = methodSettingKey('/*', '*');

function entries(model: Model | undefined): Entry[] {
  const settings = model?.MethodSettings;
  return Array.isArray(settings)
    ? settings.filter(
        (entry): entry is Entry =>
          typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as Entry).ResourcePath === 'string' &&
          typeof (entry as Entry).HttpMethod === 'string',
      )
    : [];
}

function keyOf(entry: Entry): string {
  return methodSettingKey(entry.ResourcePath as string, entry.HttpMethod as string);
}

/** The setting fields an entry sets. */
function settingsOf(entry: Entry): Entry {
  return Object.fromEntries(
    METHOD_SETTING_FIELDS.filter((field) => entry[field] !== undefined).map((field) => [
      field,
      entry[field],
    ]),
  );
}

/** An entry that sets nothing is dropped by API Gateway (read-model.ts): it does not exist. */
function existingKeys(model: Model | undefined): Set<string> {
  return new Set(
    entries(model)
      .filter((entry) => Object.keys(settingsOf(entry)).length > 0)
      .map(keyOf),
  );
}

/**
 * `desired` with every per-method entry that `previous` did not have filled, for the fields it
 * does not set, from `desired`'s `*\/*` entry. `previous` is undefined for a create.
 */
export function inheritStageWideSettings(previous: Model | undefined, desired: Model): Model {
  const all = entries(desired);
  const stageWide = Object.assign(
    {},
    ...all.filter((entry) => keyOf(entry) === STAGE_WIDE_KEY).map(settingsOf),
  ) as Entry;
  if (Object.keys(stageWide).length === 0) return desired;
  const existing = existingKeys(previous);
  const settings = (desired.MethodSettings as unknown[]).map((entry) => {
    if (!all.includes(entry as Entry)) return entry;
    const typed = entry as Entry;
    const key = keyOf(typed);
    if (key === STAGE_WIDE_KEY || existing.has(key)) return entry;
    return { ...stageWide, ...typed };
  });
  return { ...desired, MethodSettings: settings };
}
