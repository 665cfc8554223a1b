/**
 * Soak run (resilience): 1,000 declared stages over 100 REST APIs, 20 % of all Cloud
 * Control calls throttled at random, handler failures that clear after a while and a few that
 * never do. Plan + apply (with prune) is repeated until a plan shows no change left but the ones
 * that can never succeed; then the emulator's world is checked directly: every declared stage
 * exists exactly once with the declared properties, the pruned ones are gone, stages this
 * repository does not manage are untouched, and nothing else exists.
 *
 * The world starts mixed: 40 % of the stages missing (creates), 30 % drifted (updates), 30 % in
 * sync, plus 20 undeclared stages carrying this repository's ownership tag (prunes) and 10
 * undeclared stages without it (bystanders prune must leave alone).
 *
 * Faults (emulator knobs): random throttling of 20 % of calls, after the rate limits; handler
 * failures, fired on the first matching requests only: 40 creates `ServiceInternalError` and 40
 * updates `Throttling` (retryable: the apply resubmits them in the same run), 15 updates
 * `NotStabilized` and 15 creates `GeneralServiceException` (not retryable: the stage fails this
 * run and the next run re-plans it), and creates of 3 stages that fail `InvalidRequest` forever
 * (reported every run; expected never to exist).
 *
 * Pace, to stay within a couple of minutes on 2 cores: 5 ms per call, operations of 100 ms, rate
 * limits well above what 20 callers reach (400 reads/s, 200 writes/s, 400 polls/s), and the apply's
 * delays scaled down with them (polls from 100 ms, retry backoff from 200 ms up to 2 s instead of
 * 2 s up to 30 s).
 */
import { applyPlan } from '../src/apply/apply-plan.ts';
import type { ApplyResult } from '../src/apply/result.ts';
import { createCloudControlPort } from '../src/aws/cloud-control-client.ts';
import { startEmulator, type HandlerFailureRule } from '../emulator/server.ts';
import { canonicalJson } from '../src/plan/canonical-json.ts';
import { MANAGED_BY_TAG_KEY, STAGE_TYPE_NAME } from '../src/model/stage.ts';
import { stageReplanner } from '../src/engine/replan.ts';
import { planFiles } from './lib/plan-files.ts';
import type { Plan } from '../src/plan/types.ts';
import { isThrottled } from './lib/call-counts.ts';
import { figure, heading, seconds, timed, useEmulatorCredentials, verdict } from './lib/report.ts';
import {
  BENCH_REPOSITORY,
  generateFleet,
  seedApis,
  seedLive,
  type FleetStage,
  type LiveVariant,
} from './lib/stage-fleet.ts';

const APIS = 100;
const STAGES_PER_API = 10;
const MAX_RUNS = 10;
const CONCURRENCY = 20;
const PRUNED = 20;
const BYSTANDERS = 10;
const PERMANENT_FAILURES = 3;

const variantOf = (_: unknown, index: number): LiveVariant =>
  index % 10 < 4 ? 'missing' : index % 10 < 7 ? 'drifted' : 'in-sync';

function faultRules(permanent: readonly FleetStage[]): HandlerFailureRule[] {
  return [
    ...permanent.map((stage): HandlerFailureRule => ({
      operation: 'CREATE',
      typeName: STAGE_TYPE_NAME,
      identifier: stage.identifier,
      errorCode: 'InvalidRequest',
      statusMessage: 'Injected by the soak: this stage can never be created.',
    })),
    {
      operation: 'CREATE',
      typeName: STAGE_TYPE_NAME,
      errorCode: 'ServiceInternalError',
      times: 40,
    },
    { operation: 'UPDATE', typeName: STAGE_TYPE_NAME, errorCode: 'Throttling', times: 40 },
    { operation: 'UPDATE', typeName: STAGE_TYPE_NAME, errorCode: 'NotStabilized', times: 15 },
    {
      operation: 'CREATE',
      typeName: STAGE_TYPE_NAME,
      errorCode: 'GeneralServiceException',
      times: 15,
    },
  ];
}

const changeCount = (plan: Plan): number =>
  plan.counts.create + plan.counts.update + plan.counts.delete;

function failureCodes(result: ApplyResult): string {
  const byCode = new Map<string, number>();
  for (const outcome of result.outcomes) {
    if (outcome.status !== 'failed') continue;
    const code = outcome.errorCode ?? '?';
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  return [...byCode].map(([code, n]) => `${n} ${code}`).join(', ') || 'none';
}

export async function main(): Promise<void> {
  useEmulatorCredentials();
  heading(
    `soak: ${APIS * STAGES_PER_API} stages over ${APIS} REST APIs, 20 % random throttling, injected handler failures`,
  );
  const emulator = await startEmulator({
    knobs: {
      latencyMs: 5,
      operationDurationMs: 100,
      rateLimits: { read: 400, write: 200, status: 400 },
    },
  });
  const started = performance.now();
  try {
    const fleet = generateFleet(seedApis(emulator, APIS), STAGES_PER_API);
    const seeded = seedLive(emulator, fleet.stages, variantOf);
    const permanent = fleet.stages
      .filter((_, i) => variantOf(undefined, i) === 'missing')
      .slice(0, PERMANENT_FAILURES);
    const permanentIds = new Set(permanent.map((stage) => stage.identifier));
    const extras = (count: number, managed: boolean): string[] =>
      Array.from({ length: count }, (_, i) => {
        const api = fleet.apis[(i * 7) % fleet.apis.length] as (typeof fleet.apis)[number];
        return emulator.putStage({
          RestApiId: api.restApiId,
          StageName: `${managed ? 'old' : 'hand'}${i}`,
          DeploymentId: api.deploymentId,
          Tags: managed ? [{ Key: MANAGED_BY_TAG_KEY, Value: BENCH_REPOSITORY }] : [],
        });
      });
    const pruned = extras(PRUNED, true);
    const bystanders = extras(BYSTANDERS, false);
    figure(
      'initial world',
      `${seeded.missing} missing, ${seeded.drifted} drifted, ${seeded['in-sync']} in sync, ${PRUNED} to prune, ${BYSTANDERS} unmanaged`,
    );
    Object.assign(emulator.knobs, {
      randomThrottleShare: 0.2,
      handlerFailures: faultRules(permanent),
    });

    const port = createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
    /** One scheduled run: plan with prune, apply when anything changes. */
    const planAndApply = async (run: number) => {
      const planned = {
        plan: await planFiles(fleet.files, port, { prune: true, concurrency: CONCURRENCY }),
      };
      const left = planned.plan.changes.filter(
        (change) => change.action !== 'no-op' && !permanentIds.has(change.identifier),
      );
      const applied =
        changeCount(planned.plan) === 0
          ? undefined
          : await applyPlan(planned.plan, port, {
              maxConcurrency: CONCURRENCY,
              operationTimeoutMs: 60_000,
              commitSha: `soak-run-${run}`,
              repository: BENCH_REPOSITORY,
              replan: stageReplanner(port, planned.plan),
              polling: { baseMs: 100, factor: 1.5, capMs: 1_000 },
              retryBackoff: { baseMs: 200, factor: 2, capMs: 2_000 },
            });
      return { plan: planned.plan, left: left.length, applied };
    };
    let runs = 0;
    let converged = false;
    while (runs < MAX_RUNS) {
      runs += 1;
      emulator.clearCalls();
      let run;
      try {
        run = await timed(() => planAndApply(runs));
      } catch (error) {
        // A run that cannot even plan (a read throttled past every retry) is what the action
        // reports as `aws-read-failed`; the next scheduled run starts over.
        figure(`run ${runs}: failed`, error instanceof Error ? error.message : String(error));
        continue;
      }
      const { ms, value: result } = run;
      const calls = emulator.calls;
      const throttled = calls.filter(isThrottled).length;
      const { counts } = result.plan;
      figure(
        `run ${runs}: planned`,
        `${counts.create} create, ${counts.update} update, ${counts.delete} delete (${seconds(ms)}, ${calls.length} calls, ${throttled} throttled)`,
      );
      if (result.applied) {
        const ok = result.applied.outcomes.filter((o) => o.status === 'applied').length;
        figure(`run ${runs}: applied`, `${ok} applied; failed: ${failureCodes(result.applied)}`);
      }
      if (result.left === 0) {
        converged = true;
        break;
      }
    }

    // Check the world directly, with faults off: the emulator is the oracle, not the planner.
    Object.assign(emulator.knobs, { randomThrottleShare: 0, handlerFailures: [] });
    const live = new Map<string, number>();
    for (const api of fleet.apis) {
      for (const stage of await port.listResources(STAGE_TYPE_NAME, { RestApiId: api.restApiId })) {
        live.set(stage.identifier, (live.get(stage.identifier) ?? 0) + 1);
      }
    }
    const duplicated = [...live].filter(([, n]) => n > 1).map(([id]) => id);
    const expected = fleet.stages.filter((stage) => !permanentIds.has(stage.identifier));
    const lost = expected.filter((stage) => !live.has(stage.identifier)).map((s) => s.identifier);
    const wrong = expected
      .filter((stage) => live.has(stage.identifier))
      .filter((stage) => {
        const model = emulator.getReadModel(STAGE_TYPE_NAME, stage.identifier) ?? {};
        return ['Description', 'DeploymentId', 'TracingEnabled', 'Variables'].some(
          (key) => canonicalJson(model[key]) !== canonicalJson(stage.properties[key]),
        );
      })
      .map((stage) => stage.identifier);
    const allowed = new Set([...expected.map((s) => s.identifier), ...bystanders]);
    const extra = [...live.keys()].filter((id) => !allowed.has(id));
    const keptBystanders = bystanders.filter((id) => live.has(id)).length;
    const leftPruned = pruned.filter((id) => live.has(id)).length;
    const createdPermanent = [...permanentIds].filter((id) => live.has(id)).length;

    figure('total soak time', seconds(performance.now() - started));
    verdict(
      'converged',
      converged,
      converged ? `after ${runs} plan+apply runs` : `not within ${MAX_RUNS} runs`,
    );
    verdict(
      'nothing lost',
      lost.length === 0,
      `${expected.length - lost.length}/${expected.length} declared stages exist${lost.length ? `; missing ${lost.slice(0, 3).join(', ')}` : ''}`,
    );
    verdict(
      'nothing duplicated or extra',
      duplicated.length === 0 && extra.length === 0 && leftPruned === 0,
      `${live.size} live stages, ${duplicated.length} duplicated, ${extra.length} extra, ${leftPruned}/${PRUNED} pruned left`,
    );
    verdict(
      'declared properties in place',
      wrong.length === 0,
      `${expected.length - wrong.length}/${expected.length} match the spec${wrong.length ? `; wrong ${wrong.slice(0, 3).join(', ')}` : ''}`,
    );
    verdict(
      'unmanaged stages untouched',
      keptBystanders === BYSTANDERS,
      `${keptBystanders}/${BYSTANDERS} still there`,
    );
    verdict(
      'permanent failures reported, not created',
      createdPermanent === 0,
      `${PERMANENT_FAILURES} stages fail InvalidRequest every run; ${createdPermanent} exist`,
    );
  } finally {
    await emulator.close();
  }
}

if (import.meta.main) await main();
