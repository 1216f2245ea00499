# non-eu-region: providers, an aliased provider, the state backend and a resource-level
# region outside the European Union (SecNumCloud 19.2).

terraform {
  # The Terraform state holds configuration and secrets: it is technical data too.
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "prod/terraform.tfstate"
    region = "us-east-1"
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "london"
  region = "eu-west-2" # London: in Europe, but not in the EU
}

resource "aws_s3_bucket" "backups" {
  provider = aws.london
  bucket   = "acme-backups"
}

# The AWS provider (v6+) lets a single resource override the provider's region.
resource "aws_sqs_queue" "events" {
  name   = "acme-events"
  region = "us-west-2"
}
