/** unencrypted-database: managed databases, caches and search domains are encrypted at rest. */
import { defineRule } from '../server/src/lint/rule';
import { FLAG_FIXES, FLAG_MESSAGES, type FlagSpec, checkFlags } from './support/flags';
import DATA from './data/encrypted-databases.json';

const FLAGS: readonly FlagSpec[] = DATA.flags;

const GOOD = `resource "aws_db_instance" "app" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}
`;

const BAD = `resource "aws_db_instance" "app" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
}
`;

const BAD_SEARCH = `resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"

  encrypt_at_rest {
    enabled = false
  }
}
`;

export default defineRule({
  meta: {
    id: 'unencrypted-database',
    title: 'Encrypt databases, caches and search domains at rest',
    description:
      'Reports managed databases whose storage is not encrypted: RDS instances and clusters (Aurora ' +
      'included), DocumentDB, Neptune, Redshift, ElastiCache replication groups, OpenSearch and ' +
      'Elasticsearch domains, DAX clusters, Azure SQL databases and Synapse SQL pools with transparent ' +
      'data encryption turned off, and Scaleway managed databases without encryption at rest. A setting ' +
      "left out is reported where the provider's default is unencrypted.",
    rationale:
      "SecNumCloud 10.1 (10.1.a) requires the tenant's stored data to be encrypted, so that it cannot be " +
      'recovered once the storage is reallocated, with at least one key per tenant. A database holds the ' +
      'data itself, its snapshots and its automated backups: all of them stay readable when the database ' +
      'is unencrypted.',
    remediation:
      'Turn encryption at rest on (storage_encrypted = true, at_rest_encryption_enabled = true, ' +
      'encrypt_at_rest { enabled = true }, encryption_at_rest = true), preferably with a customer-managed ' +
      'key. On an existing database this replaces it: restore an encrypted copy of a snapshot, then switch ' +
      'over.',
    severity: 'error',
    requirements: ['10.1.a'],
    fixable: true,
    covers: [
      'aws_db_instance',
      'aws_rds_cluster (Aurora; Aurora Serverless v1 is always encrypted)',
      'aws_docdb_cluster',
      'aws_neptune_cluster',
      'aws_redshift_cluster (encrypted = false)',
      'aws_elasticache_replication_group (Valkey is always encrypted)',
      'aws_opensearch_domain, aws_elasticsearch_domain',
      'aws_dax_cluster',
      'azurerm_mssql_database (transparent_data_encryption_enabled = false), azurerm_synapse_sql_pool ' + '(data_encrypted = false)',
      'scaleway_rdb_instance',
    ],
    limits:
      "A read replica, a restored snapshot or a cluster joined to a global cluster inherits its source's " +
      'encryption and is not judged. DynamoDB, Cloud SQL, Azure Database for PostgreSQL and MySQL, Cosmos ' +
      'DB, MemoryDB and OVHcloud managed databases are always encrypted at rest and have no setting to ' +
      "check. Whether the key is the tenant's own (10.1.a asks for one key per tenant) is not checked " +
      'here.',
    messages: FLAG_MESSAGES,
    fixes: FLAG_FIXES,
    examples: {
      good: [{ language: 'terraform', title: 'An RDS instance encrypted with a customer-managed key', code: GOOD }],
      bad: [
        { language: 'terraform', title: 'An RDS instance without storage_encrypted (defaults to false)', code: BAD },
        { language: 'terraform', title: 'An OpenSearch domain with encryption at rest turned off', code: BAD_SEARCH },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) checkFlags(ctx, mod, FLAGS);
  },
});
