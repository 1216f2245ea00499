import { strict as assert } from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { run, type CliIo } from '../server/src/cli';

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
    const out = JSON.parse(lintIn({ LANG: 'fr_FR.UTF-8' }, ['--format', 'json'])) as { findings: { ruleId: string; message: string; fixes: { title: string }[] }[] };
    const volume = out.findings.find((f) => f.ruleId === 'unencrypted-volume');
    assert.equal(volume?.message, "aws_ebs_volume.data n'est pas chiffré : encrypted n'est pas défini et vaut false par défaut.");
    assert.equal(volume?.fixes[0]?.title, 'Définir encrypted = true');
  });

  it('stays in English otherwise, and LC_ALL wins over LANG', () => {
    assert.match(lintIn({}, []), /aws_ebs_volume\.data is not encrypted/);
    assert.match(lintIn({ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }, []), /aws_ebs_volume\.data is not encrypted/);
    assert.match(lintIn({ LANG: 'de_DE.UTF-8' }, []), /aws_ebs_volume\.data is not encrypted/);
  });
});
