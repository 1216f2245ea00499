/** The Kubernetes side of unencrypted-volume: StorageClasses and PersistentVolumes of EBS CSI drivers. */
import type { FixTitle, RuleContext, RuleFix } from '../../server/src/lint/rule';
import { type FileEdit, type KNode, mapAt, missingAt, str } from '../../server/src/kubernetes/node';
import type { KObject } from '../../server/src/kubernetes/objects';
import { objectsOf } from '../../server/src/kubernetes/pod';
import VOLUMES from '../data/encrypted-volumes.json';

function fixOf(title: FixTitle, file: KNode['file'], edit: FileEdit | undefined): RuleFix[] {
  return edit && edit.file === file ? [{ ...title, safety: 'unsafe', preferred: true, edits: [edit.edit] }] : [];
}

/** A PersistentVolume of an EBS CSI driver that states its volume is unencrypted. */
function checkPersistentVolume(ctx: RuleContext, obj: KObject): void {
  const csi = mapAt(obj.root, 'spec', 'csi');
  const driver = str(csi?.get('driver'));
  if (!driver || !VOLUMES.csiWithEncryptedParameter.includes(driver)) return;
  const enc = mapAt(csi, 'volumeAttributes')?.get('encrypted');
  if (!enc || str(enc)?.toLowerCase() !== 'false') return;
  ctx.report({
    file: enc.file,
    range: enc.range,
    messageId: 'persistent-volume',
    data: { name: `${obj.name ?? '(unnamed)'}${obj.overlay ? ` in overlay ${obj.overlay}` : ''}`, driver },
  });
}

function checkStorageClass(ctx: RuleContext, obj: KObject): void {
  const provisioner = str(obj.root.get('provisioner'));
  if (!provisioner || !VOLUMES.csiWithEncryptedParameter.includes(provisioner)) return;
  const params = obj.root.get('parameters');
  const enc = params?.kind === 'map' ? params.get('encrypted') : undefined;
  const name = `StorageClass ${obj.name ?? '(unnamed)'}${obj.overlay ? ` in overlay ${obj.overlay}` : ''}`;
  if (enc) {
    const s = str(enc);
    if (s === undefined || s.toLowerCase() === 'true' || enc.kind !== 'scalar') return;
    // An unquoted true would be a YAML boolean, which StorageClass parameters do not take: the edit quotes it.
    ctx.report({
      file: enc.file,
      range: enc.range,
      messageId: 'storage-class-value',
      data: { object: name, provisioner, value: s },
      fixes: fixOf({ fixId: 'set-field', data: { field: 'encrypted', value: '"true"' } }, enc.file, enc.replace('true')),
    });
    return;
  }
  const where =
    params?.kind === 'map'
      ? missingAt(params, 'encrypted')
      : params
        ? { file: obj.file, range: obj.header }
        : missingAt(obj.root, 'parameters', 'encrypted');
  const edit =
    params?.kind === 'map' ? params.set(['encrypted'], 'true') : params ? undefined : obj.root.set(['parameters', 'encrypted'], 'true');
  ctx.report({
    file: where.file,
    range: where.range,
    messageId: 'storage-class-unset',
    data: { object: name, provisioner },
    fixes: fixOf({ fixId: 'add-field', data: { field: 'encrypted', value: '"true"' } }, where.file, edit),
  });
}

/** Reports unencrypted EBS CSI storage in every Kubernetes object the unit sees. */
export function checkKubernetesVolumes(ctx: RuleContext): void {
  for (const obj of objectsOf(ctx)) {
    if (obj.kind === 'PersistentVolume') checkPersistentVolume(ctx, obj);
    else if (obj.kind === 'StorageClass') checkStorageClass(ctx, obj);
  }
}
