import { strict as assert } from 'node:assert';
import { SourceFile } from '../server/src/engine/source';
import { applyEdits } from '../server/src/engine/fixer';
import type { Finding } from '../server/src/engine/types';
import { fixAll, quickFixes } from '../server/src/lsp/code-actions';
import type { LintSnapshot } from '../server/src/lsp/document-linter';
import { suppressionEdit } from '../server/src/lsp/suppress';

function suppressed(file: SourceFile, line: number, rule: string): string | undefined {
  const s = suppressionEdit(file, line, rule);
  return s && applyEdits(file.text, [s.edit]).text;
}

describe('suppression comments', () => {
  it('go above the line, indented like it, in HCL and YAML', () => {
    const tf = new SourceFile('/w/main.tf', 'resource "a" "b" {\n\tregion = "us-east-1"\n}\n', 'terraform');
    assert.equal(
      suppressed(tf, 1, 'non-eu-region'),
      'resource "a" "b" {\n\t# snclint:ignore non-eu-region -- \n\tregion = "us-east-1"\n}\n',
    );
    assert.deepEqual(suppressionEdit(tf, 1, 'non-eu-region')?.cursor, {
      line: 1,
      character: '\t# snclint:ignore non-eu-region -- '.length,
    });
    const yaml = new SourceFile('/w/a.yaml', 'spec:\r\n  nodeSelector:\r\n    region: x\r\n', 'yaml');
    assert.equal(suppressed(yaml, 2, 'r'), 'spec:\r\n  nodeSelector:\r\n    # snclint:ignore r -- \r\n    region: x\r\n');
  });

  it('are not offered where a comment would become text or is not allowed', () => {
    const heredoc = new SourceFile(
      '/w/p.tf',
      'resource "a" "b" {\n  policy = <<-EOT\n    {"Action": "*"}\n  EOT\n  name = "x"\n}\n',
      'terraform',
    );
    assert.equal(suppressionEdit(heredoc, 2, 'r'), undefined);
    assert.ok(suppressionEdit(heredoc, 1, 'r'));
    assert.ok(suppressionEdit(heredoc, 4, 'r'), 'after the heredoc ends');
    const block = new SourceFile('/w/c.yaml', 'data:\n  conf: |\n    ssl-protocols TLSv1;\n    more\n  other: 1\n', 'yaml');
    assert.equal(suppressionEdit(block, 2, 'r'), undefined);
    assert.equal(suppressionEdit(block, 3, 'r'), undefined);
    assert.ok(suppressionEdit(block, 4, 'r'));
    const json = new SourceFile('/w/main.tf.json', '{\n  "provider": {}\n}\n', 'terraform-json');
    assert.equal(suppressionEdit(json, 1, 'r'), undefined);
  });
});

describe('fix-all', () => {
  const file = new SourceFile('/w/main.tf', 'a = 1\nb = 2\n', 'terraform', 3);
  const finding = (safety: 'safe' | 'unsafe', at: number, newText: string): Finding => ({
    ruleId: 'r',
    severity: 'error',
    file,
    range: { start: at, end: at + 1 },
    message: 'm',
    requirements: [],
    fixes: [{ title: 'Fix', safety, preferred: true, edits: [{ range: { start: at, end: at + 1 }, newText }] }],
    related: [],
  });
  const snapshot = (findings: Finding[]): LintSnapshot => ({ uri: 'file:///w/main.tf', version: 3, file, findings, diagnostics: [] });

  it('applies the safe fixes only, as one versioned edit', () => {
    const s = snapshot([finding('safe', 4, '9'), finding('unsafe', 10, '8')]);
    const [action, ...rest] = fixAll(s, { diagnostics: [], only: ['source.fixAll.snclint'] }, { documentChanges: true });
    assert.equal(rest.length, 0);
    assert.equal(action?.kind, 'source.fixAll.snclint');
    assert.deepEqual(action?.edit, {
      documentChanges: [
        {
          textDocument: { uri: 'file:///w/main.tf', version: 3 },
          edits: [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, newText: '9' }],
        },
      ],
    });
    assert.equal(fixAll(s, { diagnostics: [], only: ['source'] }, { documentChanges: false }).length, 1, 'asked for every source action');
  });

  it('is not offered without safe fixes, nor to a request for quick fixes', () => {
    assert.deepEqual(
      fixAll(snapshot([finding('unsafe', 4, '9')]), { diagnostics: [], only: ['source.fixAll'] }, { documentChanges: true }),
      [],
    );
    const s = snapshot([finding('safe', 4, '9')]);
    assert.deepEqual(fixAll(s, { diagnostics: [] }, { documentChanges: true }), []);
    assert.deepEqual(fixAll(s, { diagnostics: [], only: ['quickfix'] }, { documentChanges: true }), []);
    assert.deepEqual(quickFixes(s, { diagnostics: [], only: ['source.fixAll.snclint'] }, { documentChanges: true }), []);
  });
});
