/**
 * How many stages of an apply are under way at once when operations AWS carries out hold no call
 * slot (`maxOperationsInFlight` in src/apply/options.ts). Each stage under way has at most one
 * operation in flight, so this bounds operations in flight; `max-concurrency` bounds the calls.
 *
 * The rule is AIMD, as TCP's congestion window: it starts at `initial`, each operation that
 * succeeds widens it by `increasePerSuccess` (up to `max`), and a congestion signal from AWS
 * (`OPERATION_CONGESTION` in policy.ts: a handler throttled, another operation holding the
 * stage) narrows it by `decreaseFactor` (down to `min`). One overload is answered once: a signal
 * from a stage that started before the last cut is old news, since that stage was let in under
 * the wider window. A fixed window (`fixed`) never moves.
 */
import { OPERATION_WINDOW, type OperationWindowTuning } from './policy.ts';

export type { OperationWindowTuning } from './policy.ts';

/** A stage's place in the window: its start number, to tell which signals are old news. */
export interface WindowTicket {
  readonly startNumber: number;
}

export class OperationWindow {
  private readonly tuning: OperationWindowTuning;
  private width: number;
  private underWay = 0;
  private started = 0;
  /** Stages that started before this number were let in before the last cut. */
  private cutAt = 0;
  /** Stages waiting to start; each admits itself (counts itself under way) when called. */
  private readonly waiting: (() => void)[] = [];

  constructor(tuning: Partial<OperationWindowTuning> = {}) {
    this.tuning = { ...OPERATION_WINDOW, ...tuning };
    this.width = this.clamp(this.tuning.initial);
  }

  /** A window of exactly `size` stages that AWS's answers never move. */
  static fixed(size: number): OperationWindow {
    const width = Math.max(1, Math.floor(size));
    return new OperationWindow({ initial: width, min: width, max: width });
  }

  /** How many stages may be under way now. */
  get limit(): number {
    return Math.floor(this.width);
  }

  /** Resolves with the stage's ticket once it may start; stages start in the order they asked. */
  acquire(): Promise<WindowTicket> {
    if (this.waiting.length === 0 && this.underWay < this.limit)
      return Promise.resolve(this.admit());
    return new Promise((resolve) => this.waiting.push(() => resolve(this.admit())));
  }

  /** The stage is done. */
  release(): void {
    this.underWay -= 1;
    this.admitWaiting();
  }

  /** AWS carried out one of the stage's operations. */
  succeeded(): void {
    this.width = this.clamp(this.width + this.tuning.increasePerSuccess);
    this.admitWaiting();
  }

  /** AWS said it is carrying out too much (a handler throttled, the stage held by another). */
  congested(ticket: WindowTicket): void {
    if (ticket.startNumber <= this.cutAt) return;
    this.width = this.clamp(this.width * this.tuning.decreaseFactor);
    this.cutAt = this.started;
  }

  private admit(): WindowTicket {
    this.underWay += 1;
    this.started += 1;
    return { startNumber: this.started };
  }

  private admitWaiting(): void {
    while (this.waiting.length > 0 && this.underWay < this.limit)
      (this.waiting.shift() as () => void)();
  }

  private clamp(width: number): number {
    return Math.min(this.tuning.max, Math.max(this.tuning.min, width));
  }
}
