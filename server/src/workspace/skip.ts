/** What a walk never enters or reads, written once for every host: the CLI's walk, the editor's scan and its kustomization search. */

/** Folders never searched: dependencies, VCS data and Terraform's provider cache. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.terraform']);

/** Whether a folder of this name is never walked into. */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name);
}

/** Hidden entries are skipped: Terraform itself ignores dotfiles, and hidden folders hold tool state. */
export function isHidden(name: string): boolean {
  return name.startsWith('.');
}
