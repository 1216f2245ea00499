/** TLS version settings written as one attribute (Azure, Google Cloud, OVHcloud, OpenStack, Scaleway), judged from rules/data/weak-tls.json. */
import type { RuleContext, RuleFix } from '../../server/src/lint/rule';
import { type Value, asString } from '../../server/src/engine/value';
import { type Block, blocks } from '../../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';
import { insertAttribute } from '../../server/src/terraform/edits';
import { type FlagSpec, checkFlags } from './flags';
import DATA from '../data/weak-tls.json';

/** One version setting: where it is written, which values allow old protocols, and the platform default. */
interface VersionSetting {
  readonly resources: readonly string[];
  readonly path: readonly string[];
  readonly weak: Readonly<Record<string, string | undefined>>;
  readonly recommended: string;
  /** The oldest protocol the platform accepts when the attribute is left out, if that is below TLS 1.2. */
  readonly defaultWeak?: string;
  readonly defaultName?: string;
}

const SETTINGS: readonly VersionSetting[] = DATA.versionSettings;
const FLAGS: readonly FlagSpec[] = DATA.weakProtocolFlags;

function literalFix(r: TfResource, value: Value, label: string, to: string): RuleFix<'set-attribute'>[] {
  if (value.origin !== 'literal' || r.file.text[value.range.start] !== '"') return [];
  return [
    {
      fixId: 'set-attribute',
      data: { attribute: label, value: `"${to}"` },
      safety: 'unsafe',
      preferred: true,
      edits: [{ range: value.range, newText: JSON.stringify(to) }],
    },
  ];
}

/** The blocks a path of nested block names leads to. */
function holdersOf(r: TfResource, path: readonly string[]): Block[] {
  let current: Block[] = [r.block];
  for (const name of path.slice(0, -1)) current = current.flatMap((b) => blocks(b.body, name));
  return current;
}

function checkSetting(ctx: RuleContext, mod: TerraformModule, r: TfResource, s: VersionSetting): void {
  const attrName = s.path[s.path.length - 1]!;
  const label = s.path.join('.');
  for (const holder of holdersOf(r, s.path)) {
    const a = mod.attr(holder, attrName);
    if (!a) {
      if (!s.defaultWeak || holder !== r.block) continue;
      const edit = insertAttribute(r.file, holder, attrName, JSON.stringify(s.recommended));
      ctx.report({
        file: r.file,
        range: holder.headerRange,
        messageId: 'default-policy',
        data: { resource: r.address, oldest: s.defaultWeak, label, policy: s.defaultName ?? 'a value that allows it' },
        fixes: edit
          ? [
              {
                fixId: 'set-attribute',
                data: { attribute: label, value: `"${s.recommended}"` },
                safety: 'unsafe',
                preferred: true,
                edits: [edit],
              },
            ]
          : [],
      });
      continue;
    }
    const values = a.value.kind === 'list' ? a.value.items : [a.value];
    for (const v of values) {
      const name = asString(v);
      const oldest = name === undefined ? undefined : s.weak[name];
      if (!oldest) continue;
      ctx.report({
        file: r.file,
        range: v.range,
        messageId: 'setting-value',
        data: { resource: r.address, oldest, label, value: name! },
        fixes: a.value.kind === 'list' ? [] : literalFix(r, v, label, s.recommended),
      });
    }
  }
}

/** GCP HTTPS and SSL proxies without an SSL policy get Google's default, which accepts TLS 1.0. */
function checkGcpProxies(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOfAny(DATA.gcpProxies.resources)) {
    const p = mod.attr(r.block, 'ssl_policy');
    if (p && p.value.kind !== 'null') continue;
    ctx.report({
      file: r.file,
      range: p ? p.value.range : r.block.headerRange,
      messageId: 'google-default',
      data: { resource: r.address, oldest: DATA.gcpProxies.defaultMinTls, policy: DATA.gcpProxies.defaultPolicy },
    });
  }
}

/** Database server parameters that list or floor TLS versions (tls_version, ssl_min_protocol_version). */
function checkServerParameters(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = DATA.serverParameters;
  const weak: Readonly<Record<string, string | undefined>> = cfg.weak;
  for (const r of mod.resourcesOfAny(cfg.resources)) {
    for (const b of [...blocks(r.block.body, 'parameter'), r.block]) {
      const name = asString(mod.attr(b, 'name')?.value);
      const value = mod.attr(b, 'value')?.value;
      const text = asString(value);
      if (!name || !value || text === undefined || !cfg.names.includes(name)) continue;
      const tokens = text
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t);
      const bad = tokens.filter((t) => weak[t]);
      if (!bad.length) continue;
      const kept = tokens.filter((t) => !weak[t]);
      ctx.report({
        file: r.file,
        range: value.range,
        messageId: 'setting-value',
        data: { resource: r.address, oldest: weak[bad[0]!]!, label: name, value: text },
        fixes: literalFix(r, value, 'value', kept.length ? kept.join(',') : cfg.recommended),
      });
    }
  }
}

/** Every Terraform version setting of weak-tls that is written as a plain attribute. */
export function checkTlsSettings(ctx: RuleContext, mod: TerraformModule): void {
  for (const s of SETTINGS) for (const r of mod.resourcesOfAny(s.resources)) checkSetting(ctx, mod, r, s);
  checkFlags(ctx, mod, FLAGS);
  checkGcpProxies(ctx, mod);
  checkServerParameters(ctx, mod);
}
