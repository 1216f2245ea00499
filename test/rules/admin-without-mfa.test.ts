import { testRule } from '../harness/rule-tester';
import rule from '../../rules/admin-without-mfa';

const jsonPolicy = (statement: string): string => `resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
${statement}
      },
    ]
  })
}
`;

const document = (statement: string): string => `data "aws_iam_policy_document" "admin" {
  statement {
${statement}
  }
}

resource "aws_iam_group_policy" "admins" {
  group  = "admins"
  policy = data.aws_iam_policy_document.admin.json
}
`;

testRule(rule, {
  valid: [
    {
      name: 'full access with Bool aws:MultiFactorAuthPresent',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = true
          }
        }`),
    },
    {
      name: 'iam:* with NumericLessThan aws:MultiFactorAuthAge (key in another case)',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = ["iam:*"]
        Resource = "*"
        Condition = {
          NumericLessThan = {
            "aws:multifactorauthage" = 3600
          }
        }`),
    },
    {
      name: 'a Deny statement',
      code: jsonPolicy(`        Effect   = "Deny"
        Action   = "*"
        Resource = "*"`),
    },
    {
      name: 'non-administrative actions',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "iam:GetUser", "iam:List*"]
        Resource = "*"`),
    },
    {
      name: 'managing own access keys only',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = ["iam:CreateAccessKey", "iam:UpdateLoginProfile"]
        Resource = "arn:aws:iam::*:user/$\${aws:username}"`),
    },
    {
      name: 'iam:* on a resource known only after apply',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = ["s3:*", "iam:*"]
        Resource = aws_s3_bucket.artifacts.arn`),
    },
    {
      name: 'policy attachment on service-linked roles only',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = ["iam:AttachRolePolicy", "iam:PutRolePolicy"]
        Resource = "arn:aws:iam::*:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*"`),
    },
    {
      name: 'assuming one named role',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = "arn:aws:iam::123456789012:role/deploy"`),
    },
    {
      name: 'iam:PassRole alone',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "*"`),
    },
    {
      name: 'a policy statement without Effect is not valid and is skipped',
      code: jsonPolicy(`        Action   = "*"
        Resource = "*"`),
    },
    {
      name: 'Allow * with a Deny on everything without MFA (BoolIfExists false)',
      code: `resource "aws_iam_group_policy" "admins" {
  group = aws_iam_group.admins.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      {
        Effect    = "Deny"
        NotAction = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"]
        Resource  = "*"
        Condition = {
          BoolIfExists = {
            "aws:MultiFactorAuthPresent" = "false"
          }
        }
      },
    ]
  })
}
`,
    },
    {
      name: 'policy from a variable without default',
      code: `resource "aws_iam_policy" "p" {
  policy = var.policy
}

variable "policy" {
  type = string
}
`,
    },
    {
      name: 'policy from a policy document (the document is checked itself)',
      code: `resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
`,
    },
    {
      name: 'a statement whose condition comes from a variable without default',
      code: `${jsonPolicy(`        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
        Condition = var.condition`)}variable "condition" {\n  type = any\n}\n`,
    },
    {
      name: 'an effect that is not known',
      code: `${jsonPolicy(`        Effect   = var.effect
        Action   = "*"
        Resource = "*"`)}variable "effect" {\n  type = string\n}\n`,
    },
    {
      name: 'literal JSON heredoc with an MFA condition',
      code: `resource "aws_iam_user_policy" "ops" {
  user   = aws_iam_user.ops.name
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*",
      "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }
    }
  ]
}
EOF
}
`,
    },
    {
      name: 'policy document with the MFA condition',
      code: document(`    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }`),
    },
    {
      name: 'policy document Deny statement',
      code: document(`    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]`),
    },
    {
      name: 'policy document with a dynamic condition',
      code: document(`    actions   = ["*"]
    resources = ["*"]

    dynamic "condition" {
      for_each = var.conditions
      content {
        test     = condition.value.test
        variable = condition.value.variable
        values   = condition.value.values
      }
    }`),
    },
    {
      name: 'policy document merged with source documents',
      code: `data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.mfa.json]

  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
`,
    },
    {
      name: 'AdministratorAccess attached to a role',
      code: `resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
    },
    {
      name: 'ReadOnlyAccess attached to a user',
      code: `resource "aws_iam_user_policy_attachment" "ro" {
  user       = aws_iam_user.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
    },
    {
      name: 'aws_iam_policy_attachment to roles only',
      code: `resource "aws_iam_policy_attachment" "admin" {
  name       = "admin"
  roles      = [aws_iam_role.admin.name]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
    },
    {
      name: 'admin role whose trust policy requires MFA',
      code: 'resource "aws_iam_role" "admin" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRole"\n      Principal = { AWS = "arn:aws:iam::123456789012:root" }\n      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }\n    }]\n  })\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n}\n',
    },
    {
      name: 'a service role without MFA is not for people',
      code: 'resource "aws_iam_role" "lambda" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRole"\n      Principal = { Service = "lambda.amazonaws.com" }\n    }]\n  })\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n}\n',
    },
    {
      name: 'a role people assume without MFA that is not administrative',
      code: 'resource "aws_iam_role" "read" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRole"\n      Principal = { AWS = "arn:aws:iam::123456789012:root" }\n    }]\n  })\n  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]\n}\n',
    },
    {
      name: 'conditional access for admin roles requiring MFA',
      code: 'resource "azuread_conditional_access_policy" "admins" {\n  display_name = "admins"\n  state        = "enabled"\n\n  conditions {\n    client_app_types = ["all"]\n\n    users {\n      included_roles = ["62e90394-69f5-4237-9190-012177145e10"]\n    }\n  }\n\n  grant_controls {\n    operator          = "OR"\n    built_in_controls = ["mfa"]\n  }\n}\n',
    },
    {
      name: 'disabled conditional access policy',
      code: 'resource "azuread_conditional_access_policy" "admins" {\n  state = "disabled"\n\n  conditions {\n    users {\n      included_roles = ["62e90394-69f5-4237-9190-012177145e10"]\n    }\n  }\n\n  grant_controls {\n    operator          = "OR"\n    built_in_controls = ["compliantDevice"]\n  }\n}\n',
    },
    {
      name: "a role's inline policy is judged through the role's trust policy, here not known",
      code: `resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = data.aws_iam_policy_document.trust.json

  inline_policy {
    name = "all"
    policy = jsonencode({
      Statement = [
        {
          Effect   = "Allow"
          Action   = "*"
          Resource = "*"
        },
      ]
    })
  }
}
`,
    },
    {
      name: "sts:AssumeRole in a policy document used only outside the module's resources (an Identity Center permission set built in a module)",
      code: 'data "aws_iam_policy_document" "assume_team" {\n  for_each = toset(["admin", "ops"])\n\n  statement {\n    sid       = "RoleAssumeRole"\n    effect    = "Allow"\n    actions   = ["sts:AssumeRole", "sts:TagSession"]\n    resources = ["*"]\n  }\n}\n\nlocals {\n  permission_sets = [for t in ["admin", "ops"] : { name = t, inline_policy = data.aws_iam_policy_document.assume_team[t].json }]\n}\n\nmodule "sso" {\n  source          = "./sso"\n  permission_sets = local.permission_sets\n}\n',
    },
    {
      name: 'an Identity Center permission set inline policy: MFA is enforced at sign-in',
      code: 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["sts:AssumeRole"]\n    resources = ["*"]\n  }\n}\n\nresource "aws_ssoadmin_permission_set_inline_policy" "p" {\n  instance_arn       = "arn:aws:sso:::instance/ssoins-1"\n  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"\n  inline_policy      = data.aws_iam_policy_document.p.json\n}\n',
    },
    {
      name: 'a role for Kubernetes service accounts (IRSA) allowed to assume other roles',
      code: 'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n\n    principals {\n      type        = "Federated"\n      identifiers = ["arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/ABC"]\n    }\n  }\n}\n\ndata "aws_iam_policy_document" "hop" {\n  statement {\n    actions   = ["sts:AssumeRole"]\n    resources = ["*"]\n  }\n}\n\nresource "aws_iam_role" "app" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n\nresource "aws_iam_role_policy" "hop" {\n  role   = aws_iam_role.app.id\n  policy = data.aws_iam_policy_document.hop.json\n}\n',
    },
    {
      name: 'a managed policy attached only to a role trusted by EKS Pod Identity',
      code: 'resource "aws_iam_role" "pod" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = ["sts:AssumeRole", "sts:TagSession"]\n      Principal = { Service = "pods.eks.amazonaws.com" }\n    }]\n  })\n}\n\nresource "aws_iam_policy" "hop" {\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "*" }]\n  })\n}\n\nresource "aws_iam_role_policy_attachment" "hop" {\n  role       = aws_iam_role.pod.name\n  policy_arn = aws_iam_policy.hop.arn\n}\n',
    },
    {
      name: 'a role trusted by a CI provider (GitHub OIDC) with an inline policy granting every action',
      code: 'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }\n    }]\n  })\n\n  inline_policy {\n    name   = "all"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n  }\n}\n',
    },
    {
      name: 'a customer managed policy attached to roles only, by aws_iam_policy_attachment',
      code: 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n\nresource "aws_iam_policy_attachment" "p" {\n  name       = "p"\n  roles      = ["deployer"]\n  users      = []\n  policy_arn = aws_iam_policy.p.arn\n}\n',
    },
  ],
  invalid: [
    {
      name: 'attaching policies to the caller itself',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = "iam:AttachUserPolicy"
        Resource = "arn:aws:iam::*:user/$\${aws:username}"`),
      errors: [{ text: '"iam:AttachUserPolicy"', line: 8, message: 'grants administrative actions (iam:AttachUserPolicy)' }],
      output: jsonPolicy(`        Effect   = "Allow"
        Action   = "iam:AttachUserPolicy"
        Resource = "arn:aws:iam::*:user/$\${aws:username}"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }`),
    },
    {
      name: 'jsonencode full access without MFA',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = "*"
        Resource = "*"`),
      errors: [
        {
          text: '"*"',
          line: 8,
          message: 'aws_iam_policy.admin statement allows every action ("*"): no aws:MultiFactorAuthPresent condition requires MFA',
        },
      ],
      output: jsonPolicy(`        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }`),
    },
    {
      name: 'jsonencode with quoted keys, iam:* among other actions',
      code: `resource "aws_iam_group_policy" "ci" {
  group = aws_iam_group.ci.name
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid"      = "Ci"
        "Effect"   = "Allow"
        "Action"   = ["s3:*", "iam:*"]
        "Resource" = "*"
      }
    ]
  })
}
`,
      errors: [
        {
          text: '["s3:*", "iam:*"]',
          line: 9,
          message:
            /^aws_iam_group_policy\.ci statement "Ci" allows "iam:\*", which grants administrative actions \(iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:AttachUserPolicy, and \d+ more\)/,
        },
      ],
      output: `resource "aws_iam_group_policy" "ci" {
  group = aws_iam_group.ci.name
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid"      = "Ci"
        "Effect"   = "Allow"
        "Action"   = ["s3:*", "iam:*"]
        "Resource" = "*"
        "Condition" = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }
      }
    ]
  })
}
`,
    },
    {
      name: 'BoolIfExists on an Allow does not enforce MFA for access keys',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = "iam:AttachUserPolicy"
        Resource = "*"
        Condition = {
          BoolIfExists = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }`),
      errors: [
        {
          text: '"iam:AttachUserPolicy"',
          line: 8,
          message: 'its BoolIfExists MFA condition lets requests signed with long-term access keys through without MFA',
        },
      ],
      output: null,
    },
    {
      name: 'Allow with NotAction',
      code: jsonPolicy(`        Effect    = "Allow"
        NotAction = ["s3:DeleteBucket"]
        Resource  = "*"`),
      errors: [
        { text: '["s3:DeleteBucket"]', line: 8, message: 'allows every action outside its NotAction list, administrative ones included' },
      ],
      output: jsonPolicy(`        Effect    = "Allow"
        NotAction = ["s3:DeleteBucket"]
        Resource  = "*"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }`),
    },
    {
      name: 'iam:PassRole on every role with ec2:RunInstances',
      code: jsonPolicy(`        Effect   = "Allow"
        Action   = ["iam:PassRole", "ec2:RunInstances"]
        Resource = "*"`),
      errors: [
        {
          text: '["iam:PassRole", "ec2:RunInstances"]',
          line: 8,
          message: '"iam:PassRole", which grants administrative actions (iam:PassRole)',
        },
      ],
      output: jsonPolicy(`        Effect   = "Allow"
        Action   = ["iam:PassRole", "ec2:RunInstances"]
        Resource = "*"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }`),
    },
    {
      name: 'a Deny without MFA that uses Bool (not BoolIfExists) does not cover access keys',
      code: `resource "aws_iam_policy" "admin" {
  policy = jsonencode({
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      {
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "false"
          }
        }
      },
    ]
  })
}
`,
      errors: [{ text: '"*"', line: 6, message: 'aws_iam_policy.admin statement 1 allows every action' }],
      output: `resource "aws_iam_policy" "admin" {
  policy = jsonencode({
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
      {
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "false"
          }
        }
      },
    ]
  })
}
`,
    },
    {
      name: 'jsonencode of a local is reported on the policy value, without a fix',
      code: `locals {
  admin = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  }
}

resource "aws_iam_policy" "admin" {
  policy = jsonencode(local.admin)
}
`,
      errors: [{ text: 'jsonencode(local.admin)', line: 9, message: 'aws_iam_policy.admin statement allows every action' }],
      output: null,
    },
    {
      name: 'literal JSON heredoc full access',
      code: `resource "aws_iam_user_policy" "ops" {
  user   = aws_iam_user.ops.name
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "*:*", "Resource": "*" }
  ]
}
EOF
}
`,
      errors: [
        {
          text: '<<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "*:*", "Resource": "*" }\n  ]\n}\nEOF',
          line: 3,
          message: 'aws_iam_user_policy.ops statement allows every action ("*:*")',
        },
      ],
      output: null,
    },
    {
      name: 'literal JSON string with a single Statement object',
      code: `resource "aws_iam_policy" "p" {
  policy = "{\\"Statement\\":{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"iam:CreatePolicyVersion\\",\\"Resource\\":\\"*\\"}}"
}
`,
      errors: [
        {
          text: '"{\\"Statement\\":{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"iam:CreatePolicyVersion\\",\\"Resource\\":\\"*\\"}}"',
          line: 2,
          message: 'grants administrative actions (iam:CreatePolicyVersion)',
        },
      ],
      output: null,
    },
    {
      name: 'policy document granting escalation actions, effect omitted',
      code: document(`    sid       = "ManagePolicies"
    actions   = ["iam:AttachUserPolicy", "iam:PutUserPolicy"]
    resources = ["*"]`),
      errors: [
        {
          text: '["iam:AttachUserPolicy", "iam:PutUserPolicy"]',
          line: 4,
          message:
            'data.aws_iam_policy_document.admin statement "ManagePolicies" allows "iam:AttachUserPolicy", "iam:PutUserPolicy", which grants administrative actions (iam:AttachUserPolicy, iam:PutUserPolicy)',
        },
      ],
      output: document(`    sid       = "ManagePolicies"
    actions   = ["iam:AttachUserPolicy", "iam:PutUserPolicy"]
    resources = ["*"]

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }`),
    },
    {
      name: 'policy document with a non-MFA condition: reported, no fix',
      code: document(`    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-3"]
    }`),
      errors: [{ text: '["*"]', line: 4, message: 'allows every action ("*")' }],
      output: null,
    },
    {
      name: 'policy document sts:AssumeRole on every role, second of two statements',
      code: `data "aws_iam_policy_document" "hop" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }

  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::*:role/*"]
  }
}

resource "aws_iam_user_policy" "hop" {
  user   = "alice"
  policy = data.aws_iam_policy_document.hop.json
}
`,
      errors: [{ text: '["sts:AssumeRole"]', line: 8, message: 'data.aws_iam_policy_document.hop statement 2 allows "sts:AssumeRole"' }],
      output: `data "aws_iam_policy_document" "hop" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }

  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::*:role/*"]

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_user_policy" "hop" {
  user   = "alice"
  policy = data.aws_iam_policy_document.hop.json
}
`,
    },
    {
      name: 'AdministratorAccess attached to a user and to a group',
      code: `resource "aws_iam_user_policy_attachment" "alice" {
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_policy_attachment" "admins" {
  name       = "admins"
  groups     = [aws_iam_group.admins.name]
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}
`,
      errors: [
        {
          text: '"arn:aws:iam::aws:policy/AdministratorAccess"',
          line: 3,
          message:
            'aws_iam_user_policy_attachment.alice attaches the AWS managed policy AdministratorAccess to a user: no condition of that policy can require MFA',
        },
        {
          text: '"arn:aws:iam::aws:policy/IAMFullAccess"',
          line: 9,
          message: 'aws_iam_policy_attachment.admins attaches the AWS managed policy IAMFullAccess to groups',
        },
      ],
      output: null,
    },
    {
      name: 'administrative role that accounts assume without MFA, with the policy document fix',
      code: 'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:root"]\n    }\n  }\n}\n\nresource "aws_iam_role" "admin" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n\nresource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.admin.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n',
      errors: [
        {
          text: '["sts:AssumeRole"]',
          line: 3,
          message:
            'aws_iam_role.admin trust policy statement lets arn:aws:iam::123456789012:root assume an administrative role without MFA (aws_iam_role_policy_attachment.admin attaches the AWS managed policy AdministratorAccess)',
        },
      ],
      output:
        'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:root"]\n    }\n\n    condition {\n      test     = "Bool"\n      variable = "aws:MultiFactorAuthPresent"\n      values   = ["true"]\n    }\n  }\n}\n\nresource "aws_iam_role" "admin" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n\nresource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.admin.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n',
    },
    {
      name: 'trust policy with BoolIfExists on a role whose inline policy is full access',
      code: 'resource "aws_iam_role" "ops" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRole"\n      Principal = { AWS = ["arn:aws:iam::123456789012:user/alice"] }\n      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }\n    }]\n  })\n}\n\nresource "aws_iam_role_policy" "ops" {\n  role = aws_iam_role.ops.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } }]\n  })\n}\n\nresource "aws_iam_role_policy_attachment" "iam" {\n  role       = aws_iam_role.ops.name\n  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"\n}\n',
      errors: [
        {
          text: '"sts:AssumeRole"',
          line: 6,
          message:
            'lets arn:aws:iam::123456789012:user/alice assume an administrative role without MFA (aws_iam_role_policy_attachment.iam attaches the AWS managed policy IAMFullAccess)',
        },
      ],
      output: null,
    },
    {
      name: 'conditional access for admin roles that accepts a compliant device instead of MFA, and one that only reports',
      code: 'resource "azuread_conditional_access_policy" "admins" {\n  state = "enabled"\n\n  conditions {\n    users {\n      included_roles = ["62e90394-69f5-4237-9190-012177145e10"]\n    }\n  }\n\n  grant_controls {\n    operator          = "OR"\n    built_in_controls = ["mfa", "compliantDevice"]\n  }\n}\n\nresource "azuread_conditional_access_policy" "report" {\n  state = "enabledForReportingButNotEnforced"\n\n  conditions {\n    users {\n      included_roles = ["62e90394-69f5-4237-9190-012177145e10"]\n    }\n  }\n\n  grant_controls {\n    operator          = "OR"\n    built_in_controls = ["mfa"]\n  }\n}\n',
      errors: [
        {
          text: '["mfa", "compliantDevice"]',
          line: 12,
          message:
            'azuread_conditional_access_policy.admins covers administrative directory roles without requiring MFA: mfa is one of several controls joined by OR',
        },
        {
          text: '"enabledForReportingButNotEnforced"',
          line: 17,
          message: 'its state is enabledForReportingButNotEnforced, which only reports',
        },
      ],
      output: null,
    },
    {
      name: 'Outscale API access without a trusted session',
      code: 'resource "outscale_api_access_policy" "p" {\n  max_access_key_expiration_seconds = 0\n  require_trusted_env               = false\n}\n',
      errors: [{ text: 'false', line: 3, message: 'outscale_api_access_policy.p lets API access keys work without a second factor' }],
      output: null,
    },
    {
      name: 'a policy document feeding a managed policy attached to a role and to a group: people use it',
      code: 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["sts:AssumeRole"]\n    resources = ["*"]\n  }\n}\n\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.p.json\n}\n\nresource "aws_iam_role_policy_attachment" "svc" {\n  role       = "svc"\n  policy_arn = aws_iam_policy.p.arn\n}\n\nresource "aws_iam_group_policy_attachment" "ops" {\n  group      = "ops"\n  policy_arn = aws_iam_policy.p.arn\n}\n',
      errors: [
        {
          text: '["sts:AssumeRole"]',
          line: 3,
          message: 'data.aws_iam_policy_document.p statement allows "sts:AssumeRole", which grants administrative actions (sts:AssumeRole)',
        },
      ],
      output:
        'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["sts:AssumeRole"]\n    resources = ["*"]\n\n    condition {\n      test     = "Bool"\n      variable = "aws:MultiFactorAuthPresent"\n      values   = ["true"]\n    }\n  }\n}\n\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.p.json\n}\n\nresource "aws_iam_role_policy_attachment" "svc" {\n  role       = "svc"\n  policy_arn = aws_iam_policy.p.arn\n}\n\nresource "aws_iam_group_policy_attachment" "ops" {\n  group      = "ops"\n  policy_arn = aws_iam_policy.p.arn\n}\n',
    },
  ],
});
