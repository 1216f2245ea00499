/** Who may reach administrative power without MFA: role trust policies, Azure AD conditional access, Outscale API access. */
import type { RuleContext } from '../../server/src/lint/rule';
import { type Value, asString } from '../../server/src/engine/value';
import { attr, blocks } from '../../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';
import { type Statement, actionMatches, adminGrants, requiresMfa } from './iam-policy';
import { policyAttributeStatements, policyDocumentStatements } from './iam-sources';
import { type FlagSpec, checkFlags } from './flags';
import ADMIN from '../data/iam-admin-actions.json';
import MFA from '../data/mfa-settings.json';

/** Statements of a policy attribute, written in place or in an aws_iam_policy_document it refers to. */
function statementsOf(mod: TerraformModule, r: TfResource, name: string): Statement[] | undefined {
  const a = attr(r.block.body, name);
  if (!a) return undefined;
  const doc = mod.referencedResources(a.expr).find((d) => d.type === 'aws_iam_policy_document');
  if (doc && a.expr.kind === 'traversal') return policyDocumentStatements(mod, doc.file, doc.block);
  return policyAttributeStatements(mod, r.file, a);
}

function managedAdmin(arn: string | undefined): string | undefined {
  const m = arn === undefined ? null : /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn);
  return m && ADMIN.managedAdminPolicies.includes(m[1]!) ? m[1] : undefined;
}

/** Why a role is administrative (an attached managed policy, an inline or attached policy granting admin actions), or undefined. */
function adminReason(mod: TerraformModule, role: TfResource): string | undefined {
  const arns = mod.attr(role.block, 'managed_policy_arns')?.value;
  if (arns?.kind === 'list') {
    for (const v of arns.items) {
      const name = managedAdmin(asString(v));
      if (name) return `it has the AWS managed policy ${name}`;
    }
  }
  for (const p of blocks(role.block.body, 'inline_policy')) {
    const a = attr(p.body, 'policy');
    const st = a ? policyAttributeStatements(mod, role.file, a) : undefined;
    if (st && adminGrants(st).length) return 'its inline policy grants administrative actions';
  }
  for (const rp of mod.referencing(role, ['aws_iam_role_policy'], 'role')) {
    const st = statementsOf(mod, rp, 'policy');
    if (st && adminGrants(st).length) return `${rp.address} grants administrative actions`;
  }
  for (const att of mod.referencing(role, ['aws_iam_role_policy_attachment'], 'role')) {
    const arn = mod.attr(att.block, 'policy_arn');
    const name = managedAdmin(asString(arn?.value));
    if (name) return `${att.address} attaches the AWS managed policy ${name}`;
    const policy = arn ? mod.referencedResources(arn.attr.expr).find((p) => p.type === 'aws_iam_policy') : undefined;
    const st = policy ? statementsOf(mod, policy, 'policy') : undefined;
    if (policy && st && adminGrants(st).length) return `${att.address} attaches ${policy.address}, which grants administrative actions`;
  }
  return undefined;
}

/** Principals that stand for people: an account (its users), a user, or anyone. Roles and services are not. */
function humanPrincipals(s: Statement): string[] {
  if (!s.principals || s.principals.unknown) return [];
  return s.principals.known.filter((p) => p === '*' || /^\d{12}$/.test(p) || /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+)$/.test(p));
}

function assumesRole(s: Statement): boolean {
  const a = s.action;
  if (!a || a.unknown) return false;
  return a.known.some((p) => actionMatches(p, 'sts:AssumeRole'));
}

/** Role trust policies that let people assume an administrative role without MFA. */
function checkTrustPolicies(ctx: RuleContext, mod: TerraformModule): void {
  for (const role of mod.resourcesOf('aws_iam_role')) {
    const trust = statementsOf(mod, role, 'assume_role_policy');
    if (!trust) continue;
    const open = trust.filter((s) => s.effect === 'Allow' && assumesRole(s) && humanPrincipals(s).length && requiresMfa(s) === false);
    if (!open.length) continue;
    const why = adminReason(mod, role);
    if (!why) continue;
    for (const s of open) {
      ctx.report({
        file: role.file,
        range: s.range,
        messageId: 'trust-without-mfa',
        data: { role: role.address, statement: s.label.slice('statement'.length), principals: humanPrincipals(s).join(', '), why },
        fixes: s.fix ? [s.fix] : [],
      });
    }
  }
}

function stringList(v: Value | undefined): string[] | undefined {
  if (v?.kind !== 'list') return undefined;
  const out: string[] = [];
  for (const i of v.items) {
    const s = asString(i);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** Azure AD conditional access policies aimed at directory roles that grant access without MFA. */
function checkConditionalAccess(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = MFA.conditionalAccess;
  for (const r of mod.resourcesOfAny(cfg.resources)) {
    const state = asString(mod.attr(r.block, 'state')?.value);
    if (state === undefined || state === 'disabled') continue;
    const users = blocks(r.block.body, 'conditions').flatMap((c) => blocks(c.body, 'users'));
    const roles = users.map((u) => stringList(mod.attr(u, 'included_roles')?.value));
    if (!roles.some((l) => l?.length)) continue;
    const grant = blocks(r.block.body, 'grant_controls')[0];
    if (!grant) continue;
    if (mod.attr(grant, 'authentication_strength_policy_id')) continue;
    const controlsAttr = mod.attr(grant, 'built_in_controls');
    const controls = stringList(controlsAttr?.value);
    const operator = asString(mod.attr(grant, 'operator')?.value);
    if (!controlsAttr || !controls || operator === undefined) continue;
    if (controls.includes('block')) continue;
    const mfaRequired = controls.includes('mfa') && (operator === 'AND' || controls.length === 1);
    if (mfaRequired && state === 'enabled') continue;
    const range = mfaRequired ? mod.attr(r.block, 'state')!.value.range : controlsAttr.value.range;
    if (mfaRequired)
      ctx.report({ file: r.file, range, messageId: 'directory-report-only', data: { resource: r.address, state: String(state) } });
    else if (controls.includes('mfa'))
      ctx.report({ file: r.file, range, messageId: 'directory-mfa-optional', data: { resource: r.address, operator: String(operator) } });
    else
      ctx.report({
        file: r.file,
        range,
        messageId: 'directory-no-mfa',
        data: { resource: r.address, controls: controls.join(', ') || 'none' },
      });
  }
}

/** Every check of admin-without-mfa beyond IAM permission policies. */
export function checkMfaAccess(ctx: RuleContext, mod: TerraformModule): void {
  checkTrustPolicies(ctx, mod);
  checkConditionalAccess(ctx, mod);
  checkFlags(ctx, mod, MFA.flags as readonly FlagSpec[]);
}
