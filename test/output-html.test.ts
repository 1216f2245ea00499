/** The `--format html` evidence report: self-contained, escaped, secrets masked, a status per requirement, English and French. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Temps, cli, ensureBuilt } from './harness/cli';
import { MASK, excerpt, maskSecrets } from '../server/src/output/excerpt';
import { SourceFile } from '../server/src/engine/source';
import { RULES } from '../rules';

const HOSTILE = '<script>alert(1)</script>';
const SECRET = 'Hx7-Qr92-Vz41-Secret';
const MAIN = [
  'provider "aws" {',
  '  region = "us-east-1"',
  '}',
  '',
  `# snclint:ignore unencrypted-volume until=2099-01-01 -- reason ${HOSTILE}`,
  'resource "aws_ebs_volume" "scratch" {',
  '  size = 10',
  '}',
  '',
  'resource "aws_db_instance" "main" {',
  '  username          = "admin"',
  `  password          = "${SECRET}"`,
  '  storage_encrypted = true',
  '}',
  '',
].join('\n');

describe('html report', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  const report = (files: Record<string, string>, args: string[] = [], env: Record<string, string> = {}): string => {
    const dir = temps.make(files);
    const r = cli(['--format', 'html=out/report.html', ...args, '.'], dir, { env });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.equal(r.stdout, '');
    return fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8');
  };

  it('is one self-contained file: nothing loads, nothing runs', () => {
    const html = report({ 'main.tf': MAIN });
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/,
    );
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|\bsrc=|href="http/i);
    assert.equal((html.match(/<svg /g) ?? []).length, 3, 'three inline charts');
  });

  it('escapes what the repository writes and never holds a secret', () => {
    const html = report({
      'main.tf': MAIN,
      [`k8s/${'evil'}.yaml`]: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x${HOSTILE}"\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      env:\n        - name: GITHUB_TOKEN\n          value: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n`,
    });
    assert.ok(!html.includes(HOSTILE), 'no raw markup from files');
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'), 'shown escaped');
    assert.ok(!html.includes(SECRET) && !html.includes('ghp_abcdefghijklmnopqrstuvwxyz0123456789'));
    assert.ok(
      html.includes(`password          = ${MASK}`) || html.includes(`password          = &#34;${MASK}&#34;`),
      'the secret line shows masked',
    );
  });

  it('gives each requirement its status: findings, rules ran, rules turned off, not checkable from code', () => {
    const html = report({ 'main.tf': MAIN, '.snclint.yml': 'rules:\n  admin-without-mfa: off\n' });
    const status = (id: string) =>
      new RegExp(`<td class="id">${id.replace(/\./g, '\\.')}</td><td>[^<]*</td><td><span class="badge ([a-z-]+)">`).exec(html)?.[1];
    assert.equal(status('19.2.b'), 'findings', 'the US region');
    assert.equal(status('10.2.c'), 'clean', 'weak-tls ran and found nothing');
    const mfaOnly = RULES.filter((r) => r.meta.requirements.includes('9.5.a'));
    assert.deepEqual(
      mfaOnly.map((r) => r.meta.id),
      ['admin-without-mfa'],
    );
    assert.equal(status('9.5.a'), 'off', 'its only rule is turned off');
    assert.equal(status('9.5.b'), 'not-checkable', 'no rule cites account lockout');
    assert.match(html, /admin-without-mfa&#34;: &#34;off&#34;/, 'the configuration in force is shown');
    assert.match(html, /\.snclint\.yml<\/code> · 1 files/);
  });

  it('lists suppressions with reason and expiry, and files not checked with the reason', () => {
    const html = report(
      { 'main.tf': MAIN, 'broken.tf': 'resource "x" "y" {\n', '.gitignore': 'gen/\n', '.git/HEAD': 'x\n', 'gen/a.tf': MAIN },
      ['gen'],
    );
    assert.match(html, /<td>main\.tf:5<\/td><td><code>unencrypted-volume<\/code><\/td>/);
    assert.match(html, /<td>2099-01-01<\/td>/);
    assert.match(html, /<td>broken\.tf<\/td><td>syntax error, checked in part: /);
    assert.match(
      html,
      /<td>gen<\/td><td>gen is ignored by \.gitignore, skipped \(pattern &#39;gen\/&#39; in \.gitignore; --no-ignore lints it\)<\/td>/,
    );
    assert.match(html, /<code>--fail-on error<\/code>/);
  });

  it('speaks French when the locale is French', () => {
    const html = report({ 'main.tf': MAIN }, [], { LANG: 'fr_FR.UTF-8' });
    assert.match(html, /<html lang="fr">/);
    for (const w of [
      'Rapport de preuves SecNumCloud 3.2',
      'Constats par exigence',
      'Exceptions',
      'Fichiers non vérifiés',
      'Configuration en vigueur',
      'hors de l&#39;Union européenne',
    ])
      assert.ok(html.includes(w), w);
  });

  describe('secret masking in excerpts', () => {
    it('masks values of secret-like names, known token shapes and long random tokens; keeps references', () => {
      assert.equal(maskSecrets('  password = "hunter22"'), `  password = "${MASK}"`);
      assert.equal(maskSecrets('  db_password: s3cr3t-value'), `  db_password: ${MASK}`);
      assert.equal(maskSecrets('  "client_secret": "abcd1234"'), `  "client_secret": "${MASK}"`);
      assert.equal(maskSecrets('  key = "AKIAABCDEFGHIJKLMNOP"'), `  key = "${MASK}"`);
      assert.equal(maskSecrets('  digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"'), `  digest = "${MASK}"`);
      assert.equal(maskSecrets('  password = var.db_password'), '  password = var.db_password');
      assert.equal(maskSecrets('  password = "${var.pw}"'), '  password = "${var.pw}"');
      assert.equal(maskSecrets('  password_length = 24'), '  password_length = 24');
      assert.equal(
        maskSecrets('  name = "a-perfectly-ordinary-and-rather-long-resource-name"'),
        '  name = "a-perfectly-ordinary-and-rather-long-resource-name"',
      );
    });

    it('shows the finding lines with context, masking the range of a finding about a secret', () => {
      const file = new SourceFile('main.tf', MAIN, 'terraform');
      const start = MAIN.indexOf(`"${SECRET}"`);
      const lines = excerpt(file, { start, end: start + SECRET.length + 2 }, true);
      assert.deepEqual(
        lines.map((l) => l.line),
        [10, 11, 12, 13, 14],
      );
      assert.deepEqual(
        lines.filter((l) => l.hit).map((l) => l.text),
        [`  password          = ${MASK}`],
      );
      const last = excerpt(file, { start: MAIN.length - 2, end: MAIN.length - 1 }, false);
      assert.equal(last[last.length - 1]!.line, 14, 'no line after the final line break');
    });
  });
});
