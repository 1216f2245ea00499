import rule from '../../rules/public-data-exposure';
import { testRule } from '../harness/rule-tester';

testRule(rule, {
  valid: [
    { name: 'private database', code: 'resource "aws_db_instance" "db" {\n  publicly_accessible = false\n}\n' },
    { name: 'private ACL', code: 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "private"\n}\n' },
    {
      name: 'bucket policy limited by a condition',
      code: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:GetObject"\n      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1" } }\n    }]\n  })\n}\n',
    },
    {
      name: 'bucket policy for an account',
      code: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "arn:aws:iam::123456789012:root" }\n      Action    = "s3:GetObject"\n    }]\n  })\n}\n',
    },
    {
      name: 'GCS member of a group',
      code: 'resource "google_storage_bucket_iam_member" "m" {\n  bucket = "b"\n  role   = "roles/storage.objectViewer"\n  member = "group:ops@example.com"\n}\n',
    },
    {
      name: 'Azure firewall rule for one address',
      code: 'resource "azurerm_mssql_firewall_rule" "f" {\n  start_ip_address = "203.0.113.10"\n  end_ip_address   = "203.0.113.10"\n}\n',
    },
    {
      name: 'publicly_accessible from a variable without default',
      code: 'variable "pub" {}\n\nresource "aws_db_instance" "db" {\n  publicly_accessible = var.pub\n}\n',
    },
  ],
  invalid: [
    {
      name: 'publicly accessible database',
      code: 'resource "aws_db_instance" "db" {\n  engine              = "mysql"\n  publicly_accessible = true\n}\n',
      errors: [{ text: 'true', line: 3, message: 'aws_db_instance.db makes the database public: publicly_accessible is true' }],
      output: 'resource "aws_db_instance" "db" {\n  engine              = "mysql"\n  publicly_accessible = false\n}\n',
    },
    {
      name: 'public-read bucket ACL and public container',
      code: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "public-read"\n}\n\nresource "azurerm_storage_container" "c" {\n  name                  = "c"\n  container_access_type = "blob"\n}\n',
      errors: [
        { text: '"public-read"', line: 3, message: 'aws_s3_bucket.b opens its data to the public: acl is "public-read"' },
        { text: '"blob"', line: 8, message: 'container_access_type is "blob"' },
      ],
      output:
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "private"\n}\n\nresource "azurerm_storage_container" "c" {\n  name                  = "c"\n  container_access_type = "private"\n}\n',
    },
    {
      name: 'bucket policy with a * principal, in JSON and in a policy document',
      code: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = <<EOT\n{"Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}\nEOT\n}\n\ndata "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:GetObject"]\n\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n}\n\nresource "aws_s3_bucket_policy" "q" {\n  bucket = "c"\n  policy = data.aws_iam_policy_document.d.json\n}\n',
      errors: [
        {
          text: '<<EOT\n{"Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}\nEOT',
          line: 3,
          message: 'aws_s3_bucket_policy.p lets anyone in: statement "Public" allows the principal "*"',
        },
        { text: '["*"]', line: 14, message: 'aws_s3_bucket_policy.q lets anyone in: its statement' },
      ],
      output: null,
    },
    {
      name: 'public access block with one flag off and others missing',
      code: 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket            = "b"\n  block_public_acls = false\n}\n',
      errors: [
        {
          text: 'resource "aws_s3_bucket_public_access_block" "b"',
          line: 1,
          message: 'block_public_policy, ignore_public_acls, restrict_public_buckets are not set and default to false',
        },
        { text: 'false', line: 3, message: 'block_public_acls is false' },
      ],
      output:
        'resource "aws_s3_bucket_public_access_block" "b" {\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n\n  bucket            = "b"\n  block_public_acls = true\n}\n',
    },
    {
      name: 'GCS allUsers, Azure open firewall, Cloud SQL 0.0.0.0/0, storage account public blobs',
      code: 'resource "google_storage_bucket_iam_binding" "b" {\n  bucket  = "b"\n  role    = "roles/storage.objectViewer"\n  members = ["user:a@example.com", "allUsers"]\n}\n\nresource "azurerm_postgresql_firewall_rule" "all" {\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n\nresource "google_sql_database_instance" "db" {\n  settings {\n    ip_configuration {\n      authorized_networks {\n        value = "0.0.0.0/0"\n      }\n    }\n  }\n}\n\nresource "azurerm_storage_account" "s" {\n  allow_nested_items_to_be_public = true\n}\n',
      errors: [
        { text: '"allUsers"', line: 4, message: 'google_storage_bucket_iam_binding.b opens its data to the public: members is "allUsers"' },
        { text: '"255.255.255.255"', line: 9, message: 'lets every internet address reach the database' },
        { text: '"0.0.0.0/0"', line: 16, message: 'an authorised network is 0.0.0.0/0' },
        { text: 'true', line: 23, message: "makes the storage account's containers public" },
      ],
      output:
        'resource "google_storage_bucket_iam_binding" "b" {\n  bucket  = "b"\n  role    = "roles/storage.objectViewer"\n  members = ["user:a@example.com", "allUsers"]\n}\n\nresource "azurerm_postgresql_firewall_rule" "all" {\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n\nresource "google_sql_database_instance" "db" {\n  settings {\n    ip_configuration {\n      authorized_networks {\n        value = "0.0.0.0/0"\n      }\n    }\n  }\n}\n\nresource "azurerm_storage_account" "s" {\n  allow_nested_items_to_be_public = false\n}\n',
    },
  ],
});
