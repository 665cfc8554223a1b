/**
 * Completes the licenses file of the bundle. ncc's `--license` lists the packages its license
 * plugin finds, and that list left out every package whose code ncc put only in the start file
 * (`dist/index.js`): js-yaml, and before `@actions/core`'s OIDC client moved to a chunk of its own,
 * `@actions/core`, `@actions/exec`, `@actions/io`, tunnel and undici (bench/README.md,
 * "`@actions/core`'s OIDC client and `@actions/exec` on first use"). Their licenses ask for the
 * notice in every copy, so the bundle step reads which packages a build took from webpack's stats
 * (`--stats-out`) and adds an entry, in the plugin's format, for each one the file does not name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The part of webpack's stats this reads: the stats hold modules, and a concatenated module holds
 * the modules it joined; each has a name, its path from the checkout.
 */
export interface WebpackStatsModules {
  readonly name?: string;
  readonly modules?: readonly WebpackStatsModules[];
}

/**
 * A module's package: the one under the last `node_modules/` of its path (a dependency's own
 * nested copy is that copy's package). The bundler's own runtime helpers are not a package the
 * bundle redistributes as code of its own, as the plugin also judges.
 */
const PACKAGE_PATH = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//;
const BUNDLER = '@vercel/ncc';

/** The packages whose code a build took, by name, with the folder each was read from. */
export function bundledPackages(stats: WebpackStatsModules, root: string): Map<string, string> {
  const packages = new Map<string, string>();
  const visit = (module: WebpackStatsModules): void => {
    const match = PACKAGE_PATH.exec(module.name ?? '');
    if (match?.[1] && match[2] && match[2] !== BUNDLER)
      packages.set(match[2], join(root, match[1]));
    module.modules?.forEach(visit);
  };
  visit(stats);
  return packages;
}

/** An entry of the licenses file starts it, or follows a blank line, with the name on its own line. */
function lists(licenses: string, name: string): boolean {
  return licenses.startsWith(`${name}\n`) || licenses.includes(`\n\n${name}\n`);
}

/** The plugin's entry for a package: its name, its license's identifier, the license text. */
function licenseEntry(name: string, folder: string): string {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    license?: string;
  };
  const file = readdirSync(folder).find((entry) => /^licen[cs]e(\.|$)/i.test(entry));
  if (!manifest.license && !file)
    throw new Error(`${name} is in the bundle and states no license (${folder})`);
  const text = file ? readFileSync(join(folder, file), 'utf8').trimEnd() : '';
  return [name, manifest.license ?? '', text].filter(Boolean).join('\n');
}

/**
 * The licenses file with an entry added, in name order after the plugin's, for each bundled
 * package it does not name.
 */
export function completeLicenses(licenses: string, packages: ReadonlyMap<string, string>): string {
  const missing = [...packages]
    .filter(([name]) => !lists(licenses, name))
    .sort(([a], [b]) => a.localeCompare(b));
  if (missing.length === 0) return licenses;
  const entries = missing.map(([name, folder]) => licenseEntry(name, folder));
  return `${licenses.trimEnd()}\n\n${entries.join('\n\n')}\n`;
}
