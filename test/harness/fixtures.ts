/** Small builders of test inputs, and what a report shows of a lint result. */
import { SourceFile } from '../../server/src/engine/source';
import type { LintResult } from '../../server/src/engine/types';

export const tf = (p: string, text: string): SourceFile => new SourceFile(p, text, 'terraform');
export const yaml = (p: string, text: string): SourceFile => new SourceFile(p, text, 'yaml');

/** A pod manifest in a namespace; `extra` goes before its spec (annotations, a suppression). */
export const pod = (name: string, ns: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${extra}spec:\n  containers:\n    - name: c\n      image: nginx\n`;

/** Terraform of `count` volumes in a non-EU zone, each with 30 tags: about 950 bytes a volume, linted in linear time. */
/**
 * Terraform folders the group and thread tests share: a local module with an input (called from
 * `app/`, which each test writes its own way), a folder with a finding, one with a suppression and a
 * broken file. Made anew per call: a lint may release a file's text.
 */
export const terraformFolders = (): SourceFile[] => [
  tf(
    'modules/disk/main.tf',
    'variable "encrypted" {\n  default = true\n}\n\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  size              = 10\n  encrypted         = var.encrypted\n}\n',
  ),
  tf('other/main.tf', 'provider "aws" {\n  region = "us-east-1"\n}\n'),
  tf('quiet/main.tf', '# snclint:ignore non-eu-region -- test account\nprovider "aws" {\n  region = "us-east-1"\n}\n'),
  tf('broken/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = \n'),
];

export function manyVolumes(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    let tags = '';
    for (let k = 0; k < 30; k++) tags += `    tag_${k} = "value-${i}-${k}"\n`;
    parts.push(
      `resource "aws_ebs_volume" "v${i}" {\n  availability_zone = "us-east-1a"\n  size              = ${i % 100}\n  tags = {\n${tags}  }\n}\n\n`,
    );
  }
  return parts.join('');
}

/**
 * Everything a report shows of a result, in order; with `errorsInAnyOrder`, file errors are
 * compared as a set (groups linted apart report them in their own order).
 */
export function shown(r: LintResult, options: { errorsInAnyOrder?: boolean } = {}): unknown {
  const errors = r.errors.map((e) => [e.file, e.kind, e.message.split('\n')[0], e.range?.start, e.source?.path]);
  return {
    findings: r.findings.map((f) => [
      f.file.path,
      f.range.start,
      f.range.end,
      f.ruleId,
      f.severity,
      f.message,
      f.messageKey,
      f.fixes.map((x) => [x.title, x.safety, x.titleKey, x.edits.map((e) => [e.range.start, e.range.end, e.newText])]),
      f.related.map((x) => [x.file.path, x.range.start, x.message]),
    ]),
    errors: options.errorsInAnyOrder ? errors.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : errors,
    suppressed: (r.suppressed ?? []).map((s) => [s.finding.file.path, s.finding.range.start, s.finding.ruleId, s.file.path, s.reason]),
    files: r.files,
  };
}
