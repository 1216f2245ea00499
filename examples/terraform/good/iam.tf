# admin-without-mfa, compliant: administrative permissions only with MFA present.

resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
        Condition = {
          Bool = { "aws:MultiFactorAuthPresent" = "true" }
        }
      }
    ]
  })
}

data "aws_iam_policy_document" "iam_admin" {
  statement {
    effect    = "Allow"
    actions   = ["iam:*"]
    resources = ["*"]

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_policy" "iam_admin" {
  name   = "iam-admin"
  policy = data.aws_iam_policy_document.iam_admin.json
}

# Read-only access needs no MFA condition to pass this rule.
resource "aws_iam_policy" "read_only" {
  name = "read-only"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"]
      }
    ]
  })
}
