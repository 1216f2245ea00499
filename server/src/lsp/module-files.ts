/** The other files of a Terraform module (same directory), from open buffers or the disk. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { SourceFile, languageOf } from '../engine/source';

/** Files of a directory larger than this are not read as module siblings. */
const MAX_SIBLING_BYTES = 5 * 1024 * 1024;
const MAX_SIBLINGS = 500;

function isModuleFile(name: string): boolean {
  const n = name.toLowerCase();
  return n.endsWith('.tf') || n.endsWith('.tf.json') || n === 'terraform.tfvars' || n === 'terraform.tfvars.json' || n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json');
}

/**
 * The Terraform files beside `file` that Terraform loads with it, so the editor evaluates
 * variables, locals and tfvars as the CLI does. `openText` gives an open buffer's unsaved text.
 */
export function moduleSiblings(file: SourceFile, openText: (path: string) => string | undefined): SourceFile[] {
  if (file.language !== 'terraform' && file.language !== 'terraform-json') return [];
  const dir = dirname(file.path);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: SourceFile[] = [];
  for (const name of names) {
    if (out.length >= MAX_SIBLINGS) break;
    const path = join(dir, name);
    if (path === file.path || !isModuleFile(name)) continue;
    const language = languageOf(path);
    if (!language) continue;
    let text = openText(path);
    if (text === undefined) {
      try {
        const st = statSync(path);
        if (!st.isFile() || st.size > MAX_SIBLING_BYTES) continue;
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
    }
    out.push(new SourceFile(path, text, language));
  }
  return out;
}
