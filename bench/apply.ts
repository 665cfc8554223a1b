/**
 * Apply benchmark : 60 updates under the plan benchmark's limits (30 ms per call,
 * 100 reads/s, 20 writes/s, 50 status polls/s, buckets of B = 2), timed against the lower bound those
 * limits allow; then a second plan must be all no-op and applying it must write nothing.
 *
 * Each update is a chain of four calls: the re-read before writing (`recheckBeforeWrite`, on by
 * default), UpdateResource, GetResourceRequestStatus once the operation is done, and the re-read
 * that checks the result. Writes are the scarce class: the last of W writes cannot be admitted
 * before 2L + (W − B)/r_w (its re-read and its own latency L come first), its operation then
 * runs D, and the closing re-read costs one more L (a poll sent when the operation is due is
 * answered after L, when it is done, so the poll's latency overlaps D). Hence
 *   T_lb = 3L + (W − B)/r_w + D = 0.09 + 58/20 + D.
 * Reads (2W = 120 at 100/s) and polls (W at 50/s) need 1.2 s each and overlap the writes.
 *
 * Choices: D = operationDurationMs = 500 ms, so the write limit dominates (as the issue intends)
 * while every update still needs a real poll. Polling `{ baseMs: 250, factor: 1.5, capMs: 2000 }`:
 * the first poll (125–250 ms, below D) learns the operation's due time from its RetryAfter, as in
 * AWS; later updates' first polls wait as long (src/apply/operation-durations.ts). maxConcurrency 20: by Little's law 20 writes/s × ~0.62 s
 * per stage needs ≥ 13 stages in flight; the action's default of 10 is measured too, for contrast.
 */
import { applyPlan } from '../src/apply/apply-plan.ts';
import { createCloudControlPort } from '../src/aws/cloud-control-client.ts';
import type { CloudControlPort } from '../src/aws/cloud-control-port.ts';
import type { RunningEmulator } from '../emulator/server.ts';
import { stageReplanner } from '../src/engine/replan.ts';
import { benchEngine, planFiles } from './lib/plan-files.ts';
import type { SpecFile } from '../src/desired/load-specs.ts';
import { summarizeCalls } from './lib/call-counts.ts';
import {
  figure,
  heading,
  median,
  seconds,
  timed,
  useEmulatorCredentials,
  verdict,
} from './lib/report.ts';
import { BENCH_REPOSITORY, generateFleet, seedApis, seedLive } from './lib/stage-fleet.ts';
import { BURST, LIMITS, newEmulator } from './plan.ts';

const UPDATES = 60;
const APIS = 6;
const OPERATION_DURATION_MS = 500;
const POLLING = { baseMs: 250, factor: 1.5, capMs: 2_000 };
const MAX_CONCURRENCY = 20;
const ACTION_DEFAULT_CONCURRENCY = 10;
const TARGET_RATIO = 1.3;

async function plan(files: readonly SpecFile[], port: CloudControlPort) {
  return { plan: await planFiles(files, port, { prune: false, concurrency: MAX_CONCURRENCY }) };
}

/** How one apply uses the options of src/apply/options.ts beyond max-concurrency. */
interface ApplyShape {
  /** Operations apart from call slots (`maxOperationsInFlight`). */
  readonly operationsInFlight?: number;
  /** The plan was made in this run just now (`planReadAt`): no re-read before writing. */
  readonly planReadAt?: number;
}

function apply(
  planned: Awaited<ReturnType<typeof plan>>,
  port: CloudControlPort,
  maxConcurrency: number,
  shape: ApplyShape = {},
) {
  return applyPlan(planned.plan, port, {
    maxConcurrency,
    ...(shape.operationsInFlight !== undefined && {
      maxOperationsInFlight: shape.operationsInFlight,
    }),
    ...(shape.planReadAt !== undefined && { planReadAt: shape.planReadAt }),
    operationTimeoutMs: 60_000,
    commitSha: 'bench',
    repository: BENCH_REPOSITORY,
    replan: stageReplanner(port, planned.plan),
    polling: POLLING,
  });
}

interface World {
  readonly emulator: RunningEmulator;
  readonly port: CloudControlPort;
  readonly files: readonly SpecFile[];
}

async function driftedWorld(): Promise<World> {
  const emulator = await newEmulator();
  emulator.knobs.operationDurationMs = OPERATION_DURATION_MS;
  const fleet = generateFleet(seedApis(emulator, APIS), UPDATES / APIS);
  seedLive(emulator, fleet.stages, () => 'drifted');
  const port = createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
  return { emulator, port, files: fleet.files };
}

/** Plans (untimed), then times the apply of the 60 updates. */
async function timedApply(world: World, maxConcurrency: number, shape: ShapeOf = () => ({})) {
  const readAt = Date.now();
  const planned = await plan(world.files, world.port);
  if (planned.plan.counts.update !== UPDATES)
    throw new Error(`expected ${UPDATES} updates, planned ${JSON.stringify(planned.plan.counts)}`);
  world.emulator.clearCalls();
  const { ms, value } = await timed(() =>
    apply(planned, world.port, maxConcurrency, shape(readAt)),
  );
  return { ms, result: value, calls: summarizeCalls(world.emulator.calls) };
}

/** The apply's shape, given when the plan's reads began. */
type ShapeOf = (planReadAt: number) => ApplyShape;

/** Timed applies, each on a fresh world: the machine is shared, so the median is reported. */
const REPEATS = 3;

export async function main(): Promise<void> {
  useEmulatorCredentials();
  const { latencyMs: L } = LIMITS;
  const lowerBoundMs =
    3 * L + ((UPDATES - BURST) / LIMITS.rateLimits.write) * 1000 + OPERATION_DURATION_MS;
  heading(
    `apply: ${UPDATES} updates (30 ms/call, 20 writes/s, 100 reads/s, 50 polls/s, burst ${BURST}; operations take ${OPERATION_DURATION_MS} ms)`,
  );
  figure('lower bound: 3L + (W − B)/write rate + D', seconds(lowerBoundMs));

  const runs: Awaited<ReturnType<typeof timedApply>>[] = [];
  let last: World | undefined;
  try {
    for (let i = 0; i < REPEATS; i++) {
      if (last) await last.emulator.close();
      last = await driftedWorld();
      runs.push(await timedApply(last, MAX_CONCURRENCY));
    }
    const ms = median(runs.map((run) => run.ms));
    figure(
      `apply (max-concurrency ${MAX_CONCURRENCY}), median of ${REPEATS}`,
      `${seconds(ms)} (${runs.map((run) => seconds(run.ms)).join(', ')})`,
    );
    figure(
      'writes / polls / reads answered',
      runs
        .map(
          (r) => `${r.calls.writesAnswered} / ${r.calls.pollsAnswered} / ${r.calls.readsAnswered}`,
        )
        .join(', '),
    );
    figure(
      'writes / polls / reads throttled',
      runs
        .map(
          (r) =>
            `${r.calls.writesThrottled} / ${r.calls.pollsThrottled} / ${r.calls.readsThrottled}`,
        )
        .join(', '),
    );
    const ratio = ms / lowerBoundMs;
    verdict(
      'apply within 1.3x of the lower bound',
      ratio <= TARGET_RATIO,
      `${ratio.toFixed(2)}x (${seconds(ms)} vs ${seconds(lowerBoundMs)})`,
    );
    const complete = runs.every(
      (run) =>
        run.result.status === 'applied' &&
        run.result.outcomes.every((o) => o.status === 'applied' && !o.drift) &&
        run.calls.writesAnswered === UPDATES,
    );
    verdict(
      'every update applied, one write each',
      complete,
      runs.map((run) => `${run.result.status}, ${run.calls.writesAnswered} writes`).join('; '),
    );

    const world = last as World;
    const again = await plan(world.files, world.port);
    world.emulator.clearCalls();
    const noop = await apply(again, world.port, MAX_CONCURRENCY);
    const after = summarizeCalls(world.emulator.calls);
    const { counts } = again.plan;
    verdict(
      'plan after apply is all no-op',
      counts.noOp === UPDATES && counts.create + counts.update + counts.delete === 0,
      `${counts.noOp} no-op, ${counts.create + counts.update + counts.delete} changes`,
    );
    const writes = after.writesAnswered + after.writesThrottled;
    verdict(
      'zero writes when nothing changed',
      writes === 0 && noop.status === 'applied',
      `${writes} write calls (${after.total} calls of any kind) applying the no-op plan`,
    );
  } finally {
    await last?.emulator.close();
  }

  const contrasts: readonly [string, number, ShapeOf][] = [
    [
      `max-concurrency ${ACTION_DEFAULT_CONCURRENCY} (action default), once`,
      ACTION_DEFAULT_CONCURRENCY,
      () => ({}),
    ],
    [
      `max-concurrency ${ACTION_DEFAULT_CONCURRENCY}, operations apart from call slots (maxOperationsInFlight ${UPDATES}), once`,
      ACTION_DEFAULT_CONCURRENCY,
      () => ({ operationsInFlight: UPDATES }),
    ],
    [
      `max-concurrency ${MAX_CONCURRENCY}, plan read in this run (planReadAt: no re-read before writing), once`,
      MAX_CONCURRENCY,
      (planReadAt) => ({ planReadAt }),
    ],
  ];
  // What ships: the engine plans and applies in one run (planReadAt, the adaptive window of
  // operations in flight) at the action's default max-concurrency.
  {
    const world = await driftedWorld();
    try {
      const engine = benchEngine(world.files, world.port, {
        concurrency: ACTION_DEFAULT_CONCURRENCY,
        polling: POLLING,
      });
      const planned = await planFiles(
        world.files,
        world.port,
        { prune: false, concurrency: ACTION_DEFAULT_CONCURRENCY },
        engine,
      );
      world.emulator.clearCalls();
      const { ms, value } = await timed(() => engine.apply(planned, { commitSha: 'bench' }));
      const calls = summarizeCalls(world.emulator.calls);
      const bound = lowerBoundMs - L; // no re-read before writing
      const throttled = calls.readsThrottled + calls.writesThrottled + calls.pollsThrottled;
      const admitted = calls.readsAnswered + calls.writesAnswered + calls.pollsAnswered;
      const allApplied = value.outcomes.every((o) => o.status === 'applied' && !o.drift);
      verdict(
        `engine as shipped (max-concurrency ${ACTION_DEFAULT_CONCURRENCY}) within 1.3x`,
        ms <= TARGET_RATIO * bound && allApplied,
        `${seconds(ms)} vs ${seconds(bound)}, ${(ms / bound).toFixed(2)}x; ${calls.readsAnswered} reads, ${calls.writesAnswered} writes${allApplied ? '' : `; NOT all applied: ${value.status}`}`,
      );
      verdict(
        'apply: throttled <= 15 % of admitted',
        throttled <= 0.15 * admitted,
        `${throttled} throttled for ${admitted} admitted`,
      );
    } finally {
      await world.emulator.close();
    }
  }
  for (const [label, concurrency, shape] of contrasts) {
    const contrast = await driftedWorld();
    try {
      const run = await timedApply(contrast, concurrency, shape);
      const allApplied = run.result.outcomes.every((o) => o.status === 'applied' && !o.drift);
      figure(
        label,
        `${seconds(run.ms)} (${(run.ms / lowerBoundMs).toFixed(2)}x the bound; ${run.calls.readsAnswered} reads, ${run.calls.writesAnswered} writes${allApplied ? '' : `; NOT all applied: ${run.result.status}`})`,
      );
    } finally {
      await contrast.emulator.close();
    }
  }
}

if (import.meta.main) await main();
