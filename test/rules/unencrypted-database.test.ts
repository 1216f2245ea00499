import rule from '../../rules/unencrypted-database';
import { testRule } from '../harness/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'encrypted RDS instance',
      code: 'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'read replica inherits the source encryption',
      code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.db.identifier\n}\n',
    },
    { name: 'instance restored from a snapshot', code: 'resource "aws_db_instance" "db" {\n  snapshot_identifier = "snap-1"\n}\n' },
    {
      name: 'encryption from a variable without default is unknown',
      code: 'variable "enc" {}\n\nresource "aws_rds_cluster" "c" {\n  engine            = "aurora-postgresql"\n  storage_encrypted = var.enc\n}\n',
    },
    {
      name: 'Aurora Serverless v1 is always encrypted',
      code: 'resource "aws_rds_cluster" "c" {\n  engine      = "aurora-mysql"\n  engine_mode = "serverless"\n}\n',
    },
    {
      name: 'engine mode that cannot be known is not judged',
      code: 'variable "mode" {}\n\nresource "aws_rds_cluster" "c" {\n  engine_mode = var.mode\n}\n',
    },
    {
      name: 'Redshift without the argument (encrypted by default in provider 6)',
      code: 'resource "aws_redshift_cluster" "r" {\n  cluster_identifier = "r"\n}\n',
    },
    {
      name: 'ElastiCache Valkey is always encrypted',
      code: 'resource "aws_elasticache_replication_group" "g" {\n  replication_group_id = "g"\n  engine               = "valkey"\n}\n',
    },
    {
      name: 'OpenSearch with encryption at rest',
      code: 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'OpenSearch with a dynamic encrypt_at_rest block is not judged',
      code: 'resource "aws_opensearch_domain" "d" {\n  dynamic "encrypt_at_rest" {\n    for_each = var.enc\n    content {\n      enabled = encrypt_at_rest.value\n    }\n  }\n}\n',
    },
    {
      name: 'Azure SQL database with the default transparent data encryption',
      code: 'resource "azurerm_mssql_database" "db" {\n  name      = "db"\n  server_id = azurerm_mssql_server.s.id\n}\n',
    },
    { name: 'a data source is not a database', code: 'data "aws_db_instance" "db" {\n  db_instance_identifier = "db"\n}\n' },
  ],
  invalid: [
    {
      name: 'RDS instance without storage_encrypted, inserted as its own group',
      code: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t4g.micro"\n}\n',
      errors: [
        {
          text: 'resource "aws_db_instance" "db"',
          line: 1,
          message: 'aws_db_instance.db is not encrypted at rest: storage_encrypted is not set and defaults to false.',
        },
      ],
      output:
        'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n\n  engine         = "postgres"\n  instance_class = "db.t4g.micro"\n}\n',
    },
    {
      name: 'RDS instance with storage_encrypted = false',
      code: 'resource "aws_db_instance" "db" {\n  storage_encrypted = false\n}\n',
      errors: [{ text: 'false', line: 2, message: 'aws_db_instance.db is not encrypted at rest: storage_encrypted is false.' }],
      output: 'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'Aurora, DocumentDB and Neptune clusters',
      code: 'resource "aws_rds_cluster" "a" {\n  engine = "aurora-postgresql"\n}\n\nresource "aws_docdb_cluster" "d" {\n  storage_encrypted = false\n}\n\nresource "aws_neptune_cluster" "n" {\n  engine = "neptune"\n}\n',
      errors: [
        { text: 'resource "aws_rds_cluster" "a"', line: 1, message: 'aws_rds_cluster.a is not encrypted at rest' },
        { text: 'false', line: 6, message: 'aws_docdb_cluster.d' },
        { text: 'resource "aws_neptune_cluster" "n"', line: 9, message: 'aws_neptune_cluster.n' },
      ],
      output:
        'resource "aws_rds_cluster" "a" {\n  storage_encrypted = true\n\n  engine = "aurora-postgresql"\n}\n\nresource "aws_docdb_cluster" "d" {\n  storage_encrypted = true\n}\n\nresource "aws_neptune_cluster" "n" {\n  storage_encrypted = true\n\n  engine = "neptune"\n}\n',
    },
    {
      name: 'Redshift explicitly unencrypted; ElastiCache Redis without at-rest encryption',
      code: 'resource "aws_redshift_cluster" "r" {\n  encrypted = false\n}\n\nresource "aws_elasticache_replication_group" "g" {\n  engine = "redis"\n}\n',
      errors: [
        { text: 'false', line: 2, message: 'aws_redshift_cluster.r is not encrypted at rest: encrypted is false.' },
        {
          text: 'resource "aws_elasticache_replication_group" "g"',
          line: 5,
          message: 'at_rest_encryption_enabled is not set and defaults to false',
        },
      ],
      output:
        'resource "aws_redshift_cluster" "r" {\n  encrypted = true\n}\n\nresource "aws_elasticache_replication_group" "g" {\n  at_rest_encryption_enabled = true\n\n  engine = "redis"\n}\n',
    },
    {
      name: 'Elasticsearch domain without encrypt_at_rest; OpenSearch with it off; DAX without server-side encryption',
      code: 'resource "aws_elasticsearch_domain" "es" {\n  domain_name = "es"\n}\n\nresource "aws_opensearch_domain" "os" {\n  encrypt_at_rest {\n    enabled = false\n  }\n}\n\nresource "aws_dax_cluster" "dax" {\n  cluster_name = "dax"\n}\n',
      errors: [
        {
          text: 'resource "aws_elasticsearch_domain" "es"',
          line: 1,
          message: 'aws_elasticsearch_domain.es is not encrypted at rest: no encrypt_at_rest block sets enabled = true.',
        },
        { text: 'false', line: 7, message: 'encrypt_at_rest.enabled is false' },
        { text: 'resource "aws_dax_cluster" "dax"', line: 11, message: 'no server_side_encryption block' },
      ],
      output:
        'resource "aws_elasticsearch_domain" "es" {\n  domain_name = "es"\n\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n\nresource "aws_opensearch_domain" "os" {\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n\nresource "aws_dax_cluster" "dax" {\n  cluster_name = "dax"\n\n  server_side_encryption {\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'Azure SQL and Synapse with encryption turned off; Scaleway database without encryption at rest',
      code: 'resource "azurerm_mssql_database" "db" {\n  transparent_data_encryption_enabled = false\n}\n\nresource "azurerm_synapse_sql_pool" "pool" {\n  data_encrypted = false\n}\n\nresource "scaleway_rdb_instance" "main" {\n  engine = "PostgreSQL-15"\n}\n',
      errors: [
        { text: 'false', line: 2, message: 'azurerm_mssql_database.db is not encrypted at rest' },
        { text: 'false', line: 6, message: 'azurerm_synapse_sql_pool.pool' },
        { text: 'resource "scaleway_rdb_instance" "main"', line: 9, message: 'encryption_at_rest is not set' },
      ],
      output:
        'resource "azurerm_mssql_database" "db" {\n  transparent_data_encryption_enabled = true\n}\n\nresource "azurerm_synapse_sql_pool" "pool" {\n  data_encrypted = true\n}\n\nresource "scaleway_rdb_instance" "main" {\n  encryption_at_rest = true\n\n  engine = "PostgreSQL-15"\n}\n',
    },
    {
      name: 'false through a local: reported on the use, without a fix',
      code: 'locals {\n  enc = false\n}\n\nresource "aws_db_instance" "db" {\n  storage_encrypted = local.enc\n}\n',
      errors: [{ text: 'local.enc', line: 6 }],
      output: null,
    },
  ],
});
