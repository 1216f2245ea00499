# admin-port-exposed, public-data-exposure: SSH open to the internet, a public database and bucket.

resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "reporting" {
  engine                  = "mysql"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
  backup_retention_period = 7
  publicly_accessible     = true
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket            = "exports"
  block_public_acls = false
}
