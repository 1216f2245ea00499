/** Installs and runs code-server with a VSIX, for the end-to-end test. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** The shared installer, beside the repository (see README, "End-to-end test"). */
const SETUP = resolve(ROOT, '../shared/tools/setup-code-server.sh');

/** Installs code-server if needed (idempotent) and returns its entry script. */
export function setupCodeServer(): string {
  const out = execFileSync('bash', [SETUP], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 30 * 60 * 1000 });
  const entry = out.trim().split('\n').pop();
  if (!entry) throw new Error(`${SETUP} printed no entry script`);
  return entry;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** A running code-server with its own extensions and user data folders. */
export class CodeServer {
  private log = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** The folder holding the extensions and user data, removed on stop. */
    private readonly base: string,
  ) {
    child.stdout?.on('data', (c: Buffer) => (this.log += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (this.log += c.toString()));
  }

  /** Installs `vsix` into fresh folders and serves `workspace` with the given user settings. */
  static async start(entry: string, vsix: string, settings: Readonly<Record<string, unknown>>): Promise<CodeServer> {
    const base = mkdtempSync(join(tmpdir(), 'snclint-e2e-'));
    const extensions = join(base, 'extensions');
    const data = join(base, 'data');
    mkdirSync(join(data, 'User'), { recursive: true });
    writeFileSync(join(data, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    execFileSync(process.execPath, [entry, '--extensions-dir', extensions, '--user-data-dir', data, '--install-extension', vsix], {
      stdio: 'pipe',
      timeout: 120000,
    });
    const port = await freePort();
    const args = [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--extensions-dir',
      extensions,
      '--user-data-dir',
      data,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new CodeServer(child, `http://127.0.0.1:${port}`, base);
    await server.waitUntilServing();
    return server;
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`code-server exited with ${this.child.exitCode}:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`code-server did not answer within 60 s:\n${this.log}`);
  }

  /** The URL that opens `folder` as the workspace. */
  folderUrl(folder: string): string {
    return `${this.url}/?folder=${encodeURIComponent(folder)}`;
  }

  /** What code-server printed. */
  get output(): string {
    return this.log;
  }

  /** Stops the server. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.base, { recursive: true, force: true });
  }
}
