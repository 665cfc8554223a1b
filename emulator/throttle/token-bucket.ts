/**
 * A token bucket: `rate` tokens per second refill a bucket of `capacity`; a call takes one token
 * or is refused. Rate and capacity are passed on every call so a knob change takes effect at once.
 */
export class TokenBucket {
  private tokens: number | undefined;
  private updatedAt = 0;

  /** Takes a token at time `now` (ms) if there is one. A full bucket starts full. */
  take(now: number, rate: number, capacity: number): boolean {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    const refilled = this.tokens === undefined ? capacity : this.tokens + elapsedSeconds * rate;
    this.tokens = Math.min(capacity, refilled);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
