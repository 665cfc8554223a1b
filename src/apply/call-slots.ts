/**
 * The apply's call slots: at most `size` stages make Cloud Control calls at once
 * (`max-concurrency`). A stage that waits for an operation AWS is carrying out, or sleeps before
 * a retry, gives its slot back and takes one again to go on; a stage going on is served before
 * a stage that has not started, so work already under way finishes first.
 */
export class CallSlots {
  private free: number;
  private readonly resuming: (() => void)[] = [];
  private readonly starting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, Math.floor(size));
  }

  /** Resolves once a slot is held; `resume` for a stage already under way. */
  acquire(kind: 'start' | 'resume'): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      (kind === 'resume' ? this.resuming : this.starting).push(resolve),
    );
  }

  release(): void {
    const next = this.resuming.shift() ?? this.starting.shift();
    if (next) next();
    else this.free += 1;
  }
}
