/** The import graph: no cycle, and each layer imports only the layers below it (ARCHITECTURE.md). */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Folders of server/src and what each may import, besides itself (data files under rules/data are open to all but configuration). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'server/src/engine': [],
  // Configuration receives the rules' metadata and region table from its caller: it imports nothing of rules/, data included.
  'server/src/config': ['server/src/engine', 'server/src/workspace'],
  'server/src/terraform': ['server/src/engine'],
  'server/src/kubernetes': ['server/src/engine', 'server/src/terraform'],
  'server/src/lint': ['server/src/engine', 'server/src/terraform', 'server/src/kubernetes', 'server/src/config'],
  'server/src/output': ['server/src/engine', 'server/src/lint', 'server/src/config', 'server/src/i18n', 'rules'],
  'server/src/workspace': ['server/src/engine', 'server/src/terraform'],
};

/** The two hosts: each adapts the engine, and neither imports the other (what they share lives in workspace/ and below). */
function hostOf(file: string): 'cli' | 'lsp' | undefined {
  if (file === 'server/src/cli.ts' || file.startsWith('server/src/cli/')) return 'cli';
  if (file === 'server/src/server.ts' || file.startsWith('server/src/lsp/')) return 'lsp';
  return undefined;
}

/** The imports from one host into the other, as `file -> target`. */
function crossHostImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const wrong: string[] = [];
  for (const [f, targets] of graph) {
    const host = hostOf(f);
    if (host) for (const t of targets) if (hostOf(t) && hostOf(t) !== host) wrong.push(`${f} -> ${t}`);
  }
  return wrong;
}

/** Every relative import of a TypeScript file, type-only ones included, as repository paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
    const target = path.normalize(path.join(path.dirname(file), m[1]!));
    for (const candidate of [`${target}.ts`, path.join(target, 'index.ts'), target]) {
      if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) {
        out.push(candidate.split(path.sep).join('/'));
        break;
      }
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('layers', () => {
  const files = [...sourceFiles('server/src'), ...sourceFiles('rules'), ...sourceFiles('client/src')];
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.endsWith('.ts'))]));

  it('has no import cycle, type-only imports included', () => {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') assert.fail(`import cycle: ${[...stack.slice(stack.indexOf(t)), t].join(' -> ')}`);
        if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
  });

  it('lets each layer import only the layers below it', () => {
    const wrong: string[] = [];
    for (const [layer, allowed] of Object.entries(ALLOWED)) {
      for (const f of files.filter((x) => x.startsWith(`${layer}/`))) {
        for (const t of importsOf(f)) {
          const data = t.startsWith('rules/data/') && layer !== 'server/src/config';
          if (t.startsWith(`${layer}/`) || data || allowed.some((a) => t.startsWith(`${a}/`))) continue;
          wrong.push(`${f} -> ${t}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('reads a configuration without loading a rule: nothing config/ reaches, directly or not, is under rules/', () => {
    const reached = new Set<string>();
    const visit = (f: string): void => {
      if (reached.has(f)) return;
      reached.add(f);
      for (const t of importsOf(f)) if (t.endsWith('.ts')) visit(t);
      for (const t of importsOf(f)) reached.add(t);
    };
    for (const f of files.filter((x) => x.startsWith('server/src/config/'))) visit(f);
    assert.deepEqual([...reached].filter((f) => f.startsWith('rules/')).sort(), []);
  });

  it('keeps the hosts apart: the CLI imports nothing of the language server, nor the server of the CLI', () => {
    assert.deepEqual(crossHostImports(graph), []);
    // The check itself: an import from either host into the other is caught.
    const planted = new Map([
      ...graph,
      ['server/src/cli/x.ts', ['server/src/lsp/module-files.ts']],
      ['server/src/lsp/y.ts', ['server/src/cli.ts']],
    ]);
    assert.deepEqual(crossHostImports(planted), [
      'server/src/cli/x.ts -> server/src/lsp/module-files.ts',
      'server/src/lsp/y.ts -> server/src/cli.ts',
    ]);
  });

  it('keeps the client to the protocol: it imports nothing of the server but protocol.ts', () => {
    const wrong = files
      .filter((f) => f.startsWith('client/src/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((t) => t.startsWith('server/') && t !== 'server/src/protocol.ts')
          .map((t) => `${f} -> ${t}`),
      );
    assert.deepEqual(wrong, []);
  });
});
