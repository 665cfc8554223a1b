/** Everything one stage's execution needs from the run: the port, options and run start. */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import type { CallSlots } from './call-slots.ts';
import type { OperationDurations } from './operation-durations.ts';
import type { ResolvedApplyOptions } from './options.ts';

export interface StageContext extends ResolvedApplyOptions {
  readonly port: CloudControlPort;
  /** Epoch ms when the apply began: progress times count from it, and replays predate it. */
  readonly runStartedMs: number;
  /** Call slots a stage gives back while AWS works (with `maxOperationsInFlight`), else none. */
  readonly callSlots: CallSlots | undefined;
  /** How long the run's operations took so far: later first polls wait as long. */
  readonly operationDurations: OperationDurations;
}
