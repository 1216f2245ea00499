/** Keeps the workspace's files linted: one scan at a time, rescans of changed directories, and publishing their results. */
import type { Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { Finding } from '../engine/types';
import type { ScanResult } from '../protocol';
import { pathFromUri } from './documents';
import type { StatusTracker } from './status';
import type { WorkspaceScanner } from './workspace-scan';

/** What the controller needs from the server. */
export interface ScanControllerHost {
  readonly scanner: WorkspaceScanner;
  readonly status: StatusTracker;
  readonly folders: () => readonly string[];
  /** Whether the document is open in the editor, whose own diagnostics then win. */
  readonly isOpen: (uri: string) => boolean;
  readonly send: (uri: string, diagnostics: Diagnostic[]) => void;
  readonly progress: () => Promise<WorkDoneProgressReporter>;
  readonly statusChanged: () => void;
  readonly log: (message: string) => void;
}

const severities = (findings: readonly Finding[]): Finding['severity'][] => findings.map((f) => f.severity);

/** Runs workspace scans and keeps their results published while scanning is on. */
export class ScanController {
  /** Whether workspace files are kept linted: the setting, or a scan asked for by command. */
  active = false;
  private running: Promise<ScanResult> | undefined;
  private queued: Promise<ScanResult> | undefined;

  constructor(private readonly host: ScanControllerHost) {}

  /** Whether a scan reads `path` (inside a workspace folder, not in a hidden or dependency folder). */
  covers(path: string): boolean {
    return this.host.scanner.covers(this.host.folders(), path);
  }

  /** Scans the workspace; a request during a scan gets one more scan after it, shared by every such request. */
  scan(): Promise<ScanResult> {
    if (!this.running) {
      this.running = this.run().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.scan();
      });
    return this.queued;
  }

  /** Stops keeping files linted and clears their diagnostics; a running scan ends after its directory. */
  stop(): void {
    this.active = false;
    for (const uri of this.host.scanner.clear()) {
      if (this.host.isOpen(uri)) continue;
      this.host.status.removeFile(uri);
      this.host.send(uri, []);
    }
    this.host.statusChanged();
  }

  /** Lints one directory again and publishes what changed. */
  rescan(dir: string): void {
    this.publish(this.guard(`Scanning ${dir}`, () => this.host.scanner.scanDirectory(dir)));
  }

  /** Sends the scan results of files that are not open (open ones have their own diagnostics). */
  publish(uris: readonly string[]): void {
    const { scanner, status } = this.host;
    for (const uri of uris) {
      if (this.host.isOpen(uri)) continue;
      const r = scanner.get(pathFromUri(uri));
      if (r) status.setFile(uri, severities(r.findings));
      else status.removeFile(uri);
      this.host.send(uri, r ? [...r.diagnostics] : []);
    }
    this.host.statusChanged();
  }

  private async run(): Promise<ScanResult> {
    const { scanner, status } = this.host;
    this.active = true;
    status.setScanning(true);
    this.host.statusChanged();
    const progress = await this.host.progress();
    try {
      const dirs = scanner.directories(this.host.folders());
      progress.begin('snclint', 0, `0/${dirs.length}`, false);
      this.publish(scanner.clear());
      for (let i = 0; i < dirs.length && this.active; i++) {
        this.rescan(dirs[i]!);
        progress.report(Math.round((100 * (i + 1)) / dirs.length), `${i + 1}/${dirs.length}`);
        // Lets edits and requests in between directories: a large workspace must not freeze the editor.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      progress.done();
      status.setScanning(false);
      this.host.statusChanged();
    }
    const all = [...scanner.all()];
    return { files: all.length, findings: all.reduce((n, r) => n + r.findings.length, 0) };
  }

  private guard(what: string, f: () => string[]): string[] {
    try {
      return f();
    } catch (e) {
      this.host.log(`${what} failed: ${(e as Error).stack ?? String(e)}`);
      return [];
    }
  }
}
