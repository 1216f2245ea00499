/** IAM policy statements, whatever syntax wrote them, and which administrative actions they grant without MFA. */
import type { Range } from '../../server/src/engine/source';
import type { RuleFix } from '../../server/src/lint/rule';
import { type Value, asString } from '../../server/src/engine/value';
import ADMIN from '../data/iam-admin-actions.json';

/** One condition test: `"Bool": { "aws:MultiFactorAuthPresent": "true" }` gives operator Bool, key aws:MultiFactorAuthPresent. */
export interface Condition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A list of patterns; `unknown` when some entry cannot be known. */
export interface Patterns {
  readonly known: readonly string[];
  readonly unknown: boolean;
}

/** A statement normalised from JSON, jsonencode or aws_iam_policy_document. */
export interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly action?: Patterns;
  readonly notAction?: Patterns;
  readonly resource?: Patterns;
  readonly notResource?: Patterns;
  /** AWS principals of a trust policy statement (`*` for anyone); undefined when the statement names none. */
  readonly principals?: Patterns;
  /** Undefined when some condition cannot be known. */
  readonly conditions: readonly Condition[] | undefined;
  /** How the message names the statement: `statement "AllowAll"`, `statement 2`. */
  readonly label: string;
  /** Where a finding on this statement is reported. */
  readonly range: Range;
  /** The fix that adds an MFA condition, when the syntax allows one. */
  readonly fix?: RuleFix;
}

/** What an Allow statement grants without MFA. */
export interface AdminGrant {
  readonly statement: Statement;
  /** Administrative actions granted, from rules/data/iam-admin-actions.json. */
  readonly actions: readonly string[];
  /** The statement's own Action entries that grant them. */
  readonly patterns: readonly string[];
  /** The statement relies on BoolIfExists, which lets long-term access keys through. */
  readonly ifExists: boolean;
}

const MFA_PRESENT = 'aws:multifactorauthpresent';
const MFA_AGE = 'aws:multifactorauthage';
/** Keys a deny may also test without narrowing it for direct calls. */
const NEUTRAL_DENY_KEYS = new Set(['aws:viaawsservice']);

/** Plain strings of a value that is a string or a list of strings. */
export function patternsOf(v: Value | undefined): Patterns | undefined {
  if (!v || v.kind === 'null') return undefined;
  const scalar = asString(v);
  if (scalar !== undefined) return { known: [scalar], unknown: false };
  if (v.kind === 'list') {
    const known: string[] = [];
    let unknown = false;
    for (const i of v.items) {
      const s = asString(i);
      if (s === undefined) unknown = true;
      else known.push(s);
    }
    return { known, unknown };
  }
  return { known: [], unknown: true };
}

function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .split(/(\*|\?|\$\{[^}]*\})/)
    .map((part) => (part === '*' ? '.*' : part === '?' ? '.' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

/** Whether an IAM action pattern (`iam:Put*`, `*`) covers an action. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcard(pattern, true).test(action);
}

function resourceMatches(pattern: string, arn: string): boolean {
  return wildcard(pattern, false).test(arn);
}

/** Whether a statement's Action/NotAction covers an action; undefined when that cannot be known. */
function grantsAction(s: Statement, action: string): boolean | undefined {
  if (s.action) {
    if (s.action.known.some((p) => actionMatches(p, action))) return true;
    return s.action.unknown ? undefined : false;
  }
  if (s.notAction) {
    if (s.notAction.known.some((p) => actionMatches(p, action))) return false;
    return s.notAction.unknown ? undefined : true;
  }
  return false;
}

function coversResource(s: Statement, sample: string): boolean {
  if (s.resource) return s.resource.known.some((p) => resourceMatches(p, sample));
  if (s.notResource) return !s.notResource.unknown && !s.notResource.known.some((p) => resourceMatches(p, sample));
  return false;
}

function isTrueString(v: string): boolean {
  return v.toLowerCase() === 'true';
}

/** How an Allow statement's conditions treat MFA. */
function allowMfa(conds: readonly Condition[]): 'enforced' | 'if-exists' | 'none' {
  let ifExists = false;
  for (const c of conds) {
    const op = c.operator.toLowerCase();
    const key = c.key.toLowerCase();
    if (key === MFA_PRESENT && c.values.length > 0 && c.values.every(isTrueString)) {
      if (op === 'bool') return 'enforced';
      if (op === 'boolifexists') ifExists = true;
    }
    if (key === MFA_AGE && (op === 'numericlessthan' || op === 'numericlessthanequals')) return 'enforced';
    if (key === MFA_AGE && (op === 'numericlessthanifexists' || op === 'numericlessthanequalsifexists')) ifExists = true;
  }
  return ifExists ? 'if-exists' : 'none';
}

/** A Deny that refuses every request made without MFA, long-term access keys included. */
function enforcesMfa(s: Statement): boolean {
  if (s.effect !== 'Deny' || !s.conditions || !s.conditions.length) return false;
  if (!s.resource || s.resource.unknown || !s.resource.known.includes('*')) return false;
  let mfa = false;
  for (const c of s.conditions) {
    const op = c.operator.toLowerCase();
    const key = c.key.toLowerCase();
    if (key === MFA_PRESENT && op === 'boolifexists' && c.values.length && c.values.every((v) => v.toLowerCase() === 'false')) mfa = true;
    else if (key === MFA_AGE && op === 'null' && c.values.length && c.values.every(isTrueString)) mfa = true;
    else if (!NEUTRAL_DENY_KEYS.has(key)) return false;
  }
  return mfa;
}

/** Whether some Deny statement of the policy leaves the reader unsure of what it refuses. */
function uncertainDeny(s: Statement): boolean {
  if (s.effect !== 'Deny') return false;
  return !s.conditions || !!s.action?.unknown || !!s.notAction?.unknown || !!s.resource?.unknown || !!s.notResource?.unknown;
}

/** Whether an Allow statement's conditions require MFA in a way long-term credentials cannot skip. */
export function requiresMfa(s: Statement): boolean | undefined {
  return s.conditions ? allowMfa(s.conditions) === 'enforced' : undefined;
}

/**
 * The Allow statements of one policy that grant administrative actions without MFA. A policy
 * whose Deny statements cannot all be read gives nothing: one of them may enforce MFA.
 */
export function adminGrants(statements: readonly Statement[]): AdminGrant[] {
  if (statements.some(uncertainDeny)) return [];
  const denies = statements.filter(enforcesMfa);
  const deniedWithoutMfa = (action: string): boolean => denies.some((d) => grantsAction(d, action) === true);
  const open = statements.filter((s) => s.effect === 'Allow' && s.conditions && allowMfa(s.conditions) !== 'enforced');
  const grantedAnywhere = (action: string): boolean => !deniedWithoutMfa(action) && open.some((s) => grantsAction(s, action) === true);

  const out: AdminGrant[] = [];
  for (const s of open) {
    const actions: string[] = [];
    for (const entry of ADMIN.actions as readonly { action: string; resourceSamples: readonly string[]; withAnyOf?: readonly string[] }[]) {
      if (grantsAction(s, entry.action) !== true || deniedWithoutMfa(entry.action)) continue;
      if (!entry.resourceSamples.some((arn) => coversResource(s, arn))) continue;
      if (entry.withAnyOf && !entry.withAnyOf.some(grantedAnywhere)) continue;
      actions.push(entry.action);
    }
    if (!actions.length) continue;
    const patterns = s.action ? s.action.known.filter((p) => actions.some((a) => actionMatches(p, a))) : [];
    out.push({ statement: s, actions, patterns, ifExists: allowMfa(s.conditions!) === 'if-exists' });
  }
  return out;
}

/** The patterns that grant every action, or every IAM action, outright. */
export function fullAccessPatterns(patterns: readonly string[]): string[] {
  return patterns.filter((p) => ADMIN.fullAccess.includes(p.toLowerCase()));
}

/** The message id and data of an administrative grant without MFA, named as `owner statement`. */
export function grantReport(
  owner: string,
  g: AdminGrant,
): { readonly messageId: 'grant-not-action' | 'grant-all' | 'grant-admin'; readonly data: Readonly<Record<string, string>> } {
  const where = `${owner} ${g.statement.label}`;
  const actions = g.actions.slice(0, 3).join(', ') + (g.actions.length > 3 ? `, and ${g.actions.length - 3} more` : '');
  const full = fullAccessPatterns(g.patterns);
  const why = g.ifExists
    ? 'its BoolIfExists MFA condition lets requests signed with long-term access keys through without MFA'
    : 'no aws:MultiFactorAuthPresent condition requires MFA';
  if (g.statement.notAction) return { messageId: 'grant-not-action', data: { where, actions, why } };
  if (full.includes('*') || full.includes('*:*')) return { messageId: 'grant-all', data: { where, pattern: `"${full[0]}"`, why } };
  return { messageId: 'grant-admin', data: { where, patterns: g.patterns.map((p) => `"${p}"`).join(', '), actions, why } };
}

/** Statements of a policy given as a value: parsed JSON or the argument of jsonencode(). */
export function statementsFromValue(
  doc: Value,
  place: (v: Value) => Range,
  fixFor: (statement: Value, index: number) => RuleFix | undefined,
): Statement[] | undefined {
  if (doc.kind !== 'map') return undefined;
  const st = doc.entries.get('Statement');
  if (!st) return [];
  const list = st.kind === 'list' ? st.items : st.kind === 'map' ? [st] : undefined;
  if (!list) return undefined;
  const out: Statement[] = [];
  list.forEach((v, i) => {
    if (v.kind !== 'map') return;
    const effect = asString(v.entries.get('Effect'));
    if (effect !== 'Allow' && effect !== 'Deny') return;
    const sid = asString(v.entries.get('Sid'));
    const action = patternsOf(v.entries.get('Action'));
    const notAction = patternsOf(v.entries.get('NotAction'));
    const at = v.entries.get('Action') ?? v.entries.get('NotAction') ?? v;
    out.push({
      effect,
      action,
      notAction,
      resource: patternsOf(v.entries.get('Resource')),
      notResource: patternsOf(v.entries.get('NotResource')),
      principals: principalsOf(v.entries.get('Principal')),
      conditions: conditionsOf(v.entries.get('Condition')),
      label: sid ? `statement "${sid}"` : list.length > 1 ? `statement ${i + 1}` : 'statement',
      range: place(at),
      fix: v.entries.has('Condition') ? undefined : fixFor(v, i),
    });
  });
  return out;
}

/** The AWS principals of a JSON `Principal`: `"*"`, or the `AWS` entry of a map. */
function principalsOf(v: Value | undefined): Patterns | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value === '*' ? { known: ['*'], unknown: false } : undefined;
  if (v.kind !== 'map') return { known: [], unknown: true };
  return patternsOf(v.entries.get('AWS'));
}

function conditionsOf(v: Value | undefined): Condition[] | undefined {
  if (!v || v.kind === 'null') return [];
  if (v.kind !== 'map') return undefined;
  const out: Condition[] = [];
  for (const [operator, tests] of v.entries) {
    if (tests.kind !== 'map') return undefined;
    for (const [key, values] of tests.entries) {
      const p = patternsOf(values);
      if (!p || p.unknown) return undefined;
      out.push({ operator, key, values: p.known });
    }
  }
  return out;
}
