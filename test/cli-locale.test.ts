import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type CliIo } from '../server/src/cli';
import { RULES } from '../rules';

interface Report {
  findings: { ruleId: string; file: string; line: number; column: number; message: string; fixes: { title: string }[] }[];
}

/** Lints `dir` as JSON in the language `env` asks for. */
function report(dir: string, env: Record<string, string>): Report {
  let stdout = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, env, isTty: false };
  run(['--format', 'json', '--fail-on', 'none', dir], io);
  return JSON.parse(stdout) as Report;
}

function lintIn(env: Record<string, string>, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'snclint-locale-'));
  try {
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_ebs_volume" "data" {\n  size = 40\n}\n');
    let stdout = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, env, isTty: false };
    assert.equal(run([...args, dir], io), 1);
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('cli language', () => {
  it('speaks French when LANG says so, in messages and fix titles', () => {
    const out = JSON.parse(lintIn({ LANG: 'fr_FR.UTF-8' }, ['--format', 'json'])) as {
      findings: { ruleId: string; message: string; fixes: { title: string }[] }[];
    };
    const volume = out.findings.find((f) => f.ruleId === 'unencrypted-volume');
    assert.equal(volume?.message, "aws_ebs_volume.data n'est pas chiffré : encrypted n'est pas défini et vaut false par défaut.");
    assert.equal(volume?.fixes[0]?.title, 'Définir encrypted = true');
  });

  it('stays in English otherwise, and LC_ALL wins over LANG', () => {
    assert.match(lintIn({}, []), /aws_ebs_volume\.data is not encrypted/);
    assert.match(lintIn({ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }, []), /aws_ebs_volume\.data is not encrypted/);
    assert.match(lintIn({ LANG: 'de_DE.UTF-8' }, []), /aws_ebs_volume\.data is not encrypted/);
  });

  it("gives every rule's bad examples French messages and fix titles", () => {
    const dir = mkdtempSync(join(tmpdir(), 'snclint-locale-'));
    try {
      // strict turns on the rules that recommended leaves off.
      writeFileSync(join(dir, '.snclint.yml'), 'extends: strict\n');
      for (const rule of RULES) {
        rule.meta.examples.bad.forEach((e, i) => {
          // A Helm chart is recognised by its file name.
          const name =
            e.filename ?? (e.language === 'terraform' ? 'main.tf' : rule.meta.id === 'helm-chart' ? 'Chart.yaml' : 'manifest.yaml');
          mkdirSync(join(dir, `${rule.meta.id}-${i}`));
          writeFileSync(join(dir, `${rule.meta.id}-${i}`, name), e.code);
        });
      }
      const en = report(dir, {}).findings;
      const fr = report(dir, { LANG: 'fr_FR.UTF-8' }).findings;
      assert.deepEqual(
        fr.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`),
        en.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`),
      );
      const same = fr.filter((f, i) => f.message === en[i]!.message).map((f) => `${f.ruleId}: ${f.message}`);
      assert.deepEqual(same, [], 'messages left in English');
      const titles = fr.flatMap((f, i) =>
        f.fixes.filter((x, j) => x.title === en[i]!.fixes[j]!.title).map((x) => `${f.ruleId}: ${x.title}`),
      );
      assert.deepEqual(titles, [], 'fix titles left in English');
      assert.deepEqual(
        RULES.map((r) => r.meta.id).filter((id) => !fr.some((f) => f.ruleId === id)),
        [],
        'every rule is reported',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
