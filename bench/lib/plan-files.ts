/** Plans generated spec files through the product's engine, without writing them to disk. */
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import type { SpecFile } from '../../src/desired/load-specs.ts';
import { createEngine } from '../../src/engine/engine.ts';
import type { Plan } from '../../src/plan/types.ts';
import { BENCH_REPOSITORY } from './stage-fleet.ts';

export async function planFiles(
  files: readonly SpecFile[],
  port: CloudControlPort,
  options: { readonly prune: boolean; readonly concurrency: number },
): Promise<Plan> {
  const engine = createEngine({
    port,
    repository: BENCH_REPOSITORY,
    region: 'us-east-1',
    maxConcurrency: options.concurrency,
    operationTimeoutMs: 60_000,
    readSpecFiles: async () => [...files],
  });
  const outcome = await engine.plan({
    workspace: '.',
    patterns: ['stages/**/*.yml'],
    prune: options.prune,
  });
  if (outcome.kind === 'planned') return outcome.plan;
  throw new Error(
    outcome.kind === 'invalid-specs'
      ? `generated specs invalid: ${outcome.problems[0]?.message}`
      : outcome.message,
  );
}
