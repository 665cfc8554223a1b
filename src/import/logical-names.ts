/**
 * Logical names for imported stages, from their stage names: `prod` -> `Prod`,
 * `dev-eu_1` -> `DevEu1`. A name that would begin with a digit gets a `Stage` prefix, and names
 * that collide get a number (`Prod`, `Prod2`), so every stage of a file has its own, and none
 * repeats a name another spec file declares.
 */

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`)
    .join('');
}

/**
 * One logical name per stage name, in the given order, none of them in `declared` (the names the
 * repository's specs already declare: logical names are unique across every spec file).
 */
export function logicalNames(
  stageNames: readonly string[],
  declared: Iterable<string> = [],
): string[] {
  const taken = new Set<string>(declared);
  return stageNames.map((stageName) => {
    const base = pascalCase(stageName);
    const name = base === '' || /^[0-9]/.test(base) ? `Stage${base}` : base;
    let candidate = name;
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${name}${n}`;
    taken.add(candidate);
    return candidate;
  });
}
