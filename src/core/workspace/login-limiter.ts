/**
 * Failed-login limits, per account and per address: after `max` failures within `windowMs` the
 * key is blocked until the oldest failure leaves the window. Only failures count, so a team
 * behind one address can still log in while someone guesses at an account. In memory: a restart
 * forgets the counts (documented in docs/workspace.md).
 */
export interface LimiterOptions { max: number; windowMs: number; now?: () => number }

export class FailureLimiter {
  private failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: LimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  private recent(key: string): number[] {
    const t = this.now();
    const list = (this.failures.get(key) ?? []).filter((x) => t - x < this.options.windowMs);
    if (list.length) this.failures.set(key, list); else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until the key may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.options.max) return 0;
    return list[list.length - this.options.max] + this.options.windowMs - this.now();
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
