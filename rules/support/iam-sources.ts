/** Where IAM policies are written in Terraform: policy attributes (JSON or jsonencode) and aws_iam_policy_document. */
import type { Range, SourceFile } from '../../server/src/engine/source';
import type { TextEdit } from '../../server/src/engine/types';
import type { RuleFix } from '../../server/src/lint/rule';
import { asString, fromPlain } from '../../server/src/engine/value';
import { type Attribute, type Block, type Expr, type ObjectExpr, blocks } from '../../server/src/terraform/ast';
import type { TerraformModule } from '../../server/src/terraform/model';
import { appendBlock } from '../../server/src/terraform/edits';
import { type Condition, type Patterns, type Statement, patternsOf, statementsFromValue } from './iam-policy';

/** The fix title of a statement given an MFA condition, which admin-without-mfa declares. */
export const REQUIRE_MFA_FIX = { 'require-mfa': 'Require MFA: add a Bool aws:MultiFactorAuthPresent = "true" condition' } as const;

function inside(outer: Range, inner: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The object expression written at exactly `range`, searched under `root`. */
function objectAt(root: Expr, range: Range): ObjectExpr | undefined {
  if (root.kind === 'object') {
    if (root.range.start === range.start && root.range.end === range.end) return root;
    for (const item of root.items) {
      const hit = objectAt(item.value, range);
      if (hit) return hit;
    }
  } else if (root.kind === 'tuple') {
    for (const item of root.items) {
      const hit = objectAt(item, range);
      if (hit) return hit;
    }
  } else if (root.kind === 'paren') return objectAt(root.inner, range);
  return undefined;
}

/** Adds `Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }` after the last item of a statement object. */
function jsonencodeConditionEdit(file: SourceFile, obj: ObjectExpr): TextEdit | undefined {
  const first = obj.items[0];
  const last = obj.items[obj.items.length - 1];
  if (!first || !last) return undefined;
  const lastLine = file.positionAt(last.range.end).line;
  if (file.positionAt(obj.range.end).line === lastLine || file.positionAt(obj.range.start).line === file.positionAt(first.range.start).line)
    return undefined;
  const rest = file.lineText(lastLine).slice(file.positionAt(last.range.end).character);
  if (!/^\s*,?\s*((#|\/\/).*)?$/.test(rest)) return undefined;
  const eol = file.eol;
  const indent = file.indentAt(first.range.start);
  const key = first.key.kind === 'template' ? '"Condition"' : 'Condition';
  // terraform fmt leaves a multi-line item out of the alignment of the lines above it.
  const body = [`${key} = {`, '  Bool = {', '    "aws:MultiFactorAuthPresent" = "true"', '  }', '}'].map((l) => indent + l).join(eol);
  const at = file.offsetAt({ line: lastLine, character: file.lineText(lastLine).length });
  return { range: { start: at, end: at }, newText: `${eol}${body}` };
}

function fixOf(edit: TextEdit | undefined): RuleFix<'require-mfa'> | undefined {
  return edit ? { fixId: 'require-mfa', safety: 'unsafe', preferred: true, edits: [edit] } : undefined;
}

/** Statements of a `policy` attribute: a JSON string, a heredoc, or jsonencode({...}). */
export function policyAttributeStatements(mod: TerraformModule, file: SourceFile, a: Attribute): Statement[] | undefined {
  const expr = a.expr;
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1 && !expr.expandFinal) {
    const arg = expr.args[0]!;
    return statementsFromValue(
      mod.evaluate(arg),
      (v) => (inside(expr.range, v.range) ? v.range : expr.range),
      (v) => {
        const obj = inside(arg.range, v.range) ? objectAt(arg, v.range) : undefined;
        return obj ? fixOf(jsonencodeConditionEdit(file, obj)) : undefined;
      },
    );
  }
  const text = asString(mod.evaluate(expr));
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return statementsFromValue(
    fromPlain(data, expr.range),
    () => expr.range,
    () => undefined,
  );
}

/** Attributes of aws_iam_policy_document that bring in statements written elsewhere. */
const MERGED = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

/** Statements of a `data "aws_iam_policy_document"` block; undefined when some cannot be read. */
export function policyDocumentStatements(mod: TerraformModule, file: SourceFile, doc: Block): Statement[] | undefined {
  if (MERGED.some((m) => mod.attr(doc, m))) return undefined;
  if (blocks(doc.body, 'dynamic').some((d) => d.labels[0] === 'statement')) return undefined;
  const all = blocks(doc.body, 'statement');
  const out: Statement[] = [];
  for (const [i, st] of all.entries()) {
    const effectAttr = mod.attr(st, 'effect');
    const effect = effectAttr ? asString(effectAttr.value) : 'Allow';
    if (effect !== 'Allow' && effect !== 'Deny') return undefined;
    const actions = mod.attr(st, 'actions');
    const notActions = mod.attr(st, 'not_actions');
    const conditions = conditionsOf(mod, st);
    const sid = asString(mod.attr(st, 'sid')?.value);
    const canFix = conditions !== undefined && conditions.length === 0;
    out.push({
      effect,
      action: patternsOf(actions?.value),
      notAction: patternsOf(notActions?.value),
      resource: patternsOf(mod.attr(st, 'resources')?.value),
      notResource: patternsOf(mod.attr(st, 'not_resources')?.value),
      principals: documentPrincipals(mod, st),
      conditions,
      label: sid ? `statement "${sid}"` : all.length > 1 ? `statement ${i + 1}` : 'statement',
      range: (actions ?? notActions)?.attr.expr.range ?? st.headerRange,
      fix: canFix
        ? fixOf(
            appendBlock(file, st, [
              'condition {',
              '  test     = "Bool"',
              '  variable = "aws:MultiFactorAuthPresent"',
              '  values   = ["true"]',
              '}',
            ]),
          )
        : undefined,
    });
  }
  return out;
}

/** The AWS principals of a policy document statement's `principals` blocks. */
function documentPrincipals(mod: TerraformModule, st: Block): Patterns | undefined {
  const ps = blocks(st.body, 'principals');
  if (!ps.length) return undefined;
  const known: string[] = [];
  let unknownSeen = false;
  for (const p of ps) {
    const type = asString(mod.attr(p, 'type')?.value);
    const ids = patternsOf(mod.attr(p, 'identifiers')?.value);
    if (type === undefined || !ids) unknownSeen = true;
    else if (type === 'AWS' || type === '*') {
      known.push(...ids.known);
      unknownSeen ||= ids.unknown;
    }
  }
  return { known, unknown: unknownSeen };
}

function conditionsOf(mod: TerraformModule, st: Block): Condition[] | undefined {
  if (blocks(st.body, 'dynamic').length) return undefined;
  const out: Condition[] = [];
  for (const c of blocks(st.body, 'condition')) {
    const operator = asString(mod.attr(c, 'test')?.value);
    const key = asString(mod.attr(c, 'variable')?.value);
    const values = patternsOf(mod.attr(c, 'values')?.value);
    if (operator === undefined || key === undefined || !values || values.unknown) return undefined;
    out.push({ operator, key, values: values.known });
  }
  return out;
}
