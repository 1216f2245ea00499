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

/**
 * Per-key throttling of work: a task after a quiet spell runs at once (leading edge); tasks
 * scheduled within `delayMs` of the end of the last run wait for the end of that window and only the latest
 * runs (trailing edge), opening a new window.
 */
export class Throttle {
  private readonly windows = new Map<string, { timer?: NodeJS.Timeout; pending?: () => void }>();

  constructor(private readonly delayMs: number) {}

  /** Runs `task` now if `key` is quiet, else replaces the task waiting for the end of its window. */
  schedule(key: string, task: () => void): void {
    const open = this.windows.get(key);
    if (open) {
      open.pending = task;
      return;
    }
    // The window opens once the task has run: a task that lints on this thread is not followed at once by another.
    const w: { timer?: NodeJS.Timeout; pending?: () => void } = {};
    this.windows.set(key, w);
    try {
      task();
    } finally {
      if (this.windows.get(key) === w) {
        w.timer = setTimeout(() => {
          this.windows.delete(key);
          if (w.pending) this.schedule(key, w.pending);
        }, this.delayMs);
      }
    }
  }

  /** Forgets the window and waiting task of `key`. */
  cancel(key: string): void {
    const w = this.windows.get(key);
    if (w?.timer) clearTimeout(w.timer);
    this.windows.delete(key);
  }

  /** Forgets every window. */
  dispose(): void {
    for (const w of this.windows.values()) if (w.timer) clearTimeout(w.timer);
    this.windows.clear();
  }
}
