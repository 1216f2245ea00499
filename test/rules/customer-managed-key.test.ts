import rule from '../../rules/customer-managed-key';
import { testRule } from '../harness/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'EBS volume with a KMS key',
      code: 'resource "aws_ebs_volume" "v" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.k.arn\n}\n',
    },
    {
      name: 'key from a variable without default',
      code: 'variable "key" {}\n\nresource "aws_sns_topic" "t" {\n  kms_master_key_id = var.key\n}\n',
    },
    {
      name: 'storage account key attached by a separate resource',
      code: 'resource "azurerm_storage_account" "s" {\n  name = "s"\n}\n\nresource "azurerm_storage_account_customer_managed_key" "k" {\n  storage_account_id = azurerm_storage_account.s.id\n  key_vault_id       = "kv"\n  key_name           = "k"\n}\n',
    },
    {
      name: 'GCS bucket with CMEK',
      code: 'resource "google_storage_bucket" "b" {\n  encryption {\n    default_kms_key_name = google_kms_crypto_key.k.id\n  }\n}\n',
    },
    {
      name: 'S3 encryption with a KMS key',
      code: 'resource "aws_s3_bucket_server_side_encryption_configuration" "e" {\n  bucket = "b"\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.k.arn\n    }\n  }\n}\n',
    },
    {
      name: 'a customer key read through a data source',
      code: 'data "aws_kms_key" "k" {\n  key_id = "alias/tenant-ebs"\n}\n\nresource "aws_ebs_volume" "v" {\n  encrypted  = true\n  kms_key_id = data.aws_kms_key.k.arn\n}\n',
    },
    {
      name: 'a customer alias whose name contains aws',
      code: 'resource "aws_sqs_queue" "q" {\n  kms_master_key_id = "alias/aws-team/queues"\n}\n',
    },
  ],
  invalid: [
    {
      name: 'AWS managed aliases, written or through data sources',
      code: 'resource "aws_sqs_queue" "q" {\n  kms_master_key_id = "alias/aws/sqs"\n}\n\ndata "aws_kms_key" "ebs" {\n  key_id = "alias/aws/ebs"\n}\n\nresource "aws_ebs_volume" "v" {\n  encrypted  = true\n  kms_key_id = data.aws_kms_key.ebs.arn\n}\n\ndata "aws_kms_alias" "sm" {\n  name = "alias/aws/secretsmanager"\n}\n\nresource "aws_secretsmanager_secret" "s" {\n  kms_key_id = data.aws_kms_alias.sm.target_key_arn\n}\n\nresource "aws_sns_topic" "t" {\n  kms_master_key_id = "arn:aws:kms:eu-west-3:123456789012:alias/aws/sns"\n}\n',
      errors: [
        {
          text: '"alias/aws/sqs"',
          line: 2,
          message: 'aws_sqs_queue.q does not use a customer-managed key: kms_master_key_id names the AWS managed key alias/aws/sqs',
        },
        {
          text: 'data.aws_kms_key.ebs.arn',
          line: 11,
          message: 'aws_ebs_volume.v does not use a customer-managed key: kms_key_id names the AWS managed key alias/aws/ebs',
        },
        {
          text: 'data.aws_kms_alias.sm.target_key_arn',
          line: 19,
          message: 'kms_key_id names the AWS managed key alias/aws/secretsmanager',
        },
        {
          text: '"arn:aws:kms:eu-west-3:123456789012:alias/aws/sns"',
          line: 23,
          message: 'kms_master_key_id names the AWS managed key alias/aws/sns',
        },
      ],
      output: null,
    },
    {
      name: 'an empty key id is no key',
      code: 'resource "aws_cloudwatch_log_group" "l" {\n  name       = "app"\n  kms_key_id = ""\n}\n',
      errors: [
        {
          text: 'resource "aws_cloudwatch_log_group" "l"',
          line: 1,
          message: 'aws_cloudwatch_log_group.l does not use a customer-managed key: kms_key_id is not set',
        },
      ],
      output: null,
    },
    {
      name: 'queue with the provider key',
      code: 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
      errors: [
        {
          text: 'resource "aws_sqs_queue" "jobs"',
          line: 1,
          message: 'aws_sqs_queue.jobs does not use a customer-managed key: kms_master_key_id is not set',
        },
      ],
      output: null,
    },
    {
      name: 'encrypted RDS without a KMS key, S3 with AES256',
      code: 'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n}\n\nresource "aws_s3_bucket_server_side_encryption_configuration" "e" {\n  bucket = "b"\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n',
      errors: [
        { text: 'resource "aws_db_instance" "db"', line: 1, message: 'kms_key_id is not set' },
        {
          text: 'apply_server_side_encryption_by_default',
          line: 9,
          message: 'rule.apply_server_side_encryption_by_default.kms_master_key_id is not set',
        },
      ],
      output: null,
    },
    {
      name: 'Azure storage account and GCP disk',
      code: 'resource "azurerm_storage_account" "s" {\n  name = "s"\n}\n\nresource "google_compute_disk" "d" {\n  name = "d"\n}\n',
      errors: [
        {
          text: 'resource "azurerm_storage_account" "s"',
          line: 1,
          message: 'no azurerm_storage_account_customer_managed_key attaches one',
        },
        { text: 'resource "google_compute_disk" "d"', line: 5, message: 'disk_encryption_key.kms_key_self_link is not set' },
      ],
      output: null,
    },
  ],
});
