# hardcoded-secret: a database password and a variable default written in the code.

variable "api_token" {
  type    = string
  default = "tok-3f9a1c2e7b"
}

resource "aws_db_instance" "legacy" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  backup_retention_period = 7
  username                = "app"
  password                = "Sup3rS3cret!"
}
