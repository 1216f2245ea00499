/** S3 bucket policies that let anyone in: Allow statements with a `*` principal and no condition. */
import type { Range, SourceFile } from '../../server/src/engine/source';
import { type Value, asString, fromPlain } from '../../server/src/engine/value';
import { type Attribute, type Block, blocks } from '../../server/src/terraform/ast';
import type { TerraformModule } from '../../server/src/terraform/model';

/** A statement granting access to everyone, and where to report it. */
export interface PublicStatement {
  readonly file: SourceFile;
  readonly range: Range;
  readonly label: string;
}

function isStar(v: Value | undefined): boolean {
  if (!v) return false;
  if (asString(v) === '*') return true;
  if (v.kind === 'list') return v.items.some((i) => asString(i) === '*');
  if (v.kind === 'map') return isStar(v.entries.get('AWS'));
  return false;
}

function fromDocument(file: SourceFile, doc: Value, fallback: Range): PublicStatement[] {
  if (doc.kind !== 'map') return [];
  const st = doc.entries.get('Statement');
  const list = st?.kind === 'list' ? st.items : st?.kind === 'map' ? [st] : [];
  const out: PublicStatement[] = [];
  list.forEach((s, i) => {
    if (s.kind !== 'map' || asString(s.entries.get('Effect')) !== 'Allow') return;
    const principal = s.entries.get('Principal');
    const cond = s.entries.get('Condition');
    if (!isStar(principal) || (cond && cond.kind !== 'null')) return;
    const sid = asString(s.entries.get('Sid'));
    const at = principal!.range.start >= fallback.start && principal!.range.end <= fallback.end ? principal!.range : fallback;
    out.push({ file, range: at, label: sid ? `statement "${sid}"` : list.length > 1 ? `statement ${i + 1}` : 'its statement' });
  });
  return out;
}

function fromPolicyDocument(mod: TerraformModule, file: SourceFile, doc: Block): PublicStatement[] {
  const out: PublicStatement[] = [];
  const all = blocks(doc.body, 'statement');
  all.forEach((st, i) => {
    const effect = mod.attr(st, 'effect');
    if (effect && asString(effect.value) !== 'Allow') return;
    if (blocks(st.body, 'condition').length || blocks(st.body, 'dynamic').length) return;
    for (const p of blocks(st.body, 'principals')) {
      const type = asString(mod.attr(p, 'type')?.value);
      const ids = mod.attr(p, 'identifiers');
      if ((type === '*' || type === 'AWS') && ids && isStar(ids.value)) {
        const sid = asString(mod.attr(st, 'sid')?.value);
        out.push({
          file,
          range: ids.value.range,
          label: sid ? `statement "${sid}"` : all.length > 1 ? `statement ${i + 1}` : 'its statement',
        });
      }
    }
  });
  return out;
}

/** The public statements of a bucket `policy` attribute: JSON text, jsonencode() or a policy document data source. */
export function publicStatements(mod: TerraformModule, file: SourceFile, a: Attribute): PublicStatement[] {
  const expr = a.expr;
  const docs = mod.referencedResources(expr).filter((r) => r.type === 'aws_iam_policy_document' && r.mode === 'data');
  if (expr.kind === 'traversal' && docs.length === 1) return fromPolicyDocument(mod, docs[0]!.file, docs[0]!.block);
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1)
    return fromDocument(file, mod.evaluate(expr.args[0]!), expr.range);
  const text = asString(mod.evaluate(expr));
  if (text === undefined) return [];
  try {
    return fromDocument(file, fromPlain(JSON.parse(text) as unknown, expr.range), expr.range);
  } catch {
    return [];
  }
}
