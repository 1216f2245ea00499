# unencrypted-database and plaintext-transport: a cluster stored in clear, a cache reachable without TLS.

resource "aws_rds_cluster" "orders" {
  cluster_identifier = "orders"
  engine             = "aurora-postgresql"
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "user sessions"
  engine               = "redis"
}
