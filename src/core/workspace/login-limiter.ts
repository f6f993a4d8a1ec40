/**
 * Failed-login limits, per account and per address: after `max` failures within `windowMs` the
 * key is blocked until the oldest failure leaves the window. Only failures count, so a team
 * behind one address can still log in while someone guesses at an account. Where the failures are
 * kept is a `FailureLog`: the workspace keeps them in SQLite so a restart does not forget them
 * (store/sqlite/sqlite-workspace-store.ts); `memoryFailureLog` serves tests and tools.
 */
export interface LimiterOptions { max: number; windowMs: number; now?: () => number }

/** Failure times per key (ms since the epoch). */
export interface FailureLog {
  /** The key's failures at or after `since`, oldest first. */
  since(key: string, since: number): number[];
  add(key: string, at: number): void;
  /** Forgets the key's failures, or every failure older than `before` when no key is given. */
  clear(key: string | null, before?: number): void;
}

export function memoryFailureLog(maxKeys = 100_000): FailureLog {
  const failures = new Map<string, number[]>();
  return {
    since: (key, since) => (failures.get(key) ?? []).filter((t) => t >= since),
    add: (key, at) => {
      failures.set(key, [...(failures.get(key) ?? []), at]);
      if (failures.size > maxKeys) failures.delete(failures.keys().next().value as string);
    },
    clear: (key, before) => {
      if (key !== null) { failures.delete(key); return; }
      for (const [k, list] of failures) {
        const kept = list.filter((t) => t >= (before ?? Infinity));
        if (kept.length) failures.set(k, kept); else failures.delete(k);
      }
    },
  };
}

export class FailureLimiter {
  private readonly now: () => number;

  constructor(private readonly options: LimiterOptions, private readonly log: FailureLog = memoryFailureLog()) {
    this.now = options.now ?? Date.now;
  }

  private recent(key: string): number[] {
    return this.log.since(key, this.now() - this.options.windowMs + 1);
  }

  /** Milliseconds until the key may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.options.max) return 0;
    return list[list.length - this.options.max] + this.options.windowMs - this.now();
  }

  fail(key: string): void {
    const t = this.now();
    this.log.clear(null, t - this.options.windowMs);
    this.log.add(key, t);
  }

  reset(key: string): void {
    this.log.clear(key);
  }
}
