# hardcoded-secret, compliant: secrets come from sensitive variables or are generated and kept by the provider.

variable "api_token" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "legacy" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  backup_retention_period     = 7
  username                    = "app"
  manage_master_user_password = true
}
