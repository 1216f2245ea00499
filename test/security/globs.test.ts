/** Globs come from the repository: matched as .gitignore does, in time bounded by their length, whatever they hold. */
import { strict as assert } from 'node:assert';
import { Temps, cli, ensureBuilt } from '../harness/cli';
import { globProblem, matchesGlobs } from '../../server/src/config/globs';

const DIR = '/repo';
const m = (glob: string, rel: string): boolean => matchesGlobs([glob], DIR, `${DIR}/${rel}`);

describe('security: configuration globs', function () {
  this.timeout(60000);

  it('match as .gitignore patterns do', () => {
    const cases: [string, string, boolean][] = [
      ['vendor/', 'vendor/a/main.tf', true],
      ['vendor', 'x/vendor/main.tf', true],
      ['**/*.generated.tf', 'a/b/x.generated.tf', true],
      ['**/*.generated.tf', 'x.generated.tf', true],
      ['*.generated.tf', 'a/b/x.generated.tf', true],
      ['/top.tf', 'top.tf', true],
      ['/top.tf', 'sub/top.tf', false],
      ['legacy/**', 'legacy/a/b.tf', true],
      ['legacy/**', 'other/legacy.tf', false],
      ['a/*/c.tf', 'a/b/c.tf', true],
      ['a/*/c.tf', 'a/b/d/c.tf', false],
      ['a/**/c.tf', 'a/b/d/c.tf', true],
      ['?.tf', 'x.tf', true],
      ['?.tf', 'xy.tf', false],
      ['[ab].tf', 'b.tf', true],
      ['[!ab].tf', 'b.tf', false],
      ['{dev,test}/*.tf', 'test/main.tf', true],
      ['{dev,test}/*.tf', 'prod/main.tf', false],
      ['\\*.tf', '*.tf', true],
      ['\\*.tf', 'a.tf', false],
      ['(a+)+b', 'aaab', false],
      ['(a+)+b', '(a+)+b', true],
    ];
    for (const [glob, rel, want] of cases) assert.equal(m(glob, rel), want, `${glob} ~ ${rel}`);
  });

  it('cannot backtrack: nested quantifiers and many stars stay linear', () => {
    const name = `${'a'.repeat(5000)}.tf`;
    const start = process.hrtime.bigint();
    for (const g of ['(a+)+b', '*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/**/x', '+(a|aa)+(b)']) {
      assert.equal(m(g, `d/${name}`), false, g);
    }
    assert.ok(m('*a*a*a*a*a*a*a*a*a*a*a*a*.tf', name));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // A backtracking matcher takes minutes here; the bound is loose for a shared machine.
    assert.ok(ms < 5000, `${ms} ms`);
  });

  it('refuses a glob whose alternatives expand past the limit, or that is too long', () => {
    assert.match(globProblem('{a,b}'.repeat(10)) ?? '', /expand to more than/);
    assert.match(globProblem('x'.repeat(2000)) ?? '', /longer than/);
    assert.equal(globProblem('{a,b}/**/*.tf'), undefined);
  });

  it('10,000 patterns stay fast for the CLI, and a backtracking pattern is harmless', () => {
    const temps = new Temps();
    try {
      const globs = Array.from({ length: 10000 }, (_, i) => `"gen${i}/*${i}*.tf"`).join(', ');
      const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n', '.snclint.yml': `ignore: [${globs}, "(a+)+b"]\n` };
      for (let i = 0; i < 50; i++) files[`m${i}/${'a'.repeat(60)}${i}.tf`] = 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n';
      const dir = temps.make(files);
      const r = cli(['--format', 'json', '.'], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(
        (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'unencrypted-volume').length,
        50,
      );
    } finally {
      temps.cleanup();
    }
  });

  it('a refused glob is a configuration error at its place', () => {
    const temps = new Temps();
    try {
      const dir = temps.make({ '.git/HEAD': 'x\n', '.snclint.yml': `ignore:\n  - "${'{a,b}'.repeat(10)}"\n`, 'main.tf': '\n' });
      ensureBuilt();
      const r = cli(['.'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /\.snclint\.yml:2:5: .*expand to more than/);
    } finally {
      temps.cleanup();
    }
  });
});
