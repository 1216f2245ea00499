# non-eu-region, compliant: the state, the default provider and its alias all stay in EU regions.

terraform {
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "prod/terraform.tfstate"
    region = "eu-west-3"
  }
}

provider "aws" {
  region = "eu-west-3" # Paris
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "backups" {
  provider = aws.frankfurt
  bucket   = "acme-backups"
}

resource "aws_sqs_queue" "events" {
  name   = "acme-events"
  region = "eu-west-1" # Ireland
}
