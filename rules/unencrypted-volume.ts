/** unencrypted-volume: block storage is encrypted at rest. */
import { defineRule, type RuleContext, type RuleFix } from '../server/src/lint/rule';
import type { SourceFile } from '../server/src/engine/source';
import type { TextEdit } from '../server/src/engine/types';
import { isFalse, isTrue } from '../server/src/engine/value';
import { attr, type Block } from '../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../server/src/terraform/model';
import { appendBlock, insertAttribute } from '../server/src/terraform/edits';
import { FLAG_FIXES, FLAG_MESSAGES, type FlagSpec, checkFlags } from './support/flags';
import { ADD_FIELD, SET_FIELD } from './support/fix-titles';
import { findRegion } from './support/regions';
import { asString } from '../server/src/engine/value';
import VOLUMES from './data/encrypted-volumes.json';
import { checkKubernetesVolumes } from './support/k8s-volumes';

interface VolumeTable {
  /** Resources whose own body has `encrypted`. */
  readonly volumes: readonly string[];
  /** Resources with root and EBS device blocks. */
  readonly instances: readonly string[];
  /** Resources with block_device_mappings { ebs { encrypted = "true" } }. */
  readonly launchTemplates: readonly string[];
  /** StorageClass provisioners that encrypt only when parameters.encrypted is "true". */
  readonly csiWithEncryptedParameter: readonly string[];
  readonly flags: readonly FlagSpec[];
  /** OpenStack volumes on OVHcloud: the type decides encryption. */
  readonly ovhVolumes: {
    readonly resources: Readonly<Record<string, string>>;
    readonly unencryptedTypes: Readonly<Record<string, string>>;
    readonly encryptionBlock: string;
  };
}
const TABLE: VolumeTable = VOLUMES;

/** A fix that sets `encrypted` in a block, replacing a wrong value or inserting the attribute. */
function setEncrypted(file: SourceFile, block: Block, value: string): RuleFix<'set-attribute'>[] {
  const a = attr(block.body, 'encrypted');
  const edit: TextEdit | undefined = a ? { range: a.expr.range, newText: value } : insertAttribute(file, block, 'encrypted', value);
  // Encrypting an existing volume replaces it: never applied without --unsafe.
  return edit
    ? [{ fixId: 'set-attribute', data: { attribute: 'encrypted', value }, safety: 'unsafe', preferred: true, edits: [edit] }]
    : [];
}

/** Whether the module turns on EBS encryption by default for the account and region. */
function encryptedByDefault(mod: TerraformModule): boolean {
  return mod
    .resourcesOf('aws_ebs_encryption_by_default')
    .some((r) =>
      isTrue(mod.attr(r.block, 'enabled')?.value ?? { kind: 'bool', value: true, range: r.block.headerRange, origin: 'default' }),
    );
}

/**
 * Checks one block that takes `encrypted`: false is reported on the value; absent on the header,
 * unless the account default encrypts or a snapshot decides (its encryption carries over).
 */
/** Which volume of a resource a message names: the resource itself, its root volume, or an EBS volume (with its device name). */
type Subject = { readonly kind: 'volume' | 'root' } | { readonly kind: 'ebs'; readonly device: string };

function checkEncryptedAttr(
  ctx: RuleContext,
  mod: TerraformModule,
  r: TfResource,
  block: Block,
  subject: Subject,
  literal: string,
  byDefault: boolean,
): void {
  const data = { resource: r.address, ...(subject.kind === 'ebs' ? { device: subject.device } : {}) };
  const v = mod.attr(block, 'encrypted');
  if (v) {
    if (!isFalse(v.value)) return;
    ctx.report({
      file: r.file,
      range: v.value.range,
      messageId: `${subject.kind}-false`,
      data,
      fixes: v.value.origin === 'literal' ? setEncrypted(r.file, block, literal) : [],
    });
    return;
  }
  if (byDefault || mod.attr(block, 'snapshot_id') || mod.attr(block, 'kms_key_id')) return;
  ctx.report({
    file: r.file,
    range: block.headerRange,
    messageId: `${subject.kind}-unset`,
    data,
    fixes: setEncrypted(r.file, block, literal),
  });
}

/** Whether the module targets OVHcloud: its provider, its resources, or an OpenStack region of OVHcloud. */
function onOvh(mod: TerraformModule): boolean {
  if (mod.providers.some((p) => p.name === 'ovh') || mod.resources.some((r) => r.type.startsWith('ovh_'))) return true;
  return mod.providers.some((p) => {
    const region = p.name === 'openstack' ? asString(mod.attr(p.block, 'region')?.value) : undefined;
    return region !== undefined && findRegion('ovh', region) !== undefined;
  });
}

/** OVHcloud block storage volumes of a type without encryption (the -luks types encrypt). */
function checkOvhVolumes(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = TABLE.ovhVolumes;
  if (!onOvh(mod)) return;
  for (const r of mod.resourcesOf(...Object.keys(cfg.resources))) {
    const a = mod.attr(r.block, cfg.resources[r.type]!);
    const type = asString(a?.value);
    const to = type === undefined ? undefined : cfg.unencryptedTypes[type];
    // An encryption block (an OKMS key) encrypts the volume whatever its type.
    if (
      !a ||
      !to ||
      r.block.body.blocks.some((b) => b.type === cfg.encryptionBlock || (b.type === 'dynamic' && b.labels[0] === cfg.encryptionBlock))
    )
      continue;
    const literal = a.value.origin === 'literal' && r.file.text[a.value.range.start] === '"';
    ctx.report({
      file: r.file,
      range: a.value.range,
      messageId: 'ovh-type',
      data: { resource: r.address, type: String(type), encrypted: to },
      fixes: literal
        ? [
            {
              fixId: 'set-attribute',
              data: { attribute: a.attr.name, value: `"${to}"` },
              safety: 'unsafe',
              preferred: true,
              edits: [{ range: a.value.range, newText: `"${to}"` }],
            },
          ]
        : [],
    });
  }
}

function checkTerraform(ctx: RuleContext, mod: TerraformModule): void {
  checkFlags(ctx, mod, TABLE.flags);
  checkOvhVolumes(ctx, mod);
  const byDefault = encryptedByDefault(mod);
  for (const r of mod.resourcesOfAny(TABLE.volumes)) checkEncryptedAttr(ctx, mod, r, r.block, { kind: 'volume' }, 'true', byDefault);

  for (const r of mod.resourcesOf('aws_ebs_encryption_by_default')) {
    const v = mod.attr(r.block, 'enabled');
    if (v && isFalse(v.value))
      ctx.report({
        file: r.file,
        range: v.value.range,
        messageId: 'ebs-default-off',
        data: { resource: r.address },
        fixes:
          v.value.origin === 'literal'
            ? [
                {
                  fixId: 'set-attribute',
                  data: { attribute: 'enabled', value: 'true' },
                  safety: 'unsafe',
                  preferred: true,
                  edits: [{ range: v.value.range, newText: 'true' }],
                },
              ]
            : [],
      });
  }

  for (const r of mod.resourcesOfAny(TABLE.instances)) {
    const body = r.block.body;
    const roots = body.blocks.filter((b) => b.type === 'root_block_device');
    const dynamicRoot = body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'root_block_device');
    for (const root of roots) checkEncryptedAttr(ctx, mod, r, root, { kind: 'root' }, 'true', byDefault);
    if (!roots.length && !dynamicRoot && !byDefault) {
      const edit = appendBlock(r.file, r.block, ['root_block_device {', '  encrypted = true', '}']);
      ctx.report({
        file: r.file,
        range: r.block.headerRange,
        messageId: 'root-missing',
        data: { resource: r.address },
        fixes: edit
          ? [
              {
                fixId: 'add-block',
                data: { block: 'root_block_device { encrypted = true }' },
                safety: 'unsafe',
                preferred: true,
                edits: [edit],
              },
            ]
          : [],
      });
    }
    for (const dev of body.blocks.filter((b) => b.type === 'ebs_block_device'))
      checkEncryptedAttr(ctx, mod, r, dev, { kind: 'ebs', device: '' }, 'true', byDefault);
  }

  for (const r of mod.resourcesOfAny(TABLE.launchTemplates)) {
    for (const mapping of r.block.body.blocks.filter((b) => b.type === 'block_device_mappings')) {
      const device = mod.attr(mapping, 'device_name');
      const name = device && device.value.kind === 'string' ? ` (${device.value.value})` : '';
      for (const ebs of mapping.body.blocks.filter((b) => b.type === 'ebs')) {
        // Launch templates take "true"/"false" strings.
        checkEncryptedAttr(ctx, mod, r, ebs, { kind: 'ebs', device: name }, '"true"', byDefault);
      }
    }
  }
}

export default defineRule({
  meta: {
    id: 'unencrypted-volume',
    title: 'Encrypt block storage at rest',
    description:
      'Reports block and file storage that is not encrypted at rest: EBS volumes, instance root and EBS ' +
      'block devices, launch template and launch configuration volumes, AMI and snapshot copies, EFS file ' +
      'systems, WorkSpaces volumes, Azure managed disks with encryption settings turned off and virtual ' +
      'machines with encryption at host turned off, OVHcloud volumes of a type without encryption and ' +
      'without an encryption block (OKMS), and Kubernetes StorageClasses and PersistentVolumes of the EBS ' +
      'CSI driver. Account-wide EBS encryption by default (aws_ebs_encryption_by_default) in the same ' +
      'module counts as encryption.',
    rationale:
      'SecNumCloud 10.1 (10.1.a) requires stored data to be encrypted so that it cannot be recovered once ' +
      'the storage is reallocated, with at least one key per tenant. A disk or file system left ' +
      'unencrypted keeps the data readable by anyone who obtains the underlying storage, a snapshot or a ' +
      'copy of it.',
    remediation:
      'Set encrypted = true (encrypted: "true" in a StorageClass, a -luks volume type on OVHcloud, ' +
      'encryption_at_host_enabled = true on Azure), ideally with a customer-managed key. Encrypting an ' +
      'existing volume replaces it: migrate the data through an encrypted snapshot copy.',
    severity: 'error',
    requirements: ['10.1.a'],
    fixable: true,
    covers: [
      'aws_ebs_volume, aws_ebs_encryption_by_default',
      'aws_instance, aws_spot_instance_request and aws_launch_configuration root_block_device and ' + 'ebs_block_device',
      'aws_launch_template block_device_mappings.ebs',
      'aws_ami ebs_block_device, aws_ami_copy, aws_ebs_snapshot_copy (encrypted = false)',
      'aws_efs_file_system',
      'aws_workspaces_workspace root and user volumes',
      'azurerm_managed_disk encryption_settings, azurerm_*_virtual_machine and scale sets ' + 'encryption_at_host_enabled (= false)',
      'openstack_blockstorage_volume_v2/v3 and ovh_cloud_project_volume types on OVHcloud',
      'StorageClass and PersistentVolume of ebs.csi.aws.com, ebs.csi.eks.amazonaws.com, ' + 'kubernetes.io/aws-ebs',
    ],
    limits:
      "A volume restored from a snapshot inherits the snapshot's encryption, and a copy of an encrypted snapshot or AMI stays encrypted: those cases are not judged. FSx (Lustre, Windows, ONTAP, OpenZFS), Google persistent disks, Azure managed disks (server-side encryption) and Scaleway block volumes are always encrypted at rest and have no setting to check; whether the key is the tenant's own is not checked here. OpenStack volume types are judged only on OVHcloud, whose type names are known.",
    messages: {
      ...FLAG_MESSAGES,
      'volume-false': '{{resource}} is not encrypted: encrypted is false.',
      'volume-unset': '{{resource}} is not encrypted: encrypted is not set and defaults to false.',
      'root-false': 'The root volume of {{resource}} is not encrypted: encrypted is false.',
      'root-unset': 'The root volume of {{resource}} is not encrypted: encrypted is not set and defaults to false.',
      'ebs-false': 'An EBS volume{{device}} of {{resource}} is not encrypted: encrypted is false.',
      'ebs-unset': 'An EBS volume{{device}} of {{resource}} is not encrypted: encrypted is not set and defaults to ' + 'false.',
      'root-missing': 'The root volume of {{resource}} is not encrypted: no root_block_device sets encrypted = true.',
      'ovh-type': '{{resource}} is not encrypted: OVHcloud volume type {{type}} has no encryption; {{encrypted}} does.',
      'ebs-default-off': '{{resource}} turns EBS encryption by default off.',
      'persistent-volume': 'PersistentVolume {{name}} is an unencrypted {{driver}} volume: volumeAttributes.encrypted is ' + '"false".',
      'storage-class-value': '{{object}} creates unencrypted {{provisioner}} volumes: parameters.encrypted is "{{value}}".',
      'storage-class-unset': '{{object}} creates unencrypted {{provisioner}} volumes: parameters.encrypted is not "true".',
    },
    fixes: { ...FLAG_FIXES, ...SET_FIELD, ...ADD_FIELD },
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-3a"\n  size              = 40\n  encrypted         = true\n}\n',
        },
        {
          language: 'yaml',
          code: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nparameters:\n  type: gp3\n  encrypted: "true"\n',
        },
      ],
      bad: [
        {
          language: 'terraform',
          code: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-3a"\n  size              = 40\n}\n',
        },
        {
          language: 'yaml',
          code: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nparameters:\n  type: gp3\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) checkTerraform(ctx, mod);
    checkKubernetesVolumes(ctx);
  },
});
