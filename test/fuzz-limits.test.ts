/** Limits every host shares: oversized and binary files, symbolic link loops, and a rule that throws inside the language server. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../rules';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';
import { DEFAULT_MAX_FILE_SIZE, MAX_NESTING, nestingProblem } from '../server/src/engine/limits';
import { lint } from '../server/src/lint/linter';
import { defineRule, type Rule } from '../server/src/lint/rule';
import { SourceFile } from '../server/src/engine/source';
import { collectFiles } from '../server/src/workspace/walk';
import { run, type CliIo } from '../server/src/cli';
import { DocumentLinter } from '../server/src/lsp/document-linter';
import type { JsonReport } from '../server/src/output/json';

const US_PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n';

function tf(text: string, name = 'main.tf'): SourceFile {
  return new SourceFile(name, text, 'terraform');
}

/** A Terraform file of exactly `bytes` UTF-8 bytes that would raise a finding if read. */
function sized(bytes: number, filler = ' '): string {
  const pad = bytes - Buffer.byteLength(US_PROVIDER) - 1;
  return `${US_PROVIDER}#${filler.repeat(pad / Buffer.byteLength(filler))}`;
}

const THROWS = defineRule({
  meta: {
    id: 'always-throws',
    title: 't',
    description: 'd',
    rationale: 'r',
    remediation: 'r',
    severity: 'error',
    requirements: [],
    fixable: false,
    covers: [],
    examples: { good: [], bad: [] },
    messages: {},
  },
  check() {
    throw new Error('boom');
  },
});

describe('limits', () => {
  describe('file size', () => {
    it('skips a file over maxFileSize with a notice naming the limit, and reads one at the limit', () => {
      const settings = { ...DEFAULT_SETTINGS, maxFileSize: 200 };
      const over = lint([tf(sized(201))], { rules: RULES, settings });
      assert.deepEqual(over.findings, []);
      assert.deepEqual(
        over.errors.map((e) => [e.file, e.kind, e.message]),
        [['main.tf', 'skipped', 'File is larger than the 0 MB limit (maxFileSize = 200 bytes); it was not checked']],
      );
      const at = lint([tf(sized(200))], { rules: RULES, settings });
      assert.deepEqual(at.errors, []);
      assert.deepEqual(
        at.findings.map((f) => f.ruleId),
        ['non-eu-region'],
      );
    });

    it('counts UTF-8 bytes, not characters', () => {
      const text = sized(202, 'é');
      assert.ok(text.length < 200);
      const r = lint([tf(text)], { rules: RULES, settings: { ...DEFAULT_SETTINGS, maxFileSize: 200 } });
      assert.deepEqual(
        r.errors.map((e) => e.kind),
        ['skipped'],
      );
    });

    it('defaults to 5 MB', () => {
      assert.equal(DEFAULT_MAX_FILE_SIZE, 5 * 1024 * 1024);
      const over = lint([tf(sized(DEFAULT_MAX_FILE_SIZE + 1))], { rules: RULES });
      assert.deepEqual(
        over.errors.map((e) => e.message),
        ['File is larger than the 5 MB limit (maxFileSize = 5242880 bytes); it was not checked'],
      );
      const at = lint([tf(sized(DEFAULT_MAX_FILE_SIZE))], { rules: RULES });
      assert.deepEqual(at.errors, []);
      assert.equal(at.findings.length, 1);
    });

    it('skips only the large file: the rest of the run is linted', () => {
      const r = lint(
        [tf(sized(500), 'big.tf'), new SourceFile('k8s.yaml', 'apiVersion: v1\nkind: Pod\n', 'yaml'), tf(US_PROVIDER, 'other/main.tf')],
        { rules: RULES, settings: { ...DEFAULT_SETTINGS, maxFileSize: 300 } },
      );
      assert.deepEqual(
        r.errors.map((e) => [e.file, e.kind]),
        [['big.tf', 'skipped']],
      );
      assert.ok(r.findings.some((f) => f.file.path === 'other/main.tf'));
    });
  });

  describe('binary files', () => {
    it('skips a file holding NUL bytes, pointing at the first one', () => {
      for (const file of [
        tf(`${US_PROVIDER}\u0000\u0001\u0002`),
        new SourceFile('x.yaml', 'a: 1\n\u0000', 'yaml'),
        new SourceFile('x.json', '{"a":\u0000}', 'json'),
      ]) {
        const r = lint([file], { rules: RULES });
        assert.deepEqual(r.findings, []);
        assert.deepEqual(
          r.errors.map((e) => [e.kind, e.message, e.range]),
          [
            [
              'skipped',
              'File holds NUL bytes: it looks binary and was not checked',
              { start: file.text.indexOf('\u0000'), end: file.text.indexOf('\u0000') + 1 },
            ],
          ],
        );
      }
    });

    it('the CLI prints the notice and counts the file as not passing', () => {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-limits-')));
      fs.writeFileSync(path.join(dir, 'blob.tf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]));
      fs.writeFileSync(path.join(dir, 'main.tf'), 'provider "aws" {\n  region = "eu-west-3"\n}\n');
      let stdout = '';
      const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, env: {}, isTty: false };
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        assert.equal(run(['--format', 'json', '.'], io), 1);
        const report = JSON.parse(stdout) as JsonReport;
        assert.deepEqual(
          report.errors.map((e) => [e.file, e.kind, e.line]),
          [['blob.tf', 'skipped', 1]],
        );
        stdout = '';
        assert.equal(run(['.'], io), 1);
        assert.match(stdout, /blob\.tf\n +1:7 +error +Not checked: File holds NUL bytes: it looks binary and was not checked\n/);
      } finally {
        process.chdir(cwd);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('nesting', () => {
    it('finds the first bracket past the limit, and nothing at the limit', () => {
      assert.equal(nestingProblem('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING), 'JSON'), undefined);
      assert.deepEqual(nestingProblem(`x: ${'{'.repeat(MAX_NESTING + 1)}`, 'YAML'), {
        message: `YAML nested more than ${MAX_NESTING} levels deep; the file was not read.`,
        range: { start: 3 + MAX_NESTING, end: 4 + MAX_NESTING },
      });
      // Closed brackets do not add up.
      assert.equal(nestingProblem('[]'.repeat(10 * MAX_NESTING), 'JSON'), undefined);
    });
  });

  describe('symbolic links', () => {
    it('reports a file link loop as an io error and reads the rest', () => {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-limits-')));
      try {
        fs.symlinkSync(path.join(dir, 'b.tf'), path.join(dir, 'a.tf'));
        fs.symlinkSync(path.join(dir, 'a.tf'), path.join(dir, 'b.tf'));
        fs.writeFileSync(path.join(dir, 'main.tf'), US_PROVIDER);
        const c = collectFiles([dir]);
        assert.deepEqual(
          c.errors.map((e) => [path.basename(e.file), e.kind, e.message]),
          [
            ['a.tf', 'io', 'too many levels of symbolic links'],
            ['b.tf', 'io', 'too many levels of symbolic links'],
          ],
        );
        assert.deepEqual(
          c.files.map((f) => path.basename(f.path)),
          ['main.tf'],
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('a rule that throws, in the language server', () => {
    const uri = 'file:///nowhere/main.tf';
    const logs: string[] = [];
    const rules: Rule[] = [THROWS, ...RULES];
    const linter = new DocumentLinter(
      () => rules,
      () => undefined,
      (m) => logs.push(m),
    );

    it('is skipped for that file and reported once, while the other rules still report', () => {
      let doc = TextDocument.create(uri, 'terraform', 1, US_PROVIDER);
      // Three versions, as typing gives them: each is linted again, and the same failure is logged once.
      for (let version = 1; version <= 3; version++) {
        if (version > 1) doc = TextDocument.update(doc, [{ text: `${US_PROVIDER}${'\n'.repeat(version)}` }], version);
        const snapshot = linter.lint(doc)!;
        assert.equal(snapshot.version, version);
        assert.deepEqual(snapshot.diagnostics.map((d) => d.code).sort(), ['internal', 'non-eu-region']);
        const internal = snapshot.diagnostics.find((d) => d.code === 'internal')!;
        assert.match(String(internal.message), /Rule always-throws failed on the module in \/nowhere and was skipped there: Error: boom/);
      }
      assert.equal(logs.length, 1, logs.join('\n---\n'));
    });
  });
});
