# unencrypted-volume: block storage written to disk in clear (SecNumCloud 10.1).

# No `encrypted` argument: the volume is not encrypted (reported on the block header).
resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 100
}

# Encryption explicitly turned off on the root disk (reported on the value).
resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = false
  }
}

# A launch template whose EBS mapping does not ask for encryption.
resource "aws_launch_template" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.large"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 50
      volume_type = "gp3"
    }
  }
}
