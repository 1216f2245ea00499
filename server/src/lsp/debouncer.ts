/** Per-key debouncing of work, so a burst of keystrokes gives one lint. */

/** Runs the latest task of each key once the key has been quiet for `delayMs`. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  /** Replaces any pending task of `key` with `task`, run after the delay. */
  schedule(key: string, task: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      task();
    }, this.delayMs);
    this.timers.set(key, timer);
  }

  /** Forgets the pending task of `key`. */
  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  /** Forgets every pending task. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
