import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../rules';
import { DocumentLinter, type LintSnapshot } from '../server/src/lsp/document-linter';
import { LintService } from '../server/src/lsp/lint-service';

/** Terraform of `count` volumes in a non-EU zone, about 950 characters each. */
function volumes(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    let tags = '';
    for (let k = 0; k < 30; k++) tags += `    tag_${k} = "value-${i}-${k}"\n`;
    parts.push(
      `resource "aws_ebs_volume" "v${i}" {\n  availability_zone = "us-east-1a"\n  size              = 10\n  tags = {\n${tags}  }\n}\n\n`,
    );
  }
  return parts.join('');
}

/** A service whose main-thread lints are recorded, over documents held in a map. */
function service(dir: string) {
  const docs = new Map<string, TextDocument>();
  const onMain: string[] = [];
  const logs: string[] = [];
  const fresh: { uri: string; snapshot: LintSnapshot | undefined }[] = [];
  const waiting: ((f: { uri: string; snapshot: LintSnapshot | undefined }) => void)[] = [];
  const linter = new DocumentLinter(
    () => RULES,
    () => undefined,
    (m) => logs.push(m),
  );
  const lint = linter.lint.bind(linter);
  linter.lint = (doc) => {
    onMain.push(doc.uri);
    return lint(doc);
  };
  const documents = { get: (uri: string) => docs.get(uri), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
  const lints = new LintService({
    linter,
    documents,
    settings: () => undefined,
    folders: () => [],
    log: (m) => logs.push(m),
    fresh: (uri, snapshot) => {
      const f = { uri, snapshot };
      fresh.push(f);
      waiting.shift()?.(f);
    },
  });
  const open = (name: string, text: string): TextDocument => {
    const uri = pathToFileURL(join(dir, name, 'main.tf')).href;
    const doc = TextDocument.create(uri, 'terraform', 1, text);
    docs.set(uri, doc);
    return doc;
  };
  const nextFresh = () =>
    new Promise<{ uri: string; snapshot: LintSnapshot | undefined }>((resolve) => {
      const f = fresh.shift();
      if (f) resolve(f);
      else waiting.push(resolve);
    });
  return { lints, open, onMain, logs, nextFresh };
}

describe('lint service: while the worker starts', function () {
  this.timeout(60000);
  let dir: string;
  let neverReady: string;
  let failing: string;
  const small = 'provider "aws" {\n  region = "us-east-1"\n}\n';
  const big = volumes(260);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'snclint-lint-service-'));
    // A worker that loads forever: it never says it is ready.
    neverReady = join(dir, 'never-ready.js');
    writeFileSync(neverReady, 'setInterval(() => undefined, 1 << 30);\n');
    // A worker that fails while loading.
    failing = join(dir, 'failing.js');
    writeFileSync(failing, "setTimeout(() => { throw new Error('cannot load'); }, 100);\n");
    assert.ok(big.length > 200_000);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lints a small document on the main thread and keeps a big one for the worker', () => {
    const s = service(dir);
    s.lints.start(neverReady, 60_000);
    const smallDoc = s.open('small', small);
    const bigDoc = s.open('big', big);
    const snapshot = s.lints.lint(smallDoc);
    assert.ok(snapshot && snapshot !== 'pending');
    assert.ok(snapshot.diagnostics.some((d) => d.code === 'non-eu-region'));
    assert.equal(s.lints.lint(bigDoc), 'pending');
    assert.ok(s.lints.behind(bigDoc));
    // A request gives the big document's last result (none yet) rather than linting it here.
    assert.equal(s.lints.current(bigDoc), undefined);
    assert.deepEqual(s.onMain, [smallDoc.uri]);
  });

  it('lints a waiting big document on the main thread when the worker fails to start', async () => {
    const s = service(dir);
    s.lints.start(failing, 60_000);
    const bigDoc = s.open('big', big);
    assert.equal(s.lints.lint(bigDoc), 'pending');
    const waiter = s.lints.whenCurrent(bigDoc);
    const f = await s.nextFresh();
    assert.equal(f.uri, bigDoc.uri);
    assert.equal(f.snapshot?.version, 1);
    assert.equal(f.snapshot?.diagnostics.filter((d) => d.code === 'non-eu-region').length, 260);
    assert.equal(await waiter, f.snapshot);
    assert.deepEqual(s.onMain, [bigDoc.uri]);
    assert.ok(s.logs.some((m) => /Linting on the main thread: the lint worker failed/.test(m)));
    assert.equal(s.lints.threaded, false);
  });

  it('gives up a worker not ready in time and lints the waiting big document on the main thread', async () => {
    const s = service(dir);
    s.lints.start(neverReady, 300);
    const bigDoc = s.open('big', big);
    assert.equal(s.lints.lint(bigDoc), 'pending');
    const f = await s.nextFresh();
    assert.equal(f.uri, bigDoc.uri);
    assert.equal(f.snapshot?.diagnostics.filter((d) => d.code === 'non-eu-region').length, 260);
    assert.ok(s.logs.some((m) => /Linting on the main thread: the lint worker was not ready within 300 ms/.test(m)));
    // From then on, every document is linted here.
    assert.notEqual(s.lints.lint(s.open('other', big)), 'pending');
  });
});
