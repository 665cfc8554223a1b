/**
 * `npm run demo`: the whole product on an embedded default. Starts the Cloud Control emulator
 * in-process, creates a REST API and deployments through Cloud Control, plans the Alchemy
 * examples in examples/, applies the plan with live progress, and plans again to show that
 * nothing is left to do. Also writes the PR comment a reviewer would see.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server.ts';
import { createCloudControlPort } from '../src/aws/cloud-control-client.ts';
import { createEngine, type PlanOutcome } from '../src/engine/engine.ts';
import { renderComment } from '../src/render/markdown.ts';
import { progressLine } from '../src/render/progress-line.ts';
import { renderPlanText } from '../src/render/text.ts';
import type { Plan } from '../src/plan/types.ts';
import { VERSION } from '../src/version.ts';
import { provisionRestApi } from './provision.ts';

const EXAMPLES = new URL('../examples/', import.meta.url);
const REPOSITORY = 'octo-org/platform-stages';
const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
const heading = (text: string): void =>
  console.log(color ? `\n\x1b[1m== ${text}\x1b[0m` : `\n== ${text}`);

/** The examples name REST API abc1234 and deployments dep0001/xyz5678: point them at the real ones. */
function workspaceFor(ids: { restApiId: string; deploymentIds: string[] }): string {
  const workspace = mkdtempSync(join(tmpdir(), 'stage-sync-demo-'));
  mkdirSync(join(workspace, 'stages'));
  const text = readFileSync(new URL('alchemy-stages.yml', EXAMPLES), 'utf8')
    .replaceAll('abc1234', ids.restApiId)
    .replaceAll('dep0001', ids.deploymentIds[0] as string)
    .replaceAll('xyz5678', ids.deploymentIds[1] as string);
  writeFileSync(join(workspace, 'stages', 'alchemy-stages.yml'), text);
  return workspace;
}

/** The plan, or the reason there is none as the error. */
function planned(outcome: PlanOutcome): Plan {
  if (outcome.kind === 'planned') return outcome.plan;
  throw new Error(
    outcome.kind === 'invalid-specs'
      ? outcome.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')
      : outcome.message,
  );
}

async function main(): Promise<void> {
  // Credentials only sign requests to the loopback emulator; no AWS account is involved.
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIDEMULATOR';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'emulator-secret';
  const emulator = await startEmulator({
    knobs: {
      latencyMs: 15,
      operationDurationMs: 400,
    },
  });
  try {
    const port = createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
    heading(`stage-sync ${VERSION} demo: Cloud Control emulator at ${emulator.url}`);
    const ids = await provisionRestApi(port, 'stage-sync-demo', 2);
    console.log(
      `Created REST API ${ids.restApiId} with deployments ${ids.deploymentIds.join(', ')} through Cloud Control.`,
    );
    const workspace = workspaceFor(ids);
    const engine = createEngine({
      port,
      repository: REPOSITORY,
      region: 'us-east-1',
      maxConcurrency: 10,
      operationTimeoutMs: 60_000,
      // The emulator's operations take 400 ms: poll often enough that the demo does not wait.
      polling: { baseMs: 200, factor: 1.5, capMs: 2_000 },
    });
    const request = { workspace, patterns: ['stages/**/*.yml'], prune: true };

    heading('Plan (what a pull request would show)');
    const first = planned(await engine.plan(request));
    console.log(renderPlanText(first, { color }));
    const commentPath = join(workspace, 'pr-comment.md');
    writeFileSync(
      commentPath,
      renderComment(first, {
        toolVersion: VERSION,
        commitSha: '0000000',
        repository: REPOSITORY,
      }).body,
    );
    console.log(`\nThe PR comment for this plan is in ${commentPath}`);

    heading('Apply (what a merge to the default branch does)');
    const result = await engine.apply(first, {
      commitSha: 'demo',
      onProgress: (event) => console.log(progressLine(event)),
    });
    console.log(`Apply ${result.status} in ${(result.durationMs / 1000).toFixed(1)}s.`);

    heading('Plan again (nothing should be left to do)');
    const second = planned(await engine.plan(request));
    console.log(renderPlanText(second, { color }));
    const leftover = second.counts.create + second.counts.update + second.counts.delete;
    if (result.status !== 'applied' || leftover > 0) {
      console.error(
        `\nThe demo did not converge: apply ${result.status}, ${leftover} change(s) left.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await emulator.close();
  }
}

await main();
