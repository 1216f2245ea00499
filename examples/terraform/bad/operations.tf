# log-retention, audit-logging, backup-disabled: logs kept too briefly, audit trails weakened, no backups.

resource "aws_cloudwatch_log_group" "app" {
  name              = "app"
  retention_in_days = 30
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "trail-logs"
}

resource "aws_db_instance" "orders" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  backup_retention_period = 0
}

resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"

  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  }
}
