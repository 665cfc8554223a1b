/**
 * Edit distance, for "did you mean" suggestions on misspelt property names; gives up (returns
 * `limit + 1`) once every path through the table is past `limit`, so a spec with thousands of
 * unknown keys costs little per key.
 */
function editDistance(a: string, b: string, limit: number): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
      if ((previous[j] as number) < rowMinimum) rowMinimum = previous[j] as number;
    }
    if (rowMinimum > limit) return limit + 1;
  }
  return previous[b.length] as number;
}

/** The candidate nearest to `name`, if it is near enough to be a plausible typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const tolerance = Math.max(2, Math.floor(name.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: no need to compute it past the tolerance.
    if (Math.abs(candidate.length - name.length) > tolerance) continue;
    const distance = editDistance(name, candidate, best ? best.distance : tolerance);
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best && best.distance <= tolerance ? best.name : undefined;
}
