#!/usr/bin/env bash
# Rebuilds dist/ (and schema/stage-sync.schema.json, which `npm run bundle` also writes) from the
# sources in place, then fails with the difference when the committed files differ: stale,
# changed, missing or extra files. Used by .github/workflows/check-dist.yml and by
# scripts/release.ts before a release.
#
# STAGE_SYNC_BUNDLE_COMMAND replaces `npm run -s bundle` (the release script's test uses it on a
# scratch clone that has no node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."

bash -c "${STAGE_SYNC_BUNDLE_COMMAND:-npm run -s bundle}"

changed=$(git status --porcelain --untracked-files=all -- dist schema)
if [ -z "$changed" ]; then
  echo "dist/ and schema/ match the sources."
  exit 0
fi

echo "::error::dist/ is stale: run \`npm run bundle\` and commit dist/ and schema/."
echo "Files that differ after the rebuild:"
echo "$changed"
# dist/ is marked -diff in .gitattributes (minified), so --text is needed to see the change;
# the bundle is one long line, so each line of the diff is cut for the log.
git diff --text --stat -- dist schema
git diff --text --ignore-space-at-eol -- dist schema | cut -c1-400 | head -n 200
exit 1
