/** Runs the whole engine over the shared corpus of real-world files: no crash, no syntax error on valid HCL. */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../server/src/lint/linter';
import { SourceFile, languageOf } from '../server/src/engine/source';
import { RULES } from '../rules';
import { findingViolations } from './harness/invariants';

const CORPUS = join(__dirname, '..', '..', 'shared', 'corpus');

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (languageOf(p)) out.push(p);
  }
  return out;
}

describe('corpus', function () {
  this.timeout(120_000);
  before(function () {
    if (!existsSync(CORPUS)) this.skip();
  });

  it('lints every file without an internal error and with no syntax error on any Terraform file', () => {
    const files = walk(CORPUS, []).map((p) => new SourceFile(p, readFileSync(p, 'utf8'), languageOf(p)!));
    assert.ok(files.length > 5000, `corpus has ${files.length} files`);
    const result = lint(files, { rules: RULES });
    assert.deepEqual(
      result.errors.filter((e) => e.kind === 'internal').map((e) => `${e.file}: ${e.message}`),
      [],
    );
    const tfSyntax = result.errors.filter((e) => e.kind === 'syntax' && /\.(tf|tfvars|tf\.json)$/.test(e.file));
    assert.deepEqual(
      tfSyntax.map((e) => `${e.file}: ${e.message}`),
      [],
    );
    assert.ok(result.findings.length > 0);
    // Every finding: its file holds its range, the range ends after it starts, and it points into what its message names.
    const violations = [...result.findings, ...(result.suppressed ?? []).map((s) => s.finding)].flatMap(findingViolations);
    assert.deepEqual(violations.slice(0, 20), [], `${violations.length} findings break the invariants`);
  });
});
