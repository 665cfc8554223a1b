/**
 * The Node.js the CLI needs, checked before anything else runs: the bundle calls `fs.glob`
 * (node:fs/promises, added in Node 22 and stable in 24; https://nodejs.org/api/fs.html#fspromisesglobpattern-options),
 * and package.json's `engines` says `>=24`. Without this check Node 20 fails half-way with
 * `(0 , fr.glob)(...) is not a function` and a screen of minified source.
 */
export const REQUIRED_NODE_MAJOR = 24;

/** What is wrong with `version` (`process.versions.node`, e.g. `20.20.2`), or undefined. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isInteger(major) && major >= REQUIRED_NODE_MAJOR) return undefined;
  return (
    `stage-sync needs Node.js ${REQUIRED_NODE_MAJOR} or later (it uses fs.glob); this is Node.js v${version}. ` +
    `Install Node ${REQUIRED_NODE_MAJOR} (for example \`nvm install ${REQUIRED_NODE_MAJOR}\`) and run it again.`
  );
}
