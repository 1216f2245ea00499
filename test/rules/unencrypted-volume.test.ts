import rule from '../../rules/unencrypted-volume';
import { testRule } from '../harness/rule-tester';

const SC = (params: string): string => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\n${params}`;

testRule(rule, {
  valid: [
    { name: 'encrypted volume', code: 'resource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = true\n}\n' },
    { name: 'encrypted from a variable without default is unknown', code: 'variable "enc" {}\n\nresource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = var.enc\n}\n' },
    { name: 'volume from a snapshot keeps the snapshot encryption', code: 'resource "aws_ebs_volume" "v" {\n  snapshot_id = "snap-123"\n}\n' },
    { name: 'account default encryption in the module', code: 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n\nresource "aws_ebs_volume" "v" {\n  size = 10\n}\n\nresource "aws_instance" "i" {\n  ami = "ami-1"\n}\n' },
    { name: 'default encryption in a sibling file of the module', code: 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n', siblings: { 'account.tf': 'resource "aws_ebs_encryption_by_default" "on" {}\n' } },
    { name: 'instance with encrypted root and EBS devices', code: 'resource "aws_instance" "i" {\n  ami = "ami-1"\n\n  root_block_device {\n    encrypted = true\n  }\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = true\n  }\n}\n' },
    { name: 'instance with a dynamic root block is not judged', code: 'resource "aws_instance" "i" {\n  ami = "ami-1"\n\n  dynamic "root_block_device" {\n    for_each = var.root\n    content {\n      encrypted = root_block_device.value.encrypted\n    }\n  }\n}\n' },
    { name: 'launch template with encrypted EBS', code: 'resource "aws_launch_template" "t" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      volume_size = 20\n      encrypted   = "true"\n    }\n  }\n}\n' },
    { name: 'launch template without mappings uses the AMI', code: 'resource "aws_launch_template" "t" {\n  image_id = "ami-1"\n}\n' },
    { name: 'encrypted StorageClass', code: SC('parameters:\n  encrypted: "true"\n') },
    { name: 'StorageClass of another driver', code: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\nprovisioner: pd.csi.storage.gke.io\nparameters:\n  type: pd-balanced\n' },
  ],
  invalid: [
    {
      name: 'volume without encrypted, fmt-aligned insert',
      code: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-3a"\n  size              = 40\n}\n',
      errors: [{ text: 'resource "aws_ebs_volume" "data"', line: 1, message: 'aws_ebs_volume.data is not encrypted: encrypted is not set' }],
      output: 'resource "aws_ebs_volume" "data" {\n  encrypted         = true\n  availability_zone = "eu-west-3a"\n  size              = 40\n}\n',
    },
    {
      name: 'volume with encrypted = false',
      code: 'resource "aws_ebs_volume" "data" {\n  size      = 40\n  encrypted = false\n}\n',
      errors: [{ text: 'false', line: 3, message: 'encrypted is false' }],
      output: 'resource "aws_ebs_volume" "data" {\n  size      = 40\n  encrypted = true\n}\n',
    },
    {
      name: 'encrypted false through a local: reported on the use, no fix',
      code: 'locals {\n  enc = false\n}\n\nresource "aws_ebs_volume" "data" {\n  size      = 40\n  encrypted = local.enc\n}\n',
      errors: [{ text: 'local.enc', line: 7 }],
      output: null,
    },
    {
      name: 'empty one-line block',
      code: 'resource "aws_ebs_volume" "x" {}\n',
      errors: [{ text: 'resource "aws_ebs_volume" "x"', line: 1 }],
      output: 'resource "aws_ebs_volume" "x" {\n  encrypted = true\n}\n',
    },
    {
      name: 'instance without root_block_device, EBS device unencrypted',
      code: 'resource "aws_instance" "web" {\n  ami           = "ami-1"\n  instance_type = "t3.micro"\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = false\n  }\n}\n',
      errors: [
        { text: 'resource "aws_instance" "web"', line: 1, message: 'The root volume of aws_instance.web is not encrypted' },
        { text: 'false', line: 7, message: 'An EBS volume of aws_instance.web' },
      ],
      output: 'resource "aws_instance" "web" {\n  ami           = "ami-1"\n  instance_type = "t3.micro"\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = true\n  }\n\n  root_block_device {\n    encrypted = true\n  }\n}\n',
    },
    {
      name: 'root_block_device without encrypted',
      code: 'resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  root_block_device {\n    volume_size = 20\n  }\n}\n',
      errors: [{ text: 'root_block_device', line: 4 }],
      output: 'resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  root_block_device {\n    encrypted   = true\n    volume_size = 20\n  }\n}\n',
    },
    {
      name: 'launch configuration root device',
      code: 'resource "aws_launch_configuration" "lc" {\n  image_id = "ami-1"\n\n  root_block_device {\n    encrypted = false\n  }\n}\n',
      errors: [{ text: 'false', line: 5 }],
      output: 'resource "aws_launch_configuration" "lc" {\n  image_id = "ami-1"\n\n  root_block_device {\n    encrypted = true\n  }\n}\n',
    },
    {
      name: 'launch template EBS without encryption takes a string',
      code: 'resource "aws_launch_template" "t" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      volume_size = 20\n    }\n  }\n}\n',
      errors: [{ text: 'ebs', line: 5, message: 'An EBS volume (/dev/xvda) of aws_launch_template.t' }],
      output: 'resource "aws_launch_template" "t" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      encrypted   = "true"\n      volume_size = 20\n    }\n  }\n}\n',
    },
    {
      name: 'account default turned off',
      code: 'resource "aws_ebs_encryption_by_default" "off" {\n  enabled = false\n}\n',
      errors: [{ text: 'false', line: 2, message: 'turns EBS encryption by default off' }],
      output: 'resource "aws_ebs_encryption_by_default" "off" {\n  enabled = true\n}\n',
    },
    {
      name: 'StorageClass without encrypted parameter',
      code: SC('parameters:\n  type: gp3\n'),
      errors: [{ text: 'parameters', line: 6, message: 'StorageClass gp3 creates unencrypted ebs.csi.aws.com volumes' }],
      output: SC('parameters:\n  type: gp3\n  encrypted: "true"\n'),
    },
    {
      name: 'StorageClass without parameters',
      code: SC('reclaimPolicy: Delete\n'),
      errors: [{ text: 'kind: StorageClass', line: 2 }],
      output: SC('reclaimPolicy: Delete\nparameters:\n  encrypted: "true"\n'),
    },
    {
      name: 'StorageClass with encrypted "false"',
      code: SC("parameters:\n  encrypted: 'false'\n"),
      errors: [{ text: "'false'", line: 7, message: 'parameters.encrypted is "false"' }],
      output: SC("parameters:\n  encrypted: 'true'\n"),
    },
    {
      name: 'Kubernetes JSON manifest (no fix offered where the layout is not YAML)',
      filename: 'sc.json',
      code: '{"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "gp3"}, "provisioner": "kubernetes.io/aws-ebs", "parameters": {"type": "gp2"}}\n',
      errors: [{ text: '"parameters"', line: 1 }],
      output: null,
    },
  ],
});
