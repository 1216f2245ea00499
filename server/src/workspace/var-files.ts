/** The variables files a configuration names for Terraform files (`terraform.varFiles`), read from inside the project. */
import * as path from 'node:path';
import { resolvePath } from '../engine/paths';
import { SourceFile, languageOf } from '../engine/source';
import type { FileError } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { type Project, isRefusal, readRegularFile } from './confine';

/** What the var files of a file depend on in its settings. */
export interface VarFileSettings {
  /** Absolute paths of the variables files named for the file. */
  readonly varFiles?: readonly string[];
  readonly maxFileSize?: number;
}

/**
 * The variables files named for the Terraform files of a run (`terraform.varFiles`) that the run does not
 * hold yet, read from disk; a file that leaves the project, cannot be read or is refused adds an error.
 * Paths are shown relative to `cwd`.
 */
export function namedVarFiles(
  files: readonly SourceFile[],
  settingsFor: (f: SourceFile) => VarFileSettings,
  errors: FileError[],
  project: Project,
  cwd = process.cwd(),
): SourceFile[] {
  const have = new Set(files.map((f) => resolvePath(f.path)));
  const out: SourceFile[] = [];
  for (const f of files) {
    if (f.language !== 'terraform' && f.language !== 'terraform-json') continue;
    for (const abs of settingsFor(f).varFiles ?? []) {
      if (have.has(abs)) continue;
      have.add(abs);
      const shown = path.relative(cwd, abs) || abs;
      const refusal = project.check(abs);
      if (refusal) {
        errors.push({
          file: shown,
          kind: 'skipped',
          message: `The variables file named in terraform.varFiles of the configuration was not read: ${refusal.refused}, and snclint reads nothing outside it.`,
        });
        continue;
      }
      let read;
      try {
        read = readRegularFile(abs, settingsFor(f).maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      } catch {
        read = undefined;
      }
      if (read === undefined)
        errors.push({
          file: shown,
          kind: 'io',
          message: `The variables file ${shown}, named in terraform.varFiles of the configuration, cannot be read.`,
        });
      else if (isRefusal(read))
        errors.push({
          file: shown,
          kind: 'skipped',
          message: `The variables file named in terraform.varFiles of the configuration: ${read.refused}.`,
        });
      else out.push(new SourceFile(shown, read.text, languageOf(abs) ?? 'terraform-vars'));
    }
  }
  return out;
}
