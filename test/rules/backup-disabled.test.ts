import rule from '../../rules/backup-disabled';
import { testRule } from '../harness/rule-tester';

testRule(rule, {
  valid: [
    { name: 'RDS instance without retention gets one day', code: 'resource "aws_db_instance" "db" {\n  engine = "mysql"\n}\n' },
    {
      name: 'read replica without backups',
      code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db     = aws_db_instance.db.identifier\n  backup_retention_period = 0\n}\n',
    },
    {
      name: 'retention from a variable without default',
      code: 'variable "days" {}\n\nresource "aws_db_instance" "db" {\n  backup_retention_period = var.days\n}\n',
    },
    {
      name: 'DynamoDB with PITR',
      code: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n',
    },
    { name: 'Memcached has no snapshots', code: 'resource "aws_elasticache_cluster" "m" {\n  engine = "memcached"\n}\n' },
    {
      name: 'ElastiCache member of a replication group',
      code: 'resource "aws_elasticache_cluster" "m" {\n  replication_group_id = aws_elasticache_replication_group.g.id\n}\n',
    },
    {
      name: 'Cloud SQL with backups',
      code: 'resource "google_sql_database_instance" "db" {\n  settings {\n    tier = "db-f1-micro"\n\n    backup_configuration {\n      enabled = true\n    }\n  }\n}\n',
    },
    {
      name: 'Cloud SQL replica',
      code: 'resource "google_sql_database_instance" "r" {\n  master_instance_name = "main"\n\n  settings {\n    tier = "db-f1-micro"\n  }\n}\n',
    },
    {
      name: 'Scaleway instance with default backups',
      code: 'resource "scaleway_rdb_instance" "db" {\n  engine                    = "PostgreSQL-15"\n  backup_schedule_frequency = 24\n}\n',
    },
  ],
  invalid: [
    {
      name: 'RDS retention 0',
      code: 'resource "aws_db_instance" "db" {\n  engine                  = "postgres"\n  backup_retention_period = 0\n}\n',
      errors: [{ text: '0', line: 3, message: 'aws_db_instance.db keeps no automated backup: backup_retention_period is 0' }],
      output: 'resource "aws_db_instance" "db" {\n  engine                  = "postgres"\n  backup_retention_period = 7\n}\n',
    },
    {
      name: 'RDS cluster retention 0 from a local: no fix',
      code: 'locals {\n  keep = 0\n}\n\nresource "aws_rds_cluster" "c" {\n  backup_retention_period = local.keep\n}\n',
      errors: [{ text: 'local.keep', line: 6, message: 'backup_retention_period is 0 (from local.keep)' }],
      output: null,
    },
    {
      name: 'DynamoDB without PITR',
      code: 'resource "aws_dynamodb_table" "t" {\n  name     = "t"\n  hash_key = "id"\n}\n',
      errors: [{ text: 'resource "aws_dynamodb_table" "t"', line: 1, message: 'aws_dynamodb_table.t has no point-in-time recovery' }],
      output:
        'resource "aws_dynamodb_table" "t" {\n  name     = "t"\n  hash_key = "id"\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'DynamoDB with PITR off',
      code: 'resource "aws_dynamodb_table" "t" {\n  point_in_time_recovery {\n    enabled = false\n  }\n}\n',
      errors: [{ text: 'false', line: 3, message: 'turns point-in-time recovery off' }],
      output: 'resource "aws_dynamodb_table" "t" {\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'Redis replication group without snapshots',
      code: 'resource "aws_elasticache_replication_group" "g" {\n  description = "cache"\n}\n',
      errors: [
        {
          text: 'resource "aws_elasticache_replication_group" "g"',
          line: 1,
          message: 'snapshot_retention_limit is not set and defaults to 0',
        },
      ],
      output: 'resource "aws_elasticache_replication_group" "g" {\n  snapshot_retention_limit = 7\n\n  description = "cache"\n}\n',
    },
    {
      name: 'Cloud SQL without backup_configuration',
      code: 'resource "google_sql_database_instance" "db" {\n  settings {\n    tier = "db-f1-micro"\n  }\n}\n',
      errors: [
        { text: 'settings', line: 2, message: 'google_sql_database_instance.db has no automated backups: backup_configuration is not set' },
      ],
      output:
        'resource "google_sql_database_instance" "db" {\n  settings {\n    tier = "db-f1-micro"\n\n    backup_configuration {\n      enabled = true\n    }\n  }\n}\n',
    },
    {
      name: 'Scaleway backups off and weekly schedule',
      code: 'resource "scaleway_rdb_instance" "db" {\n  disable_backup            = true\n  backup_schedule_frequency = 168\n}\n',
      errors: [
        { text: 'true', line: 2, message: 'scaleway_rdb_instance.db turns automated backups off: disable_backup is true' },
        { text: '168', line: 3, message: 'backs up every 168 hours' },
      ],
      output: 'resource "scaleway_rdb_instance" "db" {\n  disable_backup            = false\n  backup_schedule_frequency = 24\n}\n',
    },
  ],
});
