/** Quick-fixes from edits of the Kubernetes node tree. */
import type { SourceFile } from '../../server/src/engine/source';
import type { FixTitle, RuleFix } from '../../server/src/lint/rule';
import type { FileEdit, Scalar } from '../../server/src/kubernetes/node';
import type { KObject } from '../../server/src/kubernetes/objects';
import { tfName } from '../../server/src/kubernetes/from-terraform';
import { SET_ATTRIBUTE, SET_FIELD } from './fix-titles';

/** A one-edit fix, offered only when the edit falls in the file the finding is reported in. */
export function fixOf<F extends string>(title: FixTitle<F>, file: SourceFile, edit: FileEdit | undefined): RuleFix<F>[] {
  if (!edit || edit.file !== file) return [];
  return [{ ...title, safety: 'unsafe', preferred: true, edits: [edit.edit] }];
}

/** A field as the object's source writes it: `allowPrivilegeEscalation` or `allow_privilege_escalation`. */
export function field(obj: KObject, key: string): string {
  return obj.style === 'hcl-block' ? tfName(key) : key;
}

/** The fix titles of setTitle, which the rules using it declare. */
export const SET_FIELD_FIXES = { ...SET_FIELD, ...SET_ATTRIBUTE } as const;

/** The title of a fix that sets a field: `Set privileged: false`, `Set privileged = false`. */
export function setTitle(obj: KObject, key: string, value: Scalar): FixTitle<keyof typeof SET_FIELD_FIXES> {
  return obj.style === 'yaml'
    ? { fixId: 'set-field', data: { field: key, value: String(value) } }
    : { fixId: 'set-attribute', data: { attribute: field(obj, key), value: JSON.stringify(value) } };
}
