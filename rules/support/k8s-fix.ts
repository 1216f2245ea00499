/** Quick-fixes from edits of the Kubernetes node tree. */
import type { SourceFile } from '../../server/src/engine/source';
import type { Fix } from '../../server/src/engine/types';
import type { FileEdit, Scalar } from '../../server/src/kubernetes/node';
import type { KObject } from '../../server/src/kubernetes/objects';
import { tfName } from '../../server/src/kubernetes/from-terraform';

/** A one-edit fix, offered only when the edit falls in the file the finding is reported in. */
export function fixOf(title: string, file: SourceFile, edit: FileEdit | undefined): Fix[] {
  if (!edit || edit.file !== file) return [];
  return [{ title, safety: 'unsafe', preferred: true, edits: [edit.edit] }];
}

/** A field as the object's source writes it: `allowPrivilegeEscalation` or `allow_privilege_escalation`. */
export function field(obj: KObject, key: string): string {
  return obj.style === 'hcl-block' ? tfName(key) : key;
}

/** The title of a fix that sets a field: `Set privileged: false`, `Set privileged = false`. */
export function setTitle(obj: KObject, key: string, value: Scalar): string {
  return obj.style === 'yaml' ? `Set ${key}: ${String(value)}` : `Set ${field(obj, key)} = ${JSON.stringify(value)}`;
}
