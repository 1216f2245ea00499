import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import type { LintResult } from '../../server/src/engine/types';
import { lint } from '../../server/src/lint/linter';
import { ParseCache } from '../../server/src/lint/parse-cache';
import type { ConfigFile } from '../../server/src/terraform/ast';
import { FileTexts } from '../../server/src/lsp/file-texts';
import { RULES } from '../../rules';

const ROOT = join(__dirname, '..', '..');

/** Every Terraform file under a folder of the repository. */
function terraformFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const language = languageOf(p);
        if (language === 'terraform' || language === 'terraform-json' || language === 'terraform-vars')
          out.push(new SourceFile(relative(ROOT, p), readFileSync(p, 'utf8'), language));
      }
    }
  };
  walk(join(ROOT, dir));
  return out;
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** A cache whose parse trees cannot be changed: a stage that writes to one throws, and the run records an internal error. */
class FrozenCache extends ParseCache {
  override config(file: SourceFile, parse: () => ConfigFile): ConfigFile {
    return super.config(file, () => deepFreeze(parse()));
  }
}

const summary = (r: LintResult): string[] => [
  ...r.findings.map((f) => `${f.ruleId} ${f.file.path}:${f.range.start}-${f.range.end} ${f.message} ${JSON.stringify(f.fixes)}`),
  ...r.errors.map((e) => `${e.kind} ${e.file} ${e.message.split('\n')[0]}`),
];

describe('parse cache', () => {
  const files = [...terraformFiles('examples/terraform'), ...terraformFiles('test/fixtures')];

  it('gives the same findings, fixes and errors as parsing every file, and later stages never change a cached tree', () => {
    assert.ok(files.length > 10);
    const plain = lint(files, { rules: RULES, today: '2026-01-01' });
    const cache = new FrozenCache();
    const first = lint(files, { rules: RULES, today: '2026-01-01', parseCache: cache });
    const second = lint(files, { rules: RULES, today: '2026-01-01', parseCache: cache });
    assert.deepEqual(summary(first), summary(plain));
    assert.deepEqual(summary(second), summary(plain));
    assert.equal(plain.errors.filter((e) => e.kind === 'internal').length, 0);
    assert.equal(cache.stats.hits, cache.stats.misses, 'the second run parses nothing');
  });

  it('parses a file again when its text changes, and only that file', () => {
    const cache = new ParseCache();
    const a = new SourceFile('m/a.tf', 'variable "region" {\n  default = "eu-west-3"\n}\n', 'terraform');
    const b = new SourceFile('m/b.tf', 'provider "aws" {\n  region = var.region\n}\n', 'terraform');
    const rules = RULES.filter((r) => r.meta.id === 'non-eu-region');
    assert.equal(lint([a, b], { rules, parseCache: cache }).findings.length, 0);
    const changed = new SourceFile('m/a.tf', a.text.replace('eu-west-3', 'us-east-1'), 'terraform');
    const r = lint([changed, new SourceFile(b.path, b.text, b.language)], { rules, parseCache: cache });
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['non-eu-region'],
    );
    assert.deepEqual(cache.stats, { hits: 1, misses: 3 });
  });

  it('stays within its bound, forgetting the least recently used files first', () => {
    const cache = new ParseCache(1000, 100);
    const parse = (): ConfigFile => ({
      body: { attributes: [], blocks: [], range: { start: 0, end: 0 }, openBrace: -1, closeBrace: 0 },
      comments: [],
      problems: [],
      syntax: 'hcl',
    });
    for (let i = 0; i < 5; i++) cache.config(new SourceFile(`f${i}.tf`, 'x'.repeat(40), 'terraform'), parse);
    assert.deepEqual(cache.size, { entries: 2, chars: 80 });
    cache.config(new SourceFile('big.tf', 'x'.repeat(2000), 'terraform'), parse);
    assert.equal(cache.size.entries, 2, 'a text over the entry bound is not kept');
    cache.forget('f4.tf');
    assert.equal(cache.size.entries, 1);
  });
});

describe('file texts read from disk', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'snclint-texts-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a file back while it is unchanged, for the project it was read for only', () => {
    const p = join(dir, 'a.tf');
    writeFileSync(p, 'locals {}\n');
    const texts = new FileTexts();
    texts.remember([new SourceFile(p, 'locals {}\n', 'terraform')], 'project', () => false);
    assert.equal(texts.get(p, 'project'), 'locals {}\n');
    assert.equal(texts.get(p, 'other'), undefined);
  });

  it('reads a file again once it changed on disk, even to a text of the same size', () => {
    const p = join(dir, 'b.tf');
    writeFileSync(p, 'region = "eu-west-3"\n');
    const texts = new FileTexts();
    texts.remember([new SourceFile(p, 'region = "eu-west-3"\n', 'terraform')], 'project', () => false);
    const before = statSync(p);
    writeFileSync(p, 'region = "us-east-1"\n');
    assert.equal(statSync(p).size, before.size);
    assert.equal(texts.get(p, 'project'), undefined);
  });

  it('keeps no open buffer, and forgets a file the watcher says changed', () => {
    const p = join(dir, 'c.tf');
    writeFileSync(p, 'locals {}\n');
    const texts = new FileTexts();
    texts.remember([new SourceFile(p, 'unsaved', 'terraform')], 'project', () => true);
    assert.equal(texts.get(p, 'project'), undefined);
    texts.remember([new SourceFile(p, 'locals {}\n', 'terraform')], 'project', () => false);
    texts.forget(p);
    assert.equal(texts.get(p, 'project'), undefined);
  });
});
