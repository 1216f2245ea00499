/** `--fix`: applies fixes to files on disk, pass after pass, until nothing changes. */
import * as fs from 'fs';
import { applyEdits, fixEdits } from '../engine/fixer';
import { SourceFile } from '../engine/source';
import type { LintResult, Safety } from '../engine/types';

/** Fixes of one pass may make others possible (or overlap them); ten passes is far more than any file needs. */
const MAX_PASSES = 10;

/**
 * Applies the preferred fixes allowed by `safety` to the files, re-linting after each pass, and
 * writes the changed files. Returns the final files (for the report) and how many were written.
 */
export function fixFiles(files: readonly SourceFile[], lintAll: (files: readonly SourceFile[]) => LintResult, safety: Safety): { files: SourceFile[]; written: number } {
  let current = [...files];
  const changed = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = lintAll(current);
    let any = false;
    current = current.map((file) => {
      const edits = fixEdits(result.findings.filter((f) => f.file === file), safety);
      if (!edits.length) return file;
      const text = applyEdits(file.text, edits).text;
      if (text === file.text) return file;
      any = true;
      changed.add(file.path);
      return new SourceFile(file.path, text, file.language, file.version + 1);
    });
    if (!any) break;
  }
  for (const f of current) if (changed.has(f.path)) fs.writeFileSync(f.path, f.text);
  return { files: current, written: changed.size };
}
