/**
 * What a plan covers, in words: the region and the spec patterns. Two jobs of a matrix (other
 * specs or another region) get different targets, so they keep separate PR comments.
 */
export function planTarget(region: string | undefined, specPatterns: readonly string[]): string {
  return `${region ?? 'default region'}: ${specPatterns.join(', ')}`;
}
