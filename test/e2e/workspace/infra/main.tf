provider "aws" {
  region = var.region
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-3a"
  size              = 40
}
