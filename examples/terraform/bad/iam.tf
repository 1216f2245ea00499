# admin-without-mfa: administrative permissions granted without requiring MFA
# (SecNumCloud 9.5 and 9.6: strong multi-factor authentication for administration).

# Full administrator through jsonencode, with no aws:MultiFactorAuthPresent condition.
resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      }
    ]
  })
}

# Every IAM action (create users, attach policies...) from a policy document data source.
data "aws_iam_policy_document" "iam_admin" {
  statement {
    effect    = "Allow"
    actions   = ["iam:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "iam_admin" {
  name   = "iam-admin"
  policy = data.aws_iam_policy_document.iam_admin.json
}
