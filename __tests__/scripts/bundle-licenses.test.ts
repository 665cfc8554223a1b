/**
 * scripts/bundle-licenses.ts: which packages a build took its code from, and the licenses file
 * completed with those ncc's list left out.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { bundledPackages, completeLicenses } from '../../scripts/bundle-licenses.ts';

/** A checkout whose node_modules holds `packages` (name to package.json fields and LICENSE text). */
function checkout(
  t: TestContext,
  packages: Record<string, { license?: string; text?: string; file?: string }>,
): string {
  const root = mkdtempSync(join(tmpdir(), 'bundle-licenses-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, { license, text, file = 'LICENSE' }] of Object.entries(packages)) {
    const folder = join(root, 'node_modules', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, license }));
    if (text !== undefined) writeFileSync(join(folder, file), `${text}\n`);
  }
  return root;
}

describe('bundledPackages', () => {
  it('names the package of every module, those a concatenated module holds too', () => {
    const root = '/checkout';
    const packages = bundledPackages(
      {
        modules: [
          {
            name: './src/index.ts + 3 modules',
            modules: [
              { name: './src/main.ts' },
              { name: './node_modules/js-yaml/dist/js-yaml.mjs' },
              { name: './node_modules/@actions/core/lib/core.js' },
            ],
          },
          { name: './node_modules/@actions/github/node_modules/@octokit/core/dist-src/index.js' },
          { name: './node_modules/@vercel/ncc/dist/ncc/@@notfound.js' },
          { name: 'node:fs' },
        ],
      },
      root,
    );
    assert.deepEqual(Object.fromEntries(packages), {
      'js-yaml': '/checkout/node_modules/js-yaml',
      '@actions/core': '/checkout/node_modules/@actions/core',
      // A nested copy is its own package, read from its own folder.
      '@octokit/core': '/checkout/node_modules/@actions/github/node_modules/@octokit/core',
    });
  });
});

describe('completeLicenses', () => {
  const listed = 'a-listed\nMIT\nThe MIT License\n\nCopyright A\n\nb-listed\nISC\nISC text\n';

  it('adds the packages the list does not name, in name order, in its format', (t) => {
    const root = checkout(t, {
      'z-missing': { license: 'MIT', text: 'MIT text for z' },
      '@scope/missing': { license: 'Apache-2.0', text: 'Apache text', file: 'LICENSE.md' },
    });
    const packages = new Map([
      ['a-listed', join(root, 'node_modules/a-listed')],
      ['z-missing', join(root, 'node_modules/z-missing')],
      ['@scope/missing', join(root, 'node_modules/@scope/missing')],
    ]);
    assert.equal(
      completeLicenses(listed, packages),
      `${listed}\n@scope/missing\nApache-2.0\nApache text\n\nz-missing\nMIT\nMIT text for z\n`,
    );
  });

  it('leaves a list that names every package as it is', () => {
    const packages = new Map([
      ['a-listed', '/nowhere/a'],
      ['b-listed', '/nowhere/b'],
    ]);
    assert.equal(completeLicenses(listed, packages), listed);
  });

  it('does not take a line of a license text for an entry', (t) => {
    // "MIT" is a line of a-listed's entry, not an entry of its own.
    const root = checkout(t, { MIT: { license: 'MIT', text: 'the MIT package' } });
    const completed = completeLicenses(listed, new Map([['MIT', join(root, 'node_modules/MIT')]]));
    assert.ok(completed.endsWith('\n\nMIT\nMIT\nthe MIT package\n'), completed);
  });

  it('fails for a bundled package that states no license', (t) => {
    const root = checkout(t, { unlicensed: {} });
    assert.throws(
      () =>
        completeLicenses(listed, new Map([['unlicensed', join(root, 'node_modules/unlicensed')]])),
      /unlicensed is in the bundle and states no license/,
    );
  });

  it('names the license from package.json when the package has no license file', (t) => {
    const root = checkout(t, { bare: { license: 'MIT' } });
    assert.equal(
      completeLicenses(listed, new Map([['bare', join(root, 'node_modules/bare')]])),
      `${listed}\nbare\nMIT\n`,
    );
  });
});
