/**
 * Terraform plan JSON (`terraform show -json plan.out`): the planned values of every resource, in
 * the root module and in child modules, read into the same tree as configuration files so that
 * every rule applies. Values the plan marks unknown (`after_unknown`) stay unknown; ranges point
 * into the plan file, and each resource keeps its plan address.
 */
import { type Node, type ParseError, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Attribute, Block, Body, ConfigFile, Expr, SyntaxProblem } from './ast';
import { jsonValueExpr, span } from './json';
import { nestingProblem } from '../engine/limits';

/** Whether a JSON text is a Terraform plan rather than a manifest or configuration. */
export function isTerraformPlan(text: string): boolean {
  const head = text.slice(0, 4096);
  return (
    head.includes('"format_version"') &&
    (text.includes('"planned_values"') || text.includes('"resource_changes"')) &&
    text.includes('"terraform_version"')
  );
}

function prop(n: Node | undefined, key: string): Node | undefined {
  return n?.type === 'object' ? findNodeAtLocation(n, [key]) : undefined;
}

/** An expression that evaluates to unknown, for a value the plan knows only after apply. */
function unknownExpr(name: string, n: Node): Expr {
  return { kind: 'traversal', root: 'plan', steps: [{ kind: 'attr', name }], range: span(n) };
}

/** Reads a plan into resource and provider blocks. Never throws. */
export function parsePlanJson(text: string): ConfigFile {
  const blocks: Block[] = [];
  const body = (): Body => ({ attributes: [], blocks, range: { start: 0, end: text.length }, openBrace: -1, closeBrace: text.length });
  const deep = nestingProblem(text, 'JSON');
  if (deep) return { body: body(), comments: [], problems: [deep], syntax: 'json' };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const problems: SyntaxProblem[] = errors.map((e) => ({
    message: `JSON syntax error: ${printParseErrorCode(e.error)}.`,
    range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  if (root?.type !== 'object') return { body: body(), comments: [], problems, syntax: 'json' };

  const version = prop(root, 'format_version');
  if (version && typeof version.value === 'string' && !version.value.startsWith('1.')) {
    problems.push({
      message: `Unsupported Terraform plan format_version ${version.value}: snclint reads format 1.x.`,
      range: span(version),
    });
    return { body: body(), comments: [], problems, syntax: 'json' };
  }

  const unknowns = new Map<string, Node>();
  for (const rc of prop(root, 'resource_changes')?.children ?? []) {
    const address = prop(rc, 'address')?.value;
    const au = findNodeAtLocation(rc, ['change', 'after_unknown']);
    if (typeof address === 'string' && au) unknowns.set(address, au);
  }

  const walkModule = (mod: Node | undefined): void => {
    for (const r of prop(mod, 'resources')?.children ?? []) {
      const address = prop(r, 'address');
      const type = prop(r, 'type');
      const name = prop(r, 'name');
      const mode = prop(r, 'mode')?.value === 'data' ? 'data' : 'resource';
      if (!address || !type || !name || typeof address.value !== 'string') continue;
      const values = prop(r, 'values');
      blocks.push({
        type: mode,
        labels: [String(type.value), String(name.value)],
        labelRanges: [span(type), span(name)],
        typeRange: span(address),
        headerRange: span(address),
        body: values ? valuesBody(text, values, unknowns.get(address.value)) : emptyBody(r),
        range: span(r),
        address: (mode === 'data' && !address.value.includes('data.') ? 'data.' : '') + address.value,
      });
    }
    for (const child of prop(mod, 'child_modules')?.children ?? []) walkModule(child);
  };
  walkModule(findNodeAtLocation(root, ['planned_values', 'root_module']));

  // Provider configurations: constant values, and variables the plan gives values for.
  const variables = prop(root, 'variables');
  for (const p of prop(findNodeAtLocation(root, ['configuration']), 'provider_config')?.children ?? []) {
    const [keyNode, cfg] = p.children ?? [];
    const pname = prop(cfg, 'name');
    if (!keyNode || !cfg || !pname || typeof pname.value !== 'string') continue;
    // Only the root module's providers: child modules' entries are keyed `module.x:aws`.
    if (String(keyNode.value).includes(':')) continue;
    const attributes: Attribute[] = [];
    const alias = prop(cfg, 'alias');
    if (alias) attributes.push({ name: 'alias', nameRange: span(alias), expr: jsonValueExpr(text, alias), range: span(alias) });
    for (const e of prop(cfg, 'expressions')?.children ?? []) {
      const [k, v] = e.children ?? [];
      if (!k || !v) continue;
      const constant = prop(v, 'constant_value');
      const refs = prop(v, 'references')?.children ?? [];
      const ref =
        refs.length === 1 && typeof refs[0]!.value === 'string' && refs[0]!.value.startsWith('var.') ? refs[0]!.value.slice(4) : undefined;
      const fromVar = ref ? prop(prop(variables, ref), 'value') : undefined;
      const expr = constant ? jsonValueExpr(text, constant) : fromVar ? jsonValueExpr(text, fromVar) : unknownExpr(String(k.value), v);
      attributes.push({ name: String(k.value), nameRange: span(k), expr, range: span(e) });
    }
    blocks.push({
      type: 'provider',
      labels: [pname.value],
      labelRanges: [span(pname)],
      typeRange: span(keyNode),
      headerRange: span(keyNode),
      body: { attributes, blocks: [], range: span(cfg), openBrace: -1, closeBrace: cfg.offset + cfg.length - 1 },
      range: span(p),
    });
  }
  return { body: body(), comments: [], problems, syntax: 'json' };
}

function emptyBody(n: Node): Body {
  return { attributes: [], blocks: [], range: span(n), openBrace: -1, closeBrace: n.offset + n.length - 1 };
}

/** A resource's values as a body: null values are unset, unknown ones stay unknown, lists of objects are also nested blocks. */
function valuesBody(text: string, values: Node, unknown: Node | undefined): Body {
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  const seen = new Set<string>();
  for (const p of values.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    const name = String(k.value);
    seen.add(name);
    const u = prop(unknown, name);
    if (v.type === 'null') {
      if (u?.value === true) attributes.push({ name, nameRange: span(k), expr: unknownExpr(name, v), range: span(p) });
      continue;
    }
    attributes.push({ name, nameRange: span(k), expr: u?.value === true ? unknownExpr(name, v) : jsonValueExpr(text, v), range: span(p) });
    if (v.type === 'array' && (v.children ?? []).length && (v.children ?? []).every((c) => c.type === 'object')) {
      (v.children ?? []).forEach((item, i) => {
        blocks.push({
          type: name,
          labels: [],
          labelRanges: [],
          typeRange: span(k),
          headerRange: span(k),
          body: valuesBody(text, item, u?.children?.[i]),
          range: span(item),
        });
      });
    }
  }
  // Attributes the plan knows only after apply may be missing from the values altogether.
  for (const p of unknown?.type === 'object' ? (unknown.children ?? []) : []) {
    const [k, v] = p.children ?? [];
    if (k && v?.value === true && !seen.has(String(k.value)))
      attributes.push({ name: String(k.value), nameRange: span(k), expr: unknownExpr(String(k.value), k), range: span(p) });
  }
  return { attributes, blocks, range: span(values), openBrace: -1, closeBrace: values.offset + values.length - 1 };
}
