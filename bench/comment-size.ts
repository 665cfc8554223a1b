/**
 * PR comment size : a plan of 2,000 changed stages, made by the real pipeline (generated
 * spec files, Cloud Control reads from the emulator, the planner), rendered as the sticky PR
 * comment must fit GitHub's 65,536-character limit for comment bodies. Prints its size and what
 * fitting left out. The live state is partly populated: half of the stages do not exist yet
 * (creates), the other half have drifted (updates), so every stage is a change.
 */
import { createCloudControlPort } from '../src/aws/cloud-control-client.ts';
import { startEmulator } from '../emulator/server.ts';
import { planFiles } from './lib/plan-files.ts';
import { COMMENT_CHAR_LIMIT, renderComment, renderSummary } from '../src/render/markdown.ts';
import { utf8ByteCount } from '../src/render/fit.ts';
import { VERSION } from '../src/version.ts';
import { figure, heading, timed, useEmulatorCredentials, verdict } from './lib/report.ts';
import { BENCH_REPOSITORY, generateFleet, seedApis, seedLive } from './lib/stage-fleet.ts';

const APIS = 200;
const STAGES_PER_API = 10;

export async function main(): Promise<void> {
  useEmulatorCredentials();
  const stages = APIS * STAGES_PER_API;
  heading(`comment size: plan of ${stages} changed stages (half new, half drifted)`);
  const emulator = await startEmulator();
  try {
    const fleet = generateFleet(seedApis(emulator, APIS), STAGES_PER_API);
    seedLive(emulator, fleet.stages, (_, i) => (i % 2 === 0 ? 'missing' : 'drifted'));
    const port = createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
    const plan = await planFiles(fleet.files, port, { prune: false, concurrency: 20 });
    figure(
      'plan',
      `${plan.counts.create} create, ${plan.counts.update} update, ${plan.counts.noOp} no-op`,
    );
    const context = {
      toolVersion: VERSION,
      commitSha: '0123456789abcdef0123456789abcdef01234567',
      repository: BENCH_REPOSITORY,
      serverUrl: 'https://github.com',
      runUrl: `https://github.com/${BENCH_REPOSITORY}/actions/runs/1`,
      eventName: 'pull_request',
    };
    const { ms, value: comment } = await timed(async () => renderComment(plan, context));
    const summary = renderSummary(plan, context);
    const chars = comment.body.length;
    figure(
      'comment: characters / UTF-8 bytes',
      `${chars.toLocaleString('en-US')} / ${utf8ByteCount(comment.body).toLocaleString('en-US')}`,
    );
    figure('comment: render time', `${ms.toFixed(0)} ms`);
    figure('comment: fit level', comment.omitted.level);
    figure(
      'comment: left out',
      `${comment.omitted.rows} of ${plan.changes.length} table rows, ${comment.omitted.diffs.length} property diffs${comment.omitted.unchangedList ? ', the unchanged list' : ''}`,
    );
    figure(
      'job summary: UTF-8 bytes, fit level',
      `${utf8ByteCount(summary.body).toLocaleString('en-US')}, ${summary.omitted.level} (${summary.omitted.rows} rows, ${summary.omitted.diffs.length} diffs left out)`,
    );
    verdict(
      "comment fits GitHub's 65,536 limit",
      chars <= COMMENT_CHAR_LIMIT,
      `${chars.toLocaleString('en-US')} characters, ${(COMMENT_CHAR_LIMIT - chars).toLocaleString('en-US')} to spare`,
    );
    const note = /> \*\*Shortened to fit[^\n]*/.exec(comment.body)?.[0];
    verdict(
      'the comment says what it left out',
      !comment.truncated || note !== undefined,
      note ? `note: ${note.slice(0, 150)}…` : 'nothing left out',
    );
  } finally {
    await emulator.close();
  }
}

if (import.meta.main) await main();
