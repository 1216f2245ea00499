# unencrypted-volume, compliant: every volume, root disk and template mapping is encrypted.

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-3a"
  size              = 100
  encrypted         = true
  kms_key_id        = "arn:aws:kms:eu-west-3:123456789012:key/00000000-0000-0000-0000-000000000000"
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }
}

resource "aws_launch_template" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.large"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 50
      volume_type = "gp3"
      encrypted   = "true"
    }
  }
}
