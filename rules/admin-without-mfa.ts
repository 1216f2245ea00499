/** admin-without-mfa: administrative IAM permissions must require multi-factor authentication. */
import { defineRule, type RuleContext } from '../server/src/lint/rule';
import type { SourceFile } from '../server/src/engine/source';
import { asString } from '../server/src/engine/value';
import { type Attribute, attr } from '../server/src/terraform/ast';
import type { TerraformModule } from '../server/src/terraform/model';
import { type Statement, adminGrants, grantReport } from './support/iam-policy';
import { FLAG_MESSAGES } from './support/flags';
import { REQUIRE_MFA_FIX, policyAttributeStatements, policyDocumentStatements } from './support/iam-sources';
import { checkMfaAccess } from './support/mfa-access';
import { documentForPeople, policyResourceForPeople } from './support/iam-audience';
import ADMIN from './data/iam-admin-actions.json';

const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

function reportStatements(ctx: RuleContext, file: SourceFile, owner: string, statements: readonly Statement[] | undefined): void {
  if (!statements) return;
  for (const g of adminGrants(statements)) {
    ctx.report({ file, range: g.statement.range, ...grantReport(owner, g), fixes: g.statement.fix ? [g.statement.fix] : [] });
  }
}

function checkPolicyAttribute(ctx: RuleContext, mod: TerraformModule, file: SourceFile, owner: string, a: Attribute | undefined): void {
  if (a) reportStatements(ctx, file, owner, policyAttributeStatements(mod, file, a));
}

/** The managed policy an ARN names, when it is one of AWS's administrative ones. */
function managedAdminPolicy(arn: string | undefined): string | undefined {
  const m = arn === undefined ? null : /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn);
  return m && ADMIN.managedAdminPolicies.includes(m[1]!) ? m[1] : undefined;
}

function checkAttachments(ctx: RuleContext, mod: TerraformModule): void {
  const targets: Readonly<Record<string, string>> = {
    aws_iam_user_policy_attachment: 'a user',
    aws_iam_group_policy_attachment: 'a group',
  };
  for (const r of mod.resourcesOf('aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment')) {
    const arn = mod.attr(r.block, 'policy_arn');
    const name = managedAdminPolicy(asString(arn?.value));
    if (!arn || !name) continue;
    let target = targets[r.type];
    if (!target) {
      const humans = ['users', 'groups'].filter((k) => {
        const v = mod.attr(r.block, k)?.value;
        return v?.kind === 'list' && v.items.length > 0;
      });
      if (!humans.length) continue;
      target = humans.join(' and ');
    }
    ctx.report({
      file: r.file,
      range: arn.value.range,
      messageId: 'managed-policy',
      data: { resource: r.address, policy: name, target },
    });
  }
}

const GOOD = `resource "aws_iam_policy" "admin" {
  name = "admin-with-mfa"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }
      },
    ]
  })
}
`;

const GOOD_DOCUMENT = `data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}
`;

const BAD = `resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}
`;

const BAD_DOCUMENT = `data "aws_iam_policy_document" "ops" {
  statement {
    sid       = "ManagePolicies"
    actions   = ["iam:AttachUserPolicy", "iam:PutUserPolicy"]
    resources = ["*"]
  }
}

resource "aws_iam_group_policy" "ops" {
  group  = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
`;

const BAD_ATTACHMENT = `resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`;

/** admin-without-mfa: IAM policies that grant administrative power without an MFA condition. */
export default defineRule({
  meta: {
    id: 'admin-without-mfa',
    title: 'Require MFA for administrative IAM permissions',
    description:
      'Reports IAM permission policies that people use (aws_iam_user_policy, aws_iam_group_policy, ' +
      'aws_iam_policy attached to users or groups or attached to nothing in the module, and ' +
      'aws_iam_policy_document data sources that feed them; JSON, heredoc or jsonencode) whose Allow ' +
      'statements grant administrative actions, every action, iam:* or a privilege-escalation action such ' +
      'as iam:AttachUserPolicy, iam:CreatePolicyVersion or sts:AssumeRole on every role, without an ' +
      'aws:MultiFactorAuthPresent condition or with a BoolIfExists one that long-term access keys skip; ' +
      'the AWS managed AdministratorAccess or IAMFullAccess policies attached to users or groups; role ' +
      'trust policies that let accounts or users assume an administrative role (by its inline, attached or ' +
      'role policies) without MFA; Azure AD conditional access policies for directory roles that do not ' +
      'require MFA; and Outscale API access policies that do not require a trusted session.',
    rationale:
      'SecNumCloud 3.2 requires strong multi-factor authentication for every administration interface, the ' +
      "provider's and its tenants' (9.6.f), and multi-factor authentication for the use cases of the " +
      'referential (9.5.a). An IAM permission that can change other permissions is administrative: without ' +
      'an MFA condition, a leaked password or access key is enough to take the whole account.',
    remediation:
      'Add a condition to each statement that grants administrative actions: Bool ' +
      'aws:MultiFactorAuthPresent = "true" (or NumericLessThan aws:MultiFactorAuthAge), or add a Deny ' +
      'statement on every action with BoolIfExists aws:MultiFactorAuthPresent = "false". Prefer roles ' +
      'assumed with MFA to managed administrator policies attached to users and groups. Avoid BoolIfExists ' +
      'on an Allow: it lets long-term access keys through.',
    severity: 'error',
    requirements: ['9.6.f', '9.5.a'],
    fixable: true,
    covers: [
      'aws_iam_policy',
      "aws_iam_role_policy (through the role's trust policy)",
      'aws_iam_user_policy',
      'aws_iam_group_policy',
      'aws_iam_role (assume_role_policy of roles made administrative by inline_policy, aws_iam_role_policy ' + 'or attachments)',
      'aws_iam_policy_document',
      'aws_iam_user_policy_attachment',
      'aws_iam_group_policy_attachment',
      'aws_iam_policy_attachment',
      'azuread_conditional_access_policy (included_roles)',
      'outscale_api_access_policy (require_trusted_env)',
    ],
    limits:
      'Configuration cannot prove that each person has an MFA device enrolled, nor see MFA enforced ' +
      'outside the policy (IAM Identity Center or an external identity provider, service control policies, ' +
      'a deny policy attached elsewhere). Only people signing in as IAM users carry ' +
      'aws:MultiFactorAuthPresent: policies of roles are judged through their trust policies (roles ' +
      'trusted by services, EKS Pod Identity, OIDC or SAML providers, or other roles are not people), and ' +
      'IAM Identity Center permission sets are not judged, since MFA is enforced at sign-in there. A ' +
      "policy document used only outside the module's resources (passed to a module, a local or an " +
      'output) is not judged, since who uses it cannot be known here; a managed policy (aws_iam_policy) ' +
      'attached to nothing in the module is judged as one people may use. Google Cloud has no Terraform ' +
      'setting that enforces 2-step verification for administrators: it is set in the Google Workspace or ' +
      'Cloud Identity admin console. Azure conditional access policies aimed at users or groups rather ' +
      'than directory roles are not judged. Policies built from variables without default, from other ' +
      'resources or from merged documents (source_policy_documents, override_policy_documents) are not ' +
      'checked.',
    messages: {
      ...FLAG_MESSAGES,
      'grant-not-action':
        '{{where}} allows every action outside its NotAction list, administrative ones included ' + '({{actions}}): {{why}}',
      'grant-all': '{{where}} allows every action ({{pattern}}): {{why}}',
      'grant-admin': '{{where}} allows {{patterns}}, which grants administrative actions ({{actions}}): {{why}}',
      'managed-policy':
        '{{resource}} attaches the AWS managed policy {{policy}} to {{target}}: no condition of that policy ' + 'can require MFA',
      'trust-without-mfa':
        '{{role}} trust policy statement{{statement}} lets {{principals}} assume an administrative role ' +
        'without MFA ({{why}}): no aws:MultiFactorAuthPresent condition requires it',
      'directory-report-only':
        '{{resource}} covers administrative directory roles without requiring MFA: its state is {{state}}, ' + 'which only reports',
      'directory-mfa-optional':
        '{{resource}} covers administrative directory roles without requiring MFA: mfa is one of several ' +
        'controls joined by {{operator}}',
      'directory-no-mfa':
        '{{resource}} covers administrative directory roles without requiring MFA: its grant controls ' +
        '({{controls}}) do not include mfa',
    },
    // Every row of its flag table (rules/data/mfa-settings.json) is noFix: only statements get a fix.
    fixes: REQUIRE_MFA_FIX,
    examples: {
      good: [
        { language: 'terraform', title: 'Full access only with MFA', code: GOOD },
        { language: 'terraform', title: 'A policy document whose admin statement requires MFA', code: GOOD_DOCUMENT },
      ],
      bad: [
        { language: 'terraform', title: 'Full access without MFA', code: BAD },
        { language: 'terraform', title: 'Privilege escalation actions without MFA', code: BAD_DOCUMENT },
        { language: 'terraform', title: 'AdministratorAccess attached to a group', code: BAD_ATTACHMENT },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      // Roles' own policies are judged through the roles' trust policies (checkMfaAccess).
      for (const r of mod.resourcesOfAny(POLICY_RESOURCES))
        if (policyResourceForPeople(mod, r)) checkPolicyAttribute(ctx, mod, r.file, r.address, attr(r.block.body, 'policy'));
      for (const d of mod.dataOf('aws_iam_policy_document'))
        if (documentForPeople(mod, d)) reportStatements(ctx, d.file, d.address, policyDocumentStatements(mod, d.file, d.block));
      checkAttachments(ctx, mod);
      checkMfaAccess(ctx, mod);
    }
  },
});
