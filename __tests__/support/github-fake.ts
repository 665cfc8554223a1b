/**
 * A local fake of the parts of GitHub's REST API that stage-sync uses, answering as GitHub does
 * so that `@actions/github`'s Octokit parses it unchanged:
 *
 * - `GET /repos/{o}/{r}/issues/{n}/comments`: paginated (`per_page` default 30, at most 100;
 *   `page`) with an RFC 5988 `Link` header whose URLs use the `/repositories/{id}/...` form,
 *   as GitHub's do (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 * - `POST /repos/{o}/{r}/issues/{n}/comments` and `PATCH /repos/{o}/{r}/issues/comments/{id}`:
 *   201/200 with the comment; 422 "Validation Failed" over 65,536 characters; 403 "Resource not
 *   accessible by integration" for a read-only token, as a fork's pull request gets.
 * - `GET /repos/{o}/{r}/commits/{sha}/pulls`: "Pull Request Simple" objects; 422 for an
 *   unknown commit.
 * - `GET /user`: the user for a personal access token; 403 for an installation token
 *   (`GITHUB_TOKEN`, whose comments are authored by `github-actions[bot]`, or another GitHub
 *   App's, authored by `<app>[bot]`).
 * - `POST /graphql`: `query { viewer { login } }` answers the token's own login, installation
 *   tokens included; any other query gets GraphQL's `errors` answer.
 * - A locked pull request refuses comments with 403 "Unable to create comment because issue is
 *   locked."; a lookup of a commit in `pullRequestLinkDelay` answers `[]` that many times first,
 *   as GitHub does for a few seconds after a merge.
 * - Contents, trees and compare: see `github-fake-repo.ts`. Faults (5xx, 429, secondary rate
 *   limit, locked, reset): see `github-fake-faults.ts`, given as `faults` or `addFaults`.
 * - 401 without a token ("Requires authentication") or with an unknown one ("Bad credentials").
 *
 * Every request is recorded in `calls`; comments live in `state`, which tests may also edit.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue, faultReply, type FakeFault } from './github-fake-faults.ts';
import {
  RepoNotFound,
  compareReply,
  contentsReply,
  treeReply,
  type FakeFiles,
  type FakeHistory,
} from './github-fake-repo.ts';

export type { FakeFault, FaultAnswer } from './github-fake-faults.ts';

/** What a token is allowed to be and do. */
export type FakeTokenIdentity =
  | { readonly kind: 'installation'; readonly canWrite: boolean }
  | { readonly kind: 'app'; readonly slug: string; readonly canWrite: boolean }
  | { readonly kind: 'user'; readonly login: string; readonly canWrite: boolean };

/** The workflow's `GITHUB_TOKEN` with `pull-requests: write`. */
export const installationToken = (): FakeTokenIdentity => ({
  kind: 'installation',
  canWrite: true,
});
/** The `GITHUB_TOKEN` of a pull request from a fork: reads work, writes get 403. */
export const readOnlyToken = (): FakeTokenIdentity => ({ kind: 'installation', canWrite: false });
/**
 * An installation token of the GitHub App `slug` (as `actions/create-github-app-token` makes):
 * its comments are authored by `<slug>[bot]`, and `GET /user` answers 403 as for any
 * installation token.
 */
export const appInstallationToken = (slug: string): FakeTokenIdentity => ({
  kind: 'app',
  slug,
  canWrite: true,
});
/** A personal access token acting as `login`. */
export const personalAccessToken = (login: string): FakeTokenIdentity => ({
  kind: 'user',
  login,
  canWrite: true,
});

/** The login GitHub shows for comments made with an installation token of GitHub Actions. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface SeedComment {
  readonly issueNumber: number;
  readonly author: string;
  readonly body: string;
}

export interface SeedPullRequest {
  readonly number: number;
  readonly state?: 'open' | 'closed';
  /** For a merged PR, the commit the merge left on the base branch. */
  readonly mergeCommitSha?: string;
  /** Defaults to whether `mergeCommitSha` is set (an open PR's test-merge sha: say `false`). */
  readonly merged?: boolean;
  readonly headSha?: string;
  readonly title?: string;
  /** A locked conversation: comments are refused with 403. */
  readonly locked?: boolean;
}

export interface GitHubFakeOptions {
  /** `owner/name`; defaults to the repository of `@octokit/webhooks-examples`' payloads. */
  readonly repository?: string;
  /** The numeric id GitHub uses in `Link` URLs; defaults to that of the examples' repository. */
  readonly repositoryId?: number;
  /** Bearer tokens the fake accepts, and as whom. */
  readonly tokens?: Readonly<Record<string, FakeTokenIdentity>>;
  /** Pull requests that exist (a bare number is an open PR). Comments may be posted on these. */
  readonly pullRequests?: readonly (number | SeedPullRequest)[];
  /** Comments present before the test starts, oldest first. Their PRs exist implicitly. */
  readonly comments?: readonly SeedComment[];
  /** Commit sha -> numbers of the pull requests `commits/{sha}/pulls` lists, in that order. */
  readonly commits?: Readonly<Record<string, readonly number[]>>;
  /**
   * Commit sha -> how many lookups of its pull requests answer `[]` before `commits` does: the
   * seconds after a merge before GitHub links the commit to its pull request.
   */
  readonly pullRequestLinkDelay?: Readonly<Record<string, number>>;
  /** Files at each commit, for the contents and trees endpoints. */
  readonly files?: FakeFiles;
  /** Each commit's parents, for the compare endpoint. */
  readonly history?: FakeHistory;
  /** Faults answered instead of (or after) the work, first match first. */
  readonly faults?: readonly FakeFault[];
  /** Where `html_url`s point; GitHub's is https://github.com. */
  readonly webUrl?: string;
}

export interface FakeComment {
  readonly id: number;
  readonly issueNumber: number;
  readonly author: string;
  body: string;
  readonly createdAt: string;
  updatedAt: string;
}

export interface FakeCall {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The token sent, if any. */
  readonly token: string | undefined;
  /** The parsed JSON body of a write, if any. */
  readonly body: unknown;
  /** The status answered; 0 when no answer was sent (a `reset` or `hang` fault). */
  readonly status: number;
}

export interface GitHubFakeState {
  /** Every comment on every pull request, in creation order. */
  readonly comments: FakeComment[];
  commentsOn(issueNumber: number): FakeComment[];
  /** Adds a comment as if `author` had written it on GitHub just now. */
  addComment(seed: SeedComment): FakeComment;
}

export interface GitHubFake {
  /** The API root, for `GITHUB_API_URL` / Octokit's `baseUrl`. */
  readonly url: string;
  readonly state: GitHubFakeState;
  readonly calls: FakeCall[];
  /** Injects more faults, e.g. between two runs. */
  addFaults(...faults: readonly FakeFault[]): void;
  /** Fault uses not yet met. */
  readonly faultsRemaining: number;
  /** Stops the server; calling it again is harmless. */
  close(): Promise<void>;
}

/** GitHub's limit on an issue comment's body, counted in characters. */
export const MAX_COMMENT_BODY_CHARS = 65_536;

const DOCS = 'https://docs.github.com/rest';
const DOC_URLS = {
  listComments: `${DOCS}/issues/comments#list-issue-comments`,
  createComment: `${DOCS}/issues/comments#create-an-issue-comment`,
  updateComment: `${DOCS}/issues/comments#update-an-issue-comment`,
  commitPulls: `${DOCS}/commits/commits#list-pull-requests-associated-with-a-commit`,
  getUser: `${DOCS}/users/users#get-the-authenticated-user`,
  graphql: 'https://docs.github.com/graphql',
} as const;

/** The numeric ids GitHub gives these accounts; only `github-actions[bot]`'s is real. */
const BOT_USER_ID = 41_898_282;
const ACTIONS_APP = { id: 15_368, slug: 'github-actions', name: 'GitHub Actions' } as const;

/** An error response as GitHub writes it: message, documentation URL and status as a string. */
class GitHubError extends Error {
  readonly status: number;
  readonly payload: Record<string, unknown>;
  constructor(status: number, message: string, documentationUrl: string, extra = {}) {
    super(message);
    this.status = status;
    this.payload = {
      message,
      ...extra,
      documentation_url: documentationUrl,
      status: String(status),
    };
  }
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface RequestContext {
  readonly method: string;
  readonly query: URLSearchParams;
  readonly identity: FakeTokenIdentity;
  readonly body: unknown;
}

/** Starts the fake on 127.0.0.1 with an ephemeral port. */
export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const [owner, repo] = (options.repository ?? 'Codertocat/Hello-World').split('/') as [
    string,
    string,
  ];
  const repositoryId = options.repositoryId ?? 186_853_002;
  const webUrl = (options.webUrl ?? 'https://github.com').replace(/\/+$/, '');
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const calls: FakeCall[] = [];
  let apiUrl = '';
  let nextCommentId = 2_000_000_001;
  const faults = new FaultQueue();
  faults.add(...(options.faults ?? []));
  const linkDelay = new Map(Object.entries(options.pullRequestLinkDelay ?? {}));

  const pullRequests = new Map<number, SeedPullRequest>();
  for (const pr of options.pullRequests ?? []) {
    const seed = typeof pr === 'number' ? { number: pr } : pr;
    pullRequests.set(seed.number, seed);
  }

  const comments: FakeComment[] = [];
  const state: GitHubFakeState = {
    comments,
    commentsOn: (issueNumber) => comments.filter((c) => c.issueNumber === issueNumber),
    addComment: (seed) => {
      if (!pullRequests.has(seed.issueNumber)) {
        pullRequests.set(seed.issueNumber, { number: seed.issueNumber });
      }
      const now = timestamp();
      const comment = { id: nextCommentId++, ...seed, createdAt: now, updatedAt: now };
      comments.push(comment);
      return comment;
    },
  };
  for (const seed of options.comments ?? []) state.addComment(seed);

  const sameRepo = (o: string | undefined, r: string | undefined): boolean =>
    o?.toLowerCase() === owner.toLowerCase() && r?.toLowerCase() === repo.toLowerCase();

  const loginOf = (identity: FakeTokenIdentity): string =>
    identity.kind === 'user'
      ? identity.login
      : identity.kind === 'app'
        ? `${identity.slug}[bot]`
        : ACTIONS_BOT_LOGIN;

  const userJson = (login: string): Record<string, unknown> => {
    const isBot = login.endsWith('[bot]');
    const id = isBot && login === ACTIONS_BOT_LOGIN ? BOT_USER_ID : stableId(login);
    return {
      login,
      id,
      node_id: Buffer.from(`04:User${id}`).toString('base64'),
      avatar_url: `https://avatars.githubusercontent.com/${isBot ? 'in/15368' : `u/${id}`}?v=4`,
      gravatar_id: '',
      url: `${apiUrl}/users/${encodeURIComponent(login)}`,
      html_url: isBot ? `${webUrl}/apps/${login.replace(/\[bot\]$/, '')}` : `${webUrl}/${login}`,
      type: isBot ? 'Bot' : 'User',
      site_admin: false,
    };
  };

  const commentJson = (comment: FakeComment): Record<string, unknown> => ({
    id: comment.id,
    node_id: Buffer.from(`012:IssueComment${comment.id}`).toString('base64'),
    url: `${apiUrl}/repos/${owner}/${repo}/issues/comments/${comment.id}`,
    // Every issue here is a pull request, and GitHub links PR comments under /pull/.
    html_url: `${webUrl}/${owner}/${repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${apiUrl}/repos/${owner}/${repo}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.author === owner ? 'OWNER' : 'CONTRIBUTOR',
    performed_via_github_app:
      comment.author === ACTIONS_BOT_LOGIN
        ? { ...ACTIONS_APP, node_id: 'MDM6QXBwMTUzNjg=', owner: userJson('github') }
        : null,
    reactions: {
      url: `${apiUrl}/repos/${owner}/${repo}/issues/comments/${comment.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  });

  const pullRequestJson = (pr: SeedPullRequest): Record<string, unknown> => {
    const repoJson = { id: repositoryId, name: repo, full_name: `${owner}/${repo}` };
    const merged = pr.merged ?? pr.mergeCommitSha !== undefined;
    const created = '2024-01-01T00:00:00Z';
    return {
      url: `${apiUrl}/repos/${owner}/${repo}/pulls/${pr.number}`,
      id: 1_000_000 + pr.number,
      node_id: Buffer.from(`011:PullRequest${pr.number}`).toString('base64'),
      html_url: `${webUrl}/${owner}/${repo}/pull/${pr.number}`,
      issue_url: `${apiUrl}/repos/${owner}/${repo}/issues/${pr.number}`,
      number: pr.number,
      state: pr.state ?? (merged ? 'closed' : 'open'),
      locked: pr.locked ?? false,
      title: pr.title ?? `Pull request ${pr.number}`,
      user: userJson(owner),
      body: null,
      labels: [],
      created_at: created,
      updated_at: created,
      closed_at: merged ? created : null,
      merged_at: merged ? created : null,
      merge_commit_sha: pr.mergeCommitSha ?? null,
      draft: false,
      head: {
        label: `${owner}:pr-${pr.number}`,
        ref: `pr-${pr.number}`,
        sha: pr.headSha ?? '0'.repeat(40),
        user: userJson(owner),
        repo: repoJson,
      },
      base: {
        label: `${owner}:main`,
        ref: 'main',
        sha: '1'.repeat(40),
        user: userJson(owner),
        repo: repoJson,
      },
      author_association: 'OWNER',
      auto_merge: null,
      active_lock_reason: pr.locked ? 'resolved' : null,
    };
  };

  const checkBody = (body: unknown, documentationUrl: string): string => {
    const text = (body as { body?: unknown } | null)?.body;
    if (typeof text !== 'string') {
      throw new GitHubError(422, 'Invalid request.\n\n"body" wasn\'t supplied.', documentationUrl);
    }
    // GitHub counts characters (code points), not UTF-16 units.
    if ([...text].length > MAX_COMMENT_BODY_CHARS) {
      throw new GitHubError(422, 'Validation Failed', documentationUrl, {
        errors: [
          {
            resource: 'IssueComment',
            code: 'unprocessable',
            field: 'data',
            message: `Body is too long (maximum is ${MAX_COMMENT_BODY_CHARS} characters)`,
          },
        ],
      });
    }
    return text;
  };

  const requireWrite = (identity: FakeTokenIdentity, documentationUrl: string): void => {
    if (!identity.canWrite) {
      throw new GitHubError(403, 'Resource not accessible by integration', documentationUrl);
    }
  };

  const listComments = (issueNumber: number, query: URLSearchParams): Reply => {
    const perPage = clamp(intParam(query, 'per_page') ?? 30, 1, 100);
    const page = Math.max(1, intParam(query, 'page') ?? 1);
    const all = state.commentsOn(issueNumber);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const items = all.slice((page - 1) * perPage, page * perPage);
    const pageUrl = (n: number): string => {
      const params = new URLSearchParams();
      if (query.has('per_page')) params.set('per_page', String(perPage));
      params.set('page', String(n));
      return `${apiUrl}/repositories/${repositoryId}/issues/${issueNumber}/comments?${params}`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`);
    if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`);
    if (page < lastPage) links.push(`<${pageUrl(lastPage)}>; rel="last"`);
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
    return {
      status: 200,
      body: items.map(commentJson),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  };

  const createComment = (
    identity: FakeTokenIdentity,
    issueNumber: number,
    body: unknown,
  ): Reply => {
    requireWrite(identity, DOC_URLS.createComment);
    if (!pullRequests.has(issueNumber)) throw new GitHubError(404, 'Not Found', DOCS);
    if (pullRequests.get(issueNumber)?.locked) {
      const locked = faultReply({ path: '', answer: 'locked' });
      throw new GitHubError(403, String(locked?.body['message']), DOC_URLS.createComment);
    }
    const text = checkBody(body, DOC_URLS.createComment);
    const created = state.addComment({ issueNumber, author: loginOf(identity), body: text });
    return {
      status: 201,
      body: commentJson(created),
      headers: { location: `${apiUrl}/repos/${owner}/${repo}/issues/comments/${created.id}` },
    };
  };

  const updateComment = (identity: FakeTokenIdentity, commentId: number, body: unknown): Reply => {
    requireWrite(identity, DOC_URLS.updateComment);
    const comment = comments.find((c) => c.id === commentId);
    if (!comment) throw new GitHubError(404, 'Not Found', DOC_URLS.updateComment);
    comment.body = checkBody(body, DOC_URLS.updateComment);
    comment.updatedAt = timestamp();
    return { status: 200, body: commentJson(comment) };
  };

  const commitPulls = (sha: string): Reply => {
    const numbers = options.commits?.[sha];
    if (!numbers)
      throw new GitHubError(422, `No commit found for SHA: ${sha}`, DOC_URLS.commitPulls);
    const emptyAnswersLeft = linkDelay.get(sha) ?? 0;
    if (emptyAnswersLeft > 0) {
      linkDelay.set(sha, emptyAnswersLeft - 1);
      return { status: 200, body: [] };
    }
    const pulls = numbers.map((n) => pullRequestJson(pullRequests.get(n) ?? { number: n }));
    return { status: 200, body: pulls };
  };

  /** Only the viewer query stage-sync sends; GraphQL answers 200 with `errors` otherwise. */
  const graphql = (identity: FakeTokenIdentity, body: unknown): Reply => {
    const query = String((body as { query?: unknown } | undefined)?.query ?? '');
    if (/^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) {
      return { status: 200, body: { data: { viewer: { login: loginOf(identity) } } } };
    }
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `The fake answers only \`query { viewer { login } }\`, not: ${query}`,
            locations: [{ line: 1, column: 1 }],
          },
        ],
      },
    };
  };

  const repoFiles = options.files ?? {};
  const repoUrls = (): { api: string; repo: string } => ({ api: apiUrl, repo: `${owner}/${repo}` });
  const notFound = <T>(answer: () => T): T => {
    try {
      return answer();
    } catch (error) {
      if (error instanceof RepoNotFound) throw new GitHubError(404, error.message, DOCS);
      throw error;
    }
  };

  const getUser = (identity: FakeTokenIdentity): Reply => {
    if (identity.kind !== 'user') {
      throw new GitHubError(403, 'Resource not accessible by integration', DOC_URLS.getUser);
    }
    return { status: 200, body: { ...userJson(identity.login), name: identity.login } };
  };

  /**
   * Method + path pattern -> handler; GitHub answers 404 for anything else, including another
   * repository than ours (named groups `owner` and `repo`).
   */
  const routes: readonly {
    readonly method: string;
    readonly path: RegExp;
    readonly handle: (ctx: RequestContext, params: Readonly<Record<string, string>>) => Reply;
  }[] = [
    { method: 'GET', path: /^\/user$/, handle: (ctx) => getUser(ctx.identity) },
    {
      method: 'GET',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<n>\d+)\/comments$/,
      handle: (ctx, { n }) => listComments(Number(n), ctx.query),
    },
    {
      // The form GitHub writes into `Link` headers.
      method: 'GET',
      path: new RegExp(`^/repositories/${repositoryId}/issues/(?<n>\\d+)/comments$`),
      handle: (ctx, { n }) => listComments(Number(n), ctx.query),
    },
    {
      method: 'POST',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<n>\d+)\/comments$/,
      handle: (ctx, { n }) => createComment(ctx.identity, Number(n), ctx.body),
    },
    {
      method: 'PATCH',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/comments\/(?<id>\d+)$/,
      handle: (ctx, { id }) => updateComment(ctx.identity, Number(id), ctx.body),
    },
    {
      method: 'GET',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/commits\/(?<sha>[^/]+)\/pulls$/,
      handle: (_ctx, { sha }) => commitPulls(sha as string),
    },
    { method: 'POST', path: /^\/graphql$/, handle: (ctx) => graphql(ctx.identity, ctx.body) },
    {
      method: 'GET',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/contents(?:\/(?<path>.*))?$/,
      handle: (ctx, { path }) => ({
        status: 200,
        body: notFound(() =>
          contentsReply(repoFiles, ctx.query.get('ref') ?? 'HEAD', path ?? '', repoUrls()),
        ),
      }),
    },
    {
      method: 'GET',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/git\/trees\/(?<ref>[^/]+)$/,
      handle: (_ctx, { ref }) => ({
        status: 200,
        body: notFound(() => treeReply(repoFiles, ref as string)),
      }),
    },
    {
      method: 'GET',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/compare\/(?<base>[^/.]+)\.\.\.(?<head>[^/.]+)$/,
      handle: (_ctx, { base, head }) => ({
        status: 200,
        body: notFound(() => compareReply(options.history ?? {}, base as string, head as string)),
      }),
    },
  ];

  const route = (ctx: RequestContext, pathname: string): Reply => {
    for (const candidate of routes) {
      const match = candidate.method === ctx.method ? candidate.path.exec(pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v ?? '')]),
      );
      if ('owner' in params && !sameRepo(params['owner'], params['repo'])) break;
      return candidate.handle(ctx, params);
    }
    throw new GitHubError(404, 'Not Found', DOCS);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', apiUrl);
    const method = req.method ?? 'GET';
    const token = bearerToken(req.headers.authorization);
    const rawBody = await readBody(req);
    let body: unknown;
    let reply: Reply;
    let fault: FakeFault | undefined;
    try {
      if (token === undefined) throw new GitHubError(401, 'Requires authentication', DOCS);
      const identity = tokens.get(token);
      if (!identity) throw new GitHubError(401, 'Bad credentials', DOCS);
      if (rawBody !== '') {
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw new GitHubError(400, 'Problems parsing JSON', DOCS);
        }
      }
      fault = faults.take(method, url.pathname, 'before');
      reply = fault
        ? { status: 0, body: null }
        : route({ method, query: url.searchParams, identity, body }, url.pathname);
      fault ??= faults.take(method, url.pathname, 'after');
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      reply = { status: error.status, body: error.payload };
    }
    if (fault) {
      const answer = faultReply(fault);
      if (!answer) {
        calls.push({
          method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          token,
          body,
          status: 0,
        });
        // `hang` leaves the request open; closing the fake ends it with the other connections.
        if (fault.answer === 'reset') req.socket.destroy();
        return;
      }
      reply = answer;
    }
    calls.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      token,
      body,
      status: reply.status,
    });
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FAKE:${calls.length}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(5000 - calls.length),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    });
    res.end(text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `fake failed: ${String(error)}`, status: '500' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    url: apiUrl,
    state,
    calls,
    addFaults: (...more) => faults.add(...more),
    get faultsRemaining() {
      return faults.remaining;
    },
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Octokit's fetch keeps connections alive; close them so the server can stop.
        server.closeAllConnections();
      })),
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = Number.parseInt(query.get(name) ?? '', 10);
  return Number.isFinite(value) ? value : undefined;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** GitHub's timestamps are ISO 8601 to the second, in UTC. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A deterministic positive id for a login, so the same user always has the same id. */
function stableId(login: string): number {
  let hash = 7;
  for (const char of login) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 90_000_000;
  return 10_000_000 + hash;
}
