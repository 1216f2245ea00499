# unencrypted-database and plaintext-transport, compliant: data encrypted at rest, clients on TLS only.

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "user sessions"
  engine                     = "redis"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = 7
}

resource "scaleway_rdb_instance" "catalog" {
  name               = "catalog"
  engine             = "PostgreSQL-15"
  node_type          = "DB-DEV-S"
  encryption_at_rest = true
}
