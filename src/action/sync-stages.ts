/**
 * One run of the action after its inputs are read: route the event, plan, then publish the plan
 * or apply it.
 */
import * as core from '@actions/core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloudControlPort } from '../aws/cloud-control-client.ts';
import { requestTimeoutFor } from '../retry/policy.ts';
import type { Config } from '../config.ts';
import { routeEvent } from '../github/event-route.ts';
import { planSpecs } from '../pipeline/plan-specs.ts';
import type { Plan } from '../plan/types.ts';
import { renderComment, renderSummary } from '../render/markdown.ts';
import { renderPlanText } from '../render/text.ts';
import type { RenderContext } from '../render/types.ts';
import { VERSION } from '../version.ts';
import { readSpecFiles } from '../workspace/spec-files.ts';
import { annotateProblems } from './annotate.ts';
import { applyStep } from './apply-step.ts';
import type { ActionOutputs } from './outputs.ts';
import { planTarget } from './plan-target.ts';
import { connectGitHub, publishComment, writeJobSummary } from './publish.ts';

function writePlanJson(plan: Plan): string {
  const dir = process.env.RUNNER_TEMP || mkdtempSync(join(tmpdir(), 'stage-sync-'));
  const path = join(dir, 'stage-sync-plan.json');
  writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`);
  return path;
}

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

export async function syncStages(
  config: Config,
  outputs: ActionOutputs,
  signal: AbortSignal,
): Promise<void> {
  const route = routeEvent({
    eventName: config.run.eventName,
    payload: config.run.payload,
    ref: config.run.ref,
    mode: config.mode,
  });
  core.info(`stage-sync ${VERSION}: ${route.reason}`);

  const files = await readSpecFiles(config.workspace, config.specPatterns);
  core.info(`Read ${files.length} spec file(s) matching ${config.specPatterns.join(', ')}`);
  const port = createCloudControlPort({
    ...(config.awsRegion ? { region: config.awsRegion } : {}),
    requestTimeoutMs: requestTimeoutFor(config.operationTimeoutSeconds * 1000),
  });
  const target = planTarget(config.awsRegion, config.specPatterns);

  let outcome;
  try {
    outcome = await planSpecs({
      files,
      port,
      prune: config.prune,
      repository: config.run.repository,
      target,
      concurrency: config.maxConcurrency,
    });
  } catch (error) {
    outputs.recordFailure('aws-read-failed');
    core.setFailed(`Could not read the stages from AWS Cloud Control: ${(error as Error).message}`);
    return;
  }
  if (outcome.kind === 'invalid-specs') {
    annotateProblems(outcome.problems);
    outputs.recordFailure('invalid-specs');
    core.setFailed(
      `${outcome.problems.length} problem(s) in the stage specs; nothing was planned or applied.`,
    );
    return;
  }

  const { plan } = outcome;
  outputs.recordPlan(plan, writePlanJson(plan));
  core.startGroup(
    `Plan: ${plan.counts.create} to create, ${plan.counts.update} to update, ${plan.counts.delete} to delete`,
  );
  core.info(renderPlanText(plan, { color: false }));
  core.endGroup();

  const context = renderContext(config);
  const wantsGitHub = config.comment && config.githubToken !== '';
  const github = wantsGitHub ? connectGitHub(config) : undefined;

  if (route.kind === 'apply') {
    await applyStep({
      config,
      plan,
      desired: outcome.desired,
      port,
      github,
      pullRequestNumber: route.pullRequestNumber,
      context,
      outputs,
      signal,
    });
    return;
  }

  await writeJobSummary(renderSummary(plan, context).body);
  if (route.kind === 'plan-and-comment' && github) {
    await publishComment(
      github,
      route.pullRequestNumber,
      renderComment(plan, context).body,
      target,
      outputs,
    );
  }
  // fail-on-changes is for drift checks (schedule, workflow_dispatch): on a pull request,
  // changes are the point, not a failure.
  const changes = plan.counts.create + plan.counts.update + plan.counts.delete;
  if (route.kind === 'plan-only' && route.driftCheck && config.failOnChanges && changes > 0) {
    outputs.recordFailure('changes-detected');
    core.setFailed(
      `The plan has ${changes} change(s) and fail-on-changes is true: AWS has drifted from the specs.`,
    );
  }
}
