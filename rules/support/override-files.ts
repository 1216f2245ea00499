/**
 * Terraform override files (`override.tf`, `*_override.tf` and their `.tf.json` forms) merge
 * their blocks into the resource of the same address declared elsewhere: an override block
 * carries only the arguments it changes, so a setting missing from it is not missing.
 */
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';

/** Whether a file is a Terraform override file. */
export function isOverrideFile(path: string): boolean {
  const name = path.replace(/^.*[\\/]/, '');
  return /^(.*_)?override\.tf(\.json)?$/.test(name);
}

/**
 * Whether a resource cannot be judged for a missing setting: it is an override block of another
 * declaration, or an override block of it names one of `settings` (as an argument, a block or a
 * dynamic block).
 */
export function mergedByOverride(mod: TerraformModule, r: TfResource, settings: readonly string[]): boolean {
  if (isOverrideFile(r.file.path)) return mod.resources.some((o) => o !== r && o.address === r.address && !isOverrideFile(o.file.path));
  return mod.resources.some(
    (o) =>
      o !== r &&
      o.address === r.address &&
      isOverrideFile(o.file.path) &&
      (o.block.body.attributes.some((a) => settings.includes(a.name)) || o.block.body.blocks.some((b) => settings.includes(b.type) || (b.type === 'dynamic' && settings.includes(b.labels[0] ?? '')))),
  );
}
