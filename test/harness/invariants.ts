/**
 * What every finding must satisfy, whatever the rule: its file holds its range, the range ends
 * after it starts, and in a Terraform file the text under it is inside the block the message
 * names (a resource reported on another resource's line would contradict its own message).
 */
import type { Finding } from '../../server/src/engine/types';
import { parseHcl } from '../../server/src/terraform/parser';
import type { Block } from '../../server/src/terraform/ast';

const blockCache = new WeakMap<object, readonly Block[]>();

function topBlocks(f: Finding): readonly Block[] {
  const cached = blockCache.get(f.file);
  if (cached) return cached;
  const blocks = f.file.language === 'terraform' ? parseHcl(f.file.text).body.blocks : [];
  blockCache.set(f.file, blocks);
  return blocks;
}

/** Addresses a message names: `aws_s3_bucket.logs`, `data.x.y`, `module.net`. */
function namedAddresses(message: string): string[] {
  return [...message.matchAll(/\b(?:data\.)?([a-z][a-z0-9]*_[a-z0-9_]+|module)\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => `${m[1]}.${m[2]}`);
}

/** The problems of one finding with the invariants; empty when it holds them. */
export function findingViolations(f: Finding): string[] {
  const out: string[] = [];
  const { start, end } = f.range;
  const where = `${f.ruleId} ${f.file.path} [${start}, ${end})`;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0)) out.push(`${where}: range is not a pair of offsets`);
  if (end > f.file.text.length) out.push(`${where}: range ends after the end of the file (${f.file.text.length})`);
  if (end <= start) out.push(`${where}: range does not end after it starts`);
  for (const r of f.related) {
    if (r.range.end > r.file.text.length || r.range.end < r.range.start)
      out.push(`${where}: related location ${r.file.path} [${r.range.start}, ${r.range.end}) is not in its file`);
  }
  if (out.length) return out;
  const block = topBlocks(f).find((b) => b.range.start <= start && end <= b.range.end);
  // In a .tf file, a finding is on a block or inside one, never across blocks or in the space between them.
  if (f.file.language === 'terraform' && !block && topBlocks(f).length)
    out.push(`${where}: the range is not inside one block: "${f.file.text.slice(start, Math.min(end, start + 60))}"`);
  if (!block || (block.type !== 'resource' && block.type !== 'data' && block.type !== 'module')) return out;
  const named = namedAddresses(f.message);
  const own = block.type === 'module' ? `module.${block.labels[0] ?? ''}` : `${block.labels[0] ?? ''}.${block.labels[1] ?? ''}`;
  // A message that names resources names the one whose text it points at.
  // or one that refers to it (a policy document, a shared block, judged for the resource using it).
  const ref = block.type === 'data' ? `data.${own}` : own;
  const refersToOwn = (a: string): boolean =>
    topBlocks(f).some(
      (b) =>
        `${b.labels[0] ?? ''}.${b.labels[1] ?? ''}` === a.replace(/^data\./, '') &&
        f.file.text.slice(b.range.start, b.range.end).includes(ref),
    );
  if (named.length && !named.some((a) => a === own || f.message.includes(own) || refersToOwn(a))) {
    out.push(`${where}: the message names ${named.join(', ')} but the range is in ${own}: ${f.message}`);
  }
  return out;
}
