/**
 * Differential test against @cdktf/hcl2json (HashiCorp's HCL parser compiled to WebAssembly): for
 * every Terraform file of the shared corpus, every attribute whose value our evaluator knows from
 * literals alone must equal what hcl2json returns; and every truncated file that hcl2json rejects
 * must give us at least one syntax problem.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { parseHcl } from '../server/src/terraform/parser';
import { evaluate } from '../server/src/terraform/evaluate';
import type { Body } from '../server/src/terraform/ast';
import { hasUnknown, toPlain } from '../server/src/engine/value';

const CORPUS = join(__dirname, '..', '..', 'shared', 'corpus');

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(tf|tfvars)$/.test(name)) out.push(p);
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON with object keys sorted: hcl2json sorts them, HCL keeps them as written; both mean the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Compares the known literal attributes of a body with hcl2json's object; returns what differs. */
function compareBody(body: Body, json: Json | undefined, where: string, out: { compared: number; diffs: string[] }): void {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    out.diffs.push(`${where}: hcl2json has no object here`);
    return;
  }
  for (const a of body.attributes) {
    const v = evaluate(a.expr);
    if (v.origin !== 'literal' || hasUnknown(v)) continue;
    out.compared++;
    const ours = canonical(toTerraformJson(toPlain(v)));
    const theirs = canonical(json[a.name]);
    if (ours !== theirs) out.diffs.push(`${where}.${a.name}: ours ${ours}, hcl2json ${theirs}`);
  }
  const seen = new Map<string, number>();
  for (const b of body.blocks) {
    let node: Json | undefined = json[b.type];
    for (const l of b.labels) node = node && typeof node === 'object' && !Array.isArray(node) ? node[l] : undefined;
    const key = [b.type, ...b.labels].join('\0');
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    const label = `${where}/${[b.type, ...b.labels].join('.')}[${i}]`;
    if (!Array.isArray(node)) {
      out.diffs.push(`${label}: hcl2json has no block list here`);
      continue;
    }
    compareBody(b.body, node[i], label, out);
  }
}

/**
 * hcl2json writes Terraform JSON syntax, where a string is itself a template: a literal `${` or
 * `%{` is written `$${`, `%%{`. Our values are the strings themselves, so escape them the same way.
 */
function toTerraformJson(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
  if (Array.isArray(v)) return v.map(toTerraformJson);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toTerraformJson(x)]));
  return v;
}

describe('oracle: @cdktf/hcl2json', function () {
  this.timeout(600_000);
  let files: string[] = [];
  before(function () {
    if (!existsSync(CORPUS)) this.skip();
    files = walk(CORPUS, []);
  });

  it('agrees with us on every attribute whose value is known from literals, in every corpus file', async () => {
    const out = { compared: 0, diffs: [] as string[] };
    const rejected: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const ours = parseHcl(text);
      let theirs: Json;
      try {
        theirs = (await hcl2json(path, text)) as Json;
      } catch (e) {
        // A file HashiCorp's parser rejects must not look clean to us.
        if (ours.problems.length === 0) rejected.push(`${path}: ${String(e).split('\n')[0]}`);
        continue;
      }
      compareBody(ours.body, theirs, path.slice(CORPUS.length + 1), out);
    }
    assert.deepEqual(rejected, []);
    assert.deepEqual(out.diffs.slice(0, 20), [], `${out.diffs.length} differences in ${out.compared} values`);
    // The corpus holds about 43,000 such values; a walk that compares far fewer has lost its way.
    assert.ok(out.compared > 40_000, `compared ${out.compared} values`);
    console.log(`      (${out.compared} literal values in ${files.length} files equal to hcl2json's)`);
  });

  it('reports a syntax problem in every truncated file that hcl2json rejects', async () => {
    const sample = files.filter((_, i) => i % 10 === 0);
    let rejectedByThem = 0;
    const missed: string[] = [];
    for (const path of sample) {
      const text = readFileSync(path, 'utf8');
      for (const cut of [0.37, 0.71]) {
        const at = Math.floor(text.length * cut);
        const truncated = text.slice(0, at);
        try {
          await hcl2json(path, truncated);
          continue;
        } catch {
          rejectedByThem++;
        }
        if (parseHcl(truncated).problems.length === 0) missed.push(`${path} cut at ${at}`);
      }
    }
    assert.ok(rejectedByThem > 100, `hcl2json rejected ${rejectedByThem} truncated files`);
    console.log(`      (${rejectedByThem} truncated files rejected by hcl2json, all with a syntax problem from us)`);
    assert.deepEqual(missed, []);
  });
});
