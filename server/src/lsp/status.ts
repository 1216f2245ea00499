/** Figures for the client's language status item, and the hook through which configuration loading reports itself. */
import type { ConfigStatus, StatusParams } from '../protocol';
import type { Severity } from '../engine/types';

/** Counts findings per file and sends the status when asked to flush. */
export class StatusTracker {
  private readonly perFile = new Map<string, readonly Severity[]>();
  private config: ConfigStatus = { kind: 'defaults' };
  private scanning = false;

  constructor(private readonly send: (status: StatusParams) => void) {}

  /** Records the findings' severities of one file (by URI). */
  setFile(uri: string, severities: readonly Severity[]): void {
    this.perFile.set(uri, severities);
  }

  /** Forgets a file. */
  removeFile(uri: string): void {
    this.perFile.delete(uri);
  }

  /** What configuration is in force; the configuration loader calls this when it finds, loads or fails to load a file. */
  setConfig(config: ConfigStatus): void {
    this.config = config;
  }

  /** Whether a workspace scan is running. */
  setScanning(scanning: boolean): void {
    this.scanning = scanning;
  }

  /** The current figures. */
  current(): StatusParams {
    const count = { error: 0, warning: 0, info: 0 };
    let findings = 0;
    for (const sev of this.perFile.values()) {
      findings += sev.length;
      for (const s of sev) count[s]++;
    }
    return {
      files: this.perFile.size,
      findings,
      errors: count.error,
      warnings: count.warning,
      infos: count.info,
      scanning: this.scanning,
      config: this.config,
    };
  }

  /** Sends the current figures. */
  flush(): void {
    this.send(this.current());
  }
}
