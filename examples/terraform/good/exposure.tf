# admin-port-exposed, public-data-exposure, compliant: SSH from the administration network only, private data stores.

resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }
}

resource "aws_db_instance" "reporting" {
  engine                  = "mysql"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  backup_retention_period = 7
  publicly_accessible     = false
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket                  = "exports"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
