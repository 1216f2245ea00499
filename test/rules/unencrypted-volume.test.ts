import rule from '../../rules/unencrypted-volume';
import { testRule } from '../harness/rule-tester';

const SC = (params: string): string =>
  `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\n${params}`;

testRule(rule, {
  valid: [
    { name: 'encrypted volume', code: 'resource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = true\n}\n' },
    {
      name: 'encrypted from a variable without default is unknown',
      code: 'variable "enc" {}\n\nresource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = var.enc\n}\n',
    },
    {
      name: 'volume from a snapshot keeps the snapshot encryption',
      code: 'resource "aws_ebs_volume" "v" {\n  snapshot_id = "snap-123"\n}\n',
    },
    {
      name: 'account default encryption in the module',
      code: 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n\nresource "aws_ebs_volume" "v" {\n  size = 10\n}\n\nresource "aws_instance" "i" {\n  ami = "ami-1"\n}\n',
    },
    {
      name: 'default encryption in a sibling file of the module',
      code: 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n',
      siblings: { 'account.tf': 'resource "aws_ebs_encryption_by_default" "on" {}\n' },
    },
    {
      name: 'instance with encrypted root and EBS devices',
      code: 'resource "aws_instance" "i" {\n  ami = "ami-1"\n\n  root_block_device {\n    encrypted = true\n  }\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = true\n  }\n}\n',
    },
    {
      name: 'instance with a dynamic root block is not judged',
      code: 'resource "aws_instance" "i" {\n  ami = "ami-1"\n\n  dynamic "root_block_device" {\n    for_each = var.root\n    content {\n      encrypted = root_block_device.value.encrypted\n    }\n  }\n}\n',
    },
    {
      name: 'launch template with encrypted EBS',
      code: 'resource "aws_launch_template" "t" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      volume_size = 20\n      encrypted   = "true"\n    }\n  }\n}\n',
    },
    { name: 'launch template without mappings uses the AMI', code: 'resource "aws_launch_template" "t" {\n  image_id = "ami-1"\n}\n' },
    { name: 'encrypted StorageClass', code: SC('parameters:\n  encrypted: "true"\n') },
    {
      name: 'StorageClass of another driver',
      code: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\nprovisioner: pd.csi.storage.gke.io\nparameters:\n  type: pd-balanced\n',
    },
    {
      name: 'encrypted EFS and WorkSpaces',
      code: 'resource "aws_efs_file_system" "fs" {\n  encrypted = true\n}\n\nresource "aws_workspaces_workspace" "w" {\n  root_volume_encryption_enabled = true\n  user_volume_encryption_enabled = true\n}\n',
    },
    {
      name: 'snapshot copy without the argument keeps the source encryption',
      code: 'resource "aws_ebs_snapshot_copy" "c" {\n  source_snapshot_id = aws_ebs_snapshot.s.id\n  source_region      = "eu-west-3"\n}\n',
    },
    {
      name: 'Azure managed disk without encryption_settings (server-side encryption always on)',
      code: 'resource "azurerm_managed_disk" "d" {\n  storage_account_type = "Premium_LRS"\n}\n',
    },
    {
      name: 'OVHcloud LUKS volume type',
      code: 'provider "openstack" {\n  region = "GRA11"\n}\n\nresource "openstack_blockstorage_volume_v3" "v" {\n  size        = 10\n  volume_type = "high-speed-luks"\n}\n',
    },
    {
      name: 'OVHcloud volumes with an encryption block, whatever their type',
      code: 'resource "ovh_cloud_project_volume" "w" {\n  type = "classic"\n\n  encryption {\n    key_id = ovh_okms_service_key.k.id\n  }\n}\n\nresource "ovh_cloud_project_volume" "d" {\n  type = "high-speed"\n\n  dynamic "encryption" {\n    for_each = var.keys\n    content {\n      key_id = encryption.value\n    }\n  }\n}\n',
    },
    {
      name: 'a classic volume type on an OpenStack cloud that is not OVHcloud is not judged',
      code: 'provider "openstack" {\n  region = "RegionOne"\n}\n\nresource "openstack_blockstorage_volume_v3" "v" {\n  size        = 10\n  volume_type = "classic"\n}\n',
    },
    {
      name: 'PersistentVolume of the EBS CSI driver without the attribute',
      code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  csi:\n    driver: ebs.csi.aws.com\n    volumeHandle: vol-1\n',
    },
  ],
  invalid: [
    {
      name: 'EFS without encryption, WorkSpaces with an unencrypted user volume',
      code: 'resource "aws_efs_file_system" "fs" {\n  creation_token = "fs"\n}\n\nresource "aws_workspaces_workspace" "w" {\n  bundle_id                      = "wsb-1"\n  root_volume_encryption_enabled = true\n}\n',
      errors: [
        {
          text: 'resource "aws_efs_file_system" "fs"',
          line: 1,
          message: 'aws_efs_file_system.fs is not encrypted: encrypted is not set and defaults to false.',
        },
        {
          text: 'resource "aws_workspaces_workspace" "w"',
          line: 5,
          message: 'aws_workspaces_workspace.w has an unencrypted user volume: user_volume_encryption_enabled is not set',
        },
      ],
      output:
        'resource "aws_efs_file_system" "fs" {\n  encrypted      = true\n  creation_token = "fs"\n}\n\nresource "aws_workspaces_workspace" "w" {\n  user_volume_encryption_enabled = true\n  bundle_id                      = "wsb-1"\n  root_volume_encryption_enabled = true\n}\n',
    },
    {
      name: 'AMI and snapshot copies that turn encryption off',
      code: 'resource "aws_ami" "a" {\n  ebs_block_device {\n    device_name = "/dev/xvda"\n    encrypted   = false\n  }\n}\n\nresource "aws_ebs_snapshot_copy" "c" {\n  encrypted = false\n}\n',
      errors: [
        { text: 'false', line: 4, message: 'aws_ami.a registers an unencrypted EBS snapshot: ebs_block_device.encrypted is false.' },
        { text: 'false', line: 9, message: 'aws_ebs_snapshot_copy.c does not encrypt the copy' },
      ],
      output:
        'resource "aws_ami" "a" {\n  ebs_block_device {\n    device_name = "/dev/xvda"\n    encrypted   = true\n  }\n}\n\nresource "aws_ebs_snapshot_copy" "c" {\n  encrypted = true\n}\n',
    },
    {
      name: 'Azure managed disk with encryption settings disabled; VM with encryption at host off',
      code: 'resource "azurerm_managed_disk" "d" {\n  encryption_settings {\n    enabled = false\n  }\n}\n\nresource "azurerm_linux_virtual_machine" "vm" {\n  encryption_at_host_enabled = false\n}\n',
      errors: [
        { text: 'false', line: 3, message: 'azurerm_managed_disk.d has disk encryption turned off: encryption_settings.enabled is false.' },
        { text: 'false', line: 8, message: 'azurerm_linux_virtual_machine.vm leaves its temporary disks and disk caches unencrypted' },
      ],
      output:
        'resource "azurerm_managed_disk" "d" {\n  encryption_settings {\n    enabled = false\n  }\n}\n\nresource "azurerm_linux_virtual_machine" "vm" {\n  encryption_at_host_enabled = true\n}\n',
    },
    {
      name: 'OVHcloud volumes of types without encryption',
      code: 'provider "openstack" {\n  region = "SBG5"\n}\n\nresource "openstack_blockstorage_volume_v3" "v" {\n  size        = 10\n  volume_type = "high-speed-gen2"\n}\n\nresource "ovh_cloud_project_volume" "w" {\n  type = "classic"\n}\n',
      errors: [
        {
          text: '"high-speed-gen2"',
          line: 7,
          message:
            'openstack_blockstorage_volume_v3.v is not encrypted: OVHcloud volume type high-speed-gen2 has no encryption; high-speed-gen2-luks does.',
        },
        { text: '"classic"', line: 11, message: 'ovh_cloud_project_volume.w' },
      ],
      output:
        'provider "openstack" {\n  region = "SBG5"\n}\n\nresource "openstack_blockstorage_volume_v3" "v" {\n  size        = 10\n  volume_type = "high-speed-gen2-luks"\n}\n\nresource "ovh_cloud_project_volume" "w" {\n  type = "classic-luks"\n}\n',
    },
    {
      name: 'PersistentVolume stating an unencrypted EBS volume',
      code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  csi:\n    driver: ebs.csi.aws.com\n    volumeHandle: vol-1\n    volumeAttributes:\n      encrypted: "false"\n',
      errors: [{ text: '"false"', line: 10, message: 'PersistentVolume pv is an unencrypted ebs.csi.aws.com volume' }],
      output: null,
    },
    {
      name: 'volume without encrypted, fmt-aligned insert',
      code: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-3a"\n  size              = 40\n}\n',
      errors: [
        { text: 'resource "aws_ebs_volume" "data"', line: 1, message: 'aws_ebs_volume.data is not encrypted: encrypted is not set' },
      ],
      output:
        'resource "aws_ebs_volume" "data" {\n  encrypted         = true\n  availability_zone = "eu-west-3a"\n  size              = 40\n}\n',
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
        {
          text: 'resource "aws_instance" "web"',
          line: 1,
          message: 'The root volume of aws_instance.web is not encrypted',
          fixId: 'add-block',
          fixData: { block: 'root_block_device { encrypted = true }' },
        },
        {
          text: 'false',
          line: 7,
          message: 'An EBS volume of aws_instance.web',
          fixId: 'set-attribute',
          fixData: { attribute: 'encrypted', value: 'true' },
        },
      ],
      output:
        'resource "aws_instance" "web" {\n  ami           = "ami-1"\n  instance_type = "t3.micro"\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = true\n  }\n\n  root_block_device {\n    encrypted = true\n  }\n}\n',
    },
    {
      name: 'root_block_device without encrypted',
      code: 'resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  root_block_device {\n    volume_size = 20\n  }\n}\n',
      errors: [{ text: 'root_block_device', line: 4 }],
      output:
        'resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  root_block_device {\n    encrypted   = true\n    volume_size = 20\n  }\n}\n',
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
      output:
        'resource "aws_launch_template" "t" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      encrypted   = "true"\n      volume_size = 20\n    }\n  }\n}\n',
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
