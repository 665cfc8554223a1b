/**
 * One run of the action after its inputs are read: route the event, plan through the engine,
 * then publish the plan or apply it. Returns what the run came to; `main.ts` turns that into
 * outputs and the run's status, so no path here ends the step by itself.
 */
import * as core from '@actions/core';
import type { Config } from '../config.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import { compareCommits } from '../github/compare-commits.ts';
import { routeEvent } from '../github/event-route.ts';
import { parseRepoRef } from '../github/repo-ref.ts';
import type { Plan } from '../plan/types.ts';
import { renderComment, renderSummary } from '../render/markdown.ts';
import { renderProblemsSummary } from '../render/problems.ts';
import { logText } from '../render/escape.ts';
import { renderPlanText } from '../render/text.ts';
import type { RenderContext } from '../render/types.ts';
import { VERSION } from '../version.ts';
import { annotateProblems } from './annotate.ts';
import { applyStep } from './apply-step.ts';
import { previousCommitOf } from './previous-commit.ts';
import type { ActionOutcome } from './outcome.ts';
import type { ActionPorts } from './ports.ts';
import { publishComment } from './publish.ts';

function renderContext(config: Config): RenderContext {
  const { run } = config;
  return {
    toolVersion: VERSION,
    commitSha: run.sha,
    repository: run.repository,
    serverUrl: run.serverUrl,
    eventName: run.eventName,
    ...(run.runId
      ? { runUrl: `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}` }
      : {}),
  };
}

function engineFor(config: Config, ports: ActionPorts): Engine {
  return createEngine({
    port: ports.cloudControl,
    ...(ports.apiGatewayV2 ? { apiGatewayV2: ports.apiGatewayV2 } : {}),
    repository: config.run.repository,
    region: config.awsRegion,
    maxConcurrency: config.maxConcurrency,
    operationTimeoutMs: config.operationTimeoutSeconds * 1000,
    maxDeletes: config.maxDeletes,
    ...(ports.github ? { compareOnGitHub: compareOnGitHub(config, ports.github.client) } : {}),
  });
}

/** How GitHub orders two commits of this repository, for the apply's older-commit check. */
function compareOnGitHub(config: Config, client: Parameters<typeof compareCommits>[0]) {
  const repository = parseRepoRef(config.run.repository);
  return (base: string, head: string) => compareCommits(client, repository, base, head);
}

const withPrevious = (commit: string | undefined) => (commit ? { previousCommit: commit } : {});

function changeCount(plan: Plan): number {
  return plan.counts.create + plan.counts.update + plan.counts.delete;
}

/**
 * Never rejects: an unexpected error becomes an `internal-error` outcome that keeps what the run
 * had already produced (the plan, the comment), so the outputs still tell a later step about them.
 */
export async function runAction(
  config: Config,
  ports: ActionPorts,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  let sofar: ActionOutcome = {};
  try {
    return await orchestrate(config, ports, signal, (partial) => {
      sofar = { ...sofar, ...partial };
    });
  } catch (error) {
    if (error instanceof Error && error.stack) core.debug(error.stack);
    return {
      ...sofar,
      failure: {
        reason: 'internal-error',
        message: `stage-sync failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}

async function orchestrate(
  config: Config,
  ports: ActionPorts,
  signal: AbortSignal,
  record: (partial: ActionOutcome) => void,
): Promise<ActionOutcome> {
  const route = routeEvent({
    eventName: config.run.eventName,
    payload: config.run.payload,
    ref: config.run.ref,
    mode: config.mode,
  });
  core.info(`stage-sync ${VERSION}: ${route.reason}`);

  const engine = engineFor(config, ports);
  const planned = await engine.plan({
    workspace: config.workspace,
    patterns: config.specPatterns,
    prune: config.prune,
    ...withPrevious(previousCommitOf(config.run.eventName, config.run.payload)),
  });
  core.info(`Read ${planned.fileCount} spec file(s) matching ${config.specPatterns.join(', ')}`);
  if (planned.kind === 'aws-read-failed') {
    return {
      failure: {
        reason: 'aws-read-failed',
        message: `Could not read the stages from AWS Cloud Control: ${planned.message}`,
      },
    };
  }
  if (planned.kind === 'invalid-patterns') {
    return { failure: { reason: 'invalid-input', message: `Input \`specs\`: ${planned.message}` } };
  }
  if (planned.kind === 'invalid-specs') {
    annotateProblems(planned.problems);
    await ports.writeSummary(renderProblemsSummary(planned.problems, planned.problemCount));
    return {
      failure: {
        reason: 'invalid-specs',
        message: `${planned.problemCount} problem(s) in the stage specs; nothing was planned or applied.`,
      },
    };
  }

  const { plan, blocked } = planned;
  for (const warning of planned.warnings) core.warning(warning);
  const context = renderContext(config);
  const base: ActionOutcome = {
    plan,
    planJsonPath: ports.writePlanJson(plan),
    planMarkdownPath: ports.writePlanMarkdown(renderComment(plan, context).body),
  };
  record(base);
  const blockedFailure = blocked
    ? { reason: blocked.reason, message: `Blocked: ${blocked.message}` }
    : undefined;
  core.startGroup(
    `Plan: ${plan.counts.create} to create, ${plan.counts.update} to update, ${plan.counts.delete} to delete`,
  );
  // Names and values in the plan are data: no line of it may read as a workflow command.
  core.info(renderPlanText(plan, { color: false }).split('\n').map(logText).join('\n'));
  core.endGroup();

  if (route.kind === 'apply' && blockedFailure) {
    // Fails before any write; the job summary still shows every deletion it would have made.
    await ports.writeSummary(renderSummary(plan, context).body);
    return { ...base, failure: blockedFailure };
  }
  if (route.kind === 'apply') {
    const applied = await applyStep({
      config,
      plan,
      engine,
      ports,
      pullRequestNumber: route.pullRequestNumber,
      context,
      signal,
      record,
    });
    return { ...base, ...applied };
  }

  await ports.writeSummary(renderSummary(plan, context).body);
  let commentUrl: string | undefined;
  if (route.kind === 'plan-and-comment' && ports.github) {
    commentUrl = await publishComment(
      ports.github,
      route.pullRequestNumber,
      renderComment(plan, context).body,
      plan.target,
    );
  }
  const published: ActionOutcome = { ...base, ...(commentUrl ? { commentUrl } : {}) };
  // A pull request whose plan would be refused at merge fails now, with the plan on show.
  if (blockedFailure) return { ...published, failure: blockedFailure };
  // fail-on-changes is for drift checks (schedule, workflow_dispatch): on a pull request,
  // changes are the point, not a failure.
  const changes = changeCount(plan);
  if (route.kind === 'plan-only' && route.driftCheck && config.failOnChanges && changes > 0) {
    return {
      ...published,
      failure: {
        reason: 'changes-detected',
        message: `The plan has ${changes} change(s) and fail-on-changes is true: AWS has drifted from the specs.`,
      },
    };
  }
  return published;
}
