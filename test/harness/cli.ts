/** Runs the bundled CLI as a user does, in temporary folders. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'server/out/cli.js');

/** What one run printed and returned. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Variables of the test run's own environment that would change what the CLI prints. */
const MACHINE_SPECIFIC = ['FORCE_COLOR', 'NO_COLOR', 'CI', 'LANG', 'LC_ALL', 'LC_MESSAGES'];

/**
 * The environment of a CLI child: the test run's own, without colour, CI or language hints (so the
 * suite passes on a French machine), plus what the test sets.
 */
export function childEnv(env: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of MACHINE_SPECIFIC) delete base[k];
  return { ...base, ...env };
}

/** Runs the CLI in `cwd` without colour, CI or language hints from the environment. */
export function cli(args: readonly string[], cwd: string, options: { env?: Record<string, string>; input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: childEnv(options.env),
    encoding: 'utf8',
    timeout: 30000,
    input: options.input ?? '',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Makes sure the CLI bundle exists (`npm test` builds it first). */
export function ensureBuilt(): void {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  assert.ok(fs.existsSync(CLI), `${CLI} is built`);
}

/** Temporary folders holding files (relative path → text), removed by `cleanup`. */
export class Temps {
  private readonly dirs: string[] = [];

  /** Writes the files under a fresh folder and returns its real path. */
  make(files: Record<string, string>): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-cli-')));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const d of this.dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  }
}
