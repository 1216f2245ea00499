# log-retention, audit-logging, backup-disabled, compliant: logs kept a year, a complete trail, daily backups.

resource "aws_cloudwatch_log_group" "app" {
  name              = "app"
  retention_in_days = 365
  kms_key_id        = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
}

resource "aws_db_instance" "orders" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  backup_retention_period = 7
}

resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  }
}
