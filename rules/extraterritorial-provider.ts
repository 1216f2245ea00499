/** extraterritorial-provider: resources run on clouds whose parent company is subject to non-EU law. */
import { defineRule, type RuleContext } from '../server/src/lint/rule';
import type { RelatedLocation } from '../server/src/engine/types';
import { asString } from '../server/src/engine/value';
import { type Attribute, type Block, attr } from '../server/src/terraform/ast';
import type { TerraformModule, TfProvider, TfResource } from '../server/src/terraform/model';
import { callsOf } from '../server/src/terraform/project';
import { blocksAt } from './support/tf-blocks';
import DATA from './data/extraterritorial-providers.json';

interface ProviderRow {
  readonly names: readonly string[];
  readonly parent: string;
  readonly country: string;
  readonly law: string;
}
interface SovereignRow {
  readonly provider: readonly string[];
  readonly attribute: string;
  readonly values: readonly string[];
  readonly operator: string;
}
const TABLE: {
  providers: readonly ProviderRow[];
  sovereign: readonly SovereignRow[];
  qualifiedEndpointHosts: readonly string[];
  otherOperatorEndpointHosts: readonly string[];
} = DATA;

/** The provider name and alias a resource uses: its `provider` meta-argument or its type's prefix. */
function providerKey(r: TfResource): { name: string; alias: string | undefined } {
  const p = attr(r.block.body, 'provider');
  if (p && p.expr.kind === 'traversal') {
    const step = p.expr.steps[0];
    return { name: p.expr.root, alias: step?.kind === 'attr' ? step.name : undefined };
  }
  return { name: r.type.split('_')[0] ?? r.type, alias: undefined };
}

function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url.trim());
  return m?.[1]?.toLowerCase();
}

/** Whether a provider configuration points to a sovereign operator or to qualified endpoints only. */
function sovereign(mod: TerraformModule, p: TfProvider | undefined, declared: readonly string[]): boolean {
  if (!p) return false;
  for (const s of TABLE.sovereign) {
    if (!s.provider.includes(p.name)) continue;
    const v = asString(mod.attr(p.block, s.attribute)?.value);
    if (v !== undefined && s.values.includes(v.toLowerCase())) return true;
  }
  const endpoints = blocksAt(p.block, ['endpoints']);
  if (!endpoints.length) return false;
  const hosts = endpoints.flatMap((e) => e.body.attributes.map((a) => endpointHost(mod, e, a)));
  const known = [...TABLE.qualifiedEndpointHosts, ...TABLE.otherOperatorEndpointHosts, ...declared].map((q) => q.toLowerCase());
  return hosts.length > 0 && hosts.every((host) => host !== undefined && known.some((q) => host === q || host.endsWith(`.${q}`)));
}

/**
 * The host of an endpoint URL, or the part of it written after an interpolation
 * (`https://s3.${var.region}.cloud.ovh.net` ends in `.cloud.ovh.net` whatever the region).
 */
function endpointHost(mod: TerraformModule, block: Block, a: Attribute): string | undefined {
  const url = asString(mod.attr(block, a.name)?.value);
  if (url !== undefined) return hostOf(url);
  const e = a.expr;
  if (e.kind !== 'template' || e.parts.length < 2) return undefined;
  const last = e.parts[e.parts.length - 1]!;
  const before = e.parts
    .slice(0, -1)
    .map((x) => (x.kind === 'text' ? x.value : '\u0000'))
    .join('');
  const scheme = before.indexOf('://');
  if (last.kind !== 'text' || scheme < 0 || /[/?#]/.test(before.slice(scheme + 3))) return undefined;
  const tail = /^[a-z0-9.-]*/i.exec(last.value)?.[0] ?? '';
  return tail.startsWith('.') && tail.length > 1 ? `x${tail}`.toLowerCase() : undefined;
}

function check(ctx: RuleContext<'one-resource' | 'many-resources'>, mod: TerraformModule): void {
  const groups = new Map<string, { row: ProviderRow; name: string; alias: string | undefined; resources: TfResource[] }>();
  for (const r of mod.resources) {
    if (r.mode !== 'resource') continue;
    const key = providerKey(r);
    const row = TABLE.providers.find((x) => x.names.includes(key.name));
    if (!row) continue;
    const id = `${key.name}.${key.alias ?? ''}`;
    const g = groups.get(id) ?? { row, name: key.name, alias: key.alias, resources: [] };
    g.resources.push(r);
    groups.set(id, g);
  }
  for (const g of groups.values()) {
    const config = mod.providers.find((p) => p.name === g.name && p.alias === g.alias);
    // Hosts the team declares in .snclint.yml (qualifiedEndpoints) count as qualified too; a configuration inherited from the caller is judged as well.
    if (sovereign(mod, config ?? mod.providerConfig(g.name, g.alias), ctx.settings.qualifiedEndpoints ?? [])) continue;
    // A module that leaves the configuration to its callers is judged by what the calls in the run pass it.
    const calls = config ? [] : callsOf(mod);
    if (calls.length && calls.every((c) => sovereign(c, c.providerConfig(g.name, g.alias), ctx.settings.qualifiedEndpoints ?? [])))
      continue;
    const first = g.resources[0]!;
    const label = `provider "${g.name}"${g.alias ? ` (alias ${g.alias})` : ''}`;
    const related: RelatedLocation[] = g.resources
      .slice(0, 20)
      .map((r) => ({ file: r.file, range: r.block.headerRange, message: `${r.address} runs on ${label}` }));
    const why = { provider: label, parent: `${g.row.parent}, ${g.row.country}`, law: g.row.law };
    ctx.report({
      file: config?.file ?? first.file,
      range: config?.block.headerRange ?? first.block.headerRange,
      ...(g.resources.length === 1
        ? { messageId: 'one-resource' as const, data: { resource: first.address, ...why } }
        : { messageId: 'many-resources' as const, data: { count: g.resources.length, ...why } }),
      related: config ? related : related.slice(1),
    });
  }
}

export default defineRule({
  meta: {
    id: 'extraterritorial-provider',
    title: 'Know which resources depend on providers under non-EU law',
    description:
      'Reports, once per provider configuration of a module, the resources created through providers whose ' +
      'parent company is subject to non-EU law: AWS, Azure, Google Cloud, Oracle, IBM and Alibaba Cloud. ' +
      'Google providers pointed at S3NS (universe_domain = "s3nsapis.fr") and AWS-compatible providers ' +
      'whose endpoints are all on a qualified operator (Outscale) are recognised as sovereign; an AWS ' +
      "provider whose endpoints all lead to another operator's S3-compatible storage (OVHcloud, Scaleway, " +
      "Exoscale) is that operator's, not Amazon's, and is not reported.",
    rationale:
      'SecNumCloud 19.6 requires that no entity subject to non-EU law can technically obtain the data, and ' +
      'that the provider be established and controlled in the EU. A hyperscaler under the US CLOUD Act or ' +
      "China's intelligence law can be compelled to hand over data, whatever region it is stored in.",
    remediation:
      'Move the workload to a SecNumCloud-qualified offer (S3NS, Outscale, OVHcloud, Scaleway, Cloud ' +
      'Temple, ...) or record the decision and the data it concerns; turn the rule off in .snclint.yml ' +
      'where the choice is deliberate.',
    severity: 'info',
    requirements: ['19.6.c'],
    fixable: false,
    covers: [
      'aws, awscc',
      'azurerm, azuread, azapi, azuredevops, azurestack',
      'google, google-beta (S3NS recognised)',
      'oci',
      'ibm',
      'alicloud',
    ],
    limits:
      'Which offers a team counts as qualified beyond S3NS and Outscale endpoints cannot yet be declared ' +
      'in configuration. Only the provider is judged, not the data a resource holds.',
    messages: {
      'one-resource': '{{resource}} uses {{provider}}, operated by a company whose parent ({{parent}}) is subject to ' + '{{law}}.',
      'many-resources': '{{count}} resources use {{provider}}, operated by a company whose parent ({{parent}}) is subject to ' + '{{law}}.',
    },
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'provider "google" {\n  universe_domain = "s3nsapis.fr"\n  project         = "my-project"\n}\n\nresource "google_storage_bucket" "data" {\n  name     = "data"\n  location = "u-france-east1"\n}\n',
        },
      ],
      bad: [
        {
          language: 'terraform',
          code: 'provider "google" {\n  project = "my-project"\n}\n\nresource "google_storage_bucket" "data" {\n  name     = "data"\n  location = "europe-west9"\n}\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) check(ctx, mod);
  },
});
