/** Plans generated spec files through the product's engine, without writing them to disk. */
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import type { SpecFile } from '../../src/desired/load-specs.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { BackoffPolicy } from '../../src/retry/policy.ts';
import type { Plan } from '../../src/plan/types.ts';
import { BENCH_REPOSITORY } from './stage-fleet.ts';

/** The product's engine over `port`, reading `files` as its spec files. */
export function benchEngine(
  files: readonly SpecFile[],
  port: CloudControlPort,
  options: { readonly concurrency: number; readonly polling?: Partial<BackoffPolicy> },
): Engine {
  return createEngine({
    port,
    repository: BENCH_REPOSITORY,
    region: 'us-east-1',
    maxConcurrency: options.concurrency,
    operationTimeoutMs: 60_000,
    readSpecFiles: async () => [...files],
    ...(options.polling ? { polling: options.polling } : {}),
  });
}

export async function planFiles(
  files: readonly SpecFile[],
  port: CloudControlPort,
  options: { readonly prune: boolean; readonly concurrency: number },
  engine: Engine = benchEngine(files, port, options),
): Promise<Plan> {
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
