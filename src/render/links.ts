/**
 * Links into the repository, built only from values that look like what GitHub gives a workflow
 * (`owner/repo`, a hex commit id): anything else renders as text without a link.
 */
import type { SourceLocation } from '../model/stage.ts';
import { inlineCode, markdownLink, safeHttpUrl } from './escape.ts';
import type { RenderContext } from './types.ts';

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const COMMIT = /^[0-9a-f]{7,64}$/i;

/** `https://github.com/owner/repo`, or undefined when the context cannot make a safe one. */
function repositoryUrl(context: RenderContext): string | undefined {
  const server = safeHttpUrl(context.serverUrl);
  if (!server || !REPOSITORY.test(context.repository)) return undefined;
  return `${server.replace(/\/+$/, '')}/${context.repository}`;
}

/** The commit as a short code span, linked to the commit page when possible. */
export function commitLink(context: RenderContext): string {
  const short = COMMIT.test(context.commitSha) ? context.commitSha.slice(0, 7) : context.commitSha;
  const base = repositoryUrl(context);
  const url =
    base && COMMIT.test(context.commitSha) ? `${base}/commit/${context.commitSha}` : undefined;
  return markdownLink(inlineCode(short), url);
}

/**
 * `file:line` as a code span, linked to that line at the planned commit so a reviewer can jump
 * from a stage to its spec. `inTable` escapes pipes for a table cell.
 */
export function sourceLink(
  source: SourceLocation,
  context: RenderContext,
  inTable = false,
): string {
  const label = inlineCode(`${source.file}:${source.line}`, { inTable });
  const base = repositoryUrl(context);
  if (!base || !COMMIT.test(context.commitSha)) return label;
  const path = source.file.split('/').map(encodeURIComponent).join('/');
  return markdownLink(label, `${base}/blob/${context.commitSha}/${path}#L${source.line}`);
}
