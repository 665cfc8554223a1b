/**
 * A stage's own value of a property replaces the file default's, except `Tags`, which merge by
 * `Key` (the stage's value wins): a team tag in `defaults` should not vanish because one stage
 * adds a tag of its own.
 */
interface Tag {
  readonly Key: unknown;
  readonly Value: unknown;
}

function mergeTags(defaults: unknown, own: unknown): unknown {
  if (!Array.isArray(defaults) || !Array.isArray(own)) return own ?? defaults;
  const byKey = new Map<unknown, Tag>();
  for (const tag of [...defaults, ...own] as Tag[]) byKey.set(tag?.Key, tag);
  return [...byKey.values()];
}

export function mergeDefaults(
  defaults: Readonly<Record<string, unknown>>,
  own: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults, ...own };
  if ('Tags' in defaults && 'Tags' in own) merged.Tags = mergeTags(defaults.Tags, own.Tags);
  return merged;
}

/** Which source a merged property came from: the stage itself or the file's defaults. */
export function propertyOrigin(
  property: string,
  own: Readonly<Record<string, unknown>>,
): 'stage' | 'defaults' {
  return property in own ? 'stage' : 'defaults';
}
