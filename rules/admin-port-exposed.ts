/** admin-port-exposed: administration and database ports are not open to the whole internet. */
import { defineRule, type RuleContext } from '../server/src/lint/rule';
import type { Value } from '../server/src/engine/value';
import { asString, isFalse, isTrue } from '../server/src/engine/value';
import type { TerraformModule } from '../server/src/terraform/model';
import { blocksAt, hasDynamic, judgedAttr, setAttributeFix } from './support/tf-blocks';
import { type Deny, type Opening, type PortRange, acceptsByDefault, inboundOpenings } from './support/network-openings';
import { ALLOWLIST_ROWS, FIREWALL_ROWS, allowlistSources, tableOpenings } from './support/firewall-table';
import { SET_ATTRIBUTE } from './support/fix-titles';
import DATA from './data/admin-ports.json';

const TABLE: {
  ports: readonly { port: number; name: string }[];
  openSources: readonly string[];
  tcpProtocols: readonly string[];
  statelessMaxRange: number;
} = DATA;

function isOpenSource(v: Value): boolean {
  const s = asString(v)?.trim().toLowerCase();
  return s !== undefined && TABLE.openSources.includes(s);
}

function exposedPorts(ports: readonly PortRange[] | 'all', stateless: boolean): { port: number; name: string }[] {
  if (ports === 'all') return stateless ? [] : [...TABLE.ports];
  // A stateless filter opens wide ranges for return traffic: only narrow ranges say "administration".
  const ranges = stateless ? ports.filter((r) => r.to - r.from < TABLE.statelessMaxRange) : ports;
  return TABLE.ports.filter((p) => ranges.some((r) => r.from <= p.port && p.port <= r.to)).sort((a, b) => a.port - b.port);
}

function portsOf(list: readonly { port: number; name: string }[]): string {
  return list
    .slice(0, 4)
    .map((p) => `${p.name} (${p.port})`)
    .join(', ');
}

const TCP_NAMES: Readonly<Record<string, string>> = { '6': 'tcp' };
const ANY_PROTOCOL = ['-1', 'all', '*', 'any'];

/** Whether an earlier deny of the same list refuses this port from this source. */
function deniedEarlier(denies: readonly Deny[], protocol: string, port: number, source: string): boolean {
  const proto = TCP_NAMES[protocol] ?? protocol;
  return denies.some((d) => {
    const dp = TCP_NAMES[d.protocol] ?? d.protocol;
    const protoCovered = ANY_PROTOCOL.includes(dp) || dp === proto || (dp === 'tcp' && ANY_PROTOCOL.includes(proto));
    const portCovered = d.ports === 'all' || d.ports.some((r) => r.from <= port && port <= r.to);
    return protoCovered && portCovered && (d.sources.includes(source) || d.sources.includes('*'));
  });
}

function checkOpening(ctx: RuleContext, o: Opening): void {
  if (o.protocol === undefined || !TABLE.tcpProtocols.includes(o.protocol) || o.ports === undefined || o.deniedBefore === 'unknown') return;
  const open = o.sources.find(isOpenSource);
  if (!open) return;
  const src = asString(open)!;
  const denies = o.deniedBefore ?? [];
  let list = exposedPorts(o.ports, o.stateless);
  if (denies.length) list = list.filter((p) => !deniedEarlier(denies, o.protocol!, p.port, src.trim().toLowerCase()));
  if (!list.length) return;
  const range = open.origin === 'default' ? o.header : open.range;
  const who = open.origin === 'default' ? 'any address (no ip or ip_range)' : `the whole internet (${src})`;
  const all = o.ports === 'all' && list.length === TABLE.ports.length;
  const resource = o.resource.address;
  if (all) ctx.report({ file: o.file, range, messageId: 'opens-all-ports', data: { resource, who } });
  else if (list.length > 4)
    ctx.report({
      file: o.file,
      range,
      messageId: 'opens-ports-and-more',
      data: { resource, ports: portsOf(list), more: list.length - 4, who },
    });
  else ctx.report({ file: o.file, range, messageId: 'opens-ports', data: { resource, ports: portsOf(list), who } });
}

/** Services whose allowlist (a database ACL, a cluster's admin ranges) lets the whole internet in. */
function checkAllowlists(ctx: RuleContext, mod: TerraformModule): void {
  for (const row of ALLOWLIST_ROWS) {
    for (const { resource, sources } of allowlistSources(mod, row)) {
      const open = sources.find(isOpenSource);
      if (open)
        ctx.report({
          file: resource.file,
          range: open.range,
          messageId: 'service-open',
          data: { resource: resource.address, source: String(asString(open)), service: `its ${row.service}` },
        });
    }
  }
}

function checkScalewayDefaults(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOf('scaleway_instance_security_group')) {
    const p = acceptsByDefault(mod, r.block);
    if (!p) continue;
    const range = p === 'default' ? r.block.headerRange : p.range;
    ctx.report({
      file: r.file,
      range,
      messageId: p === 'default' ? 'accepts-by-default' : 'accepts',
      data: { resource: r.address },
      fixes: p === 'default' || p.origin === 'literal' ? setAttributeFix(r.file, r.block, 'inbound_default_policy', '"drop"') : [],
    });
  }
}

/** Reports the first open CIDR among literal values, or nothing. */
function openCidr(values: readonly Value[]): Value | undefined {
  return values.find(isOpenSource);
}

function listStrings(v: Value | undefined): Value[] {
  if (!v) return [];
  if (v.kind === 'list') return v.items.filter((i) => i.kind === 'string');
  return v.kind === 'string' ? [v] : [];
}

function checkControlPlanes(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOf('aws_eks_cluster')) {
    for (const vpc of blocksAt(r.block, ['vpc_config'])) {
      const pub = judgedAttr(mod, vpc, 'endpoint_public_access');
      if (pub && !isTrue(pub.value)) continue;
      const cidrs = judgedAttr(mod, vpc, 'public_access_cidrs');
      if (!cidrs) {
        ctx.report({ file: r.file, range: vpc.headerRange, messageId: 'eks-public-default', data: { resource: r.address } });
        continue;
      }
      if (cidrs.value.kind === 'list' && cidrs.value.items.length === 0) {
        ctx.report({ file: r.file, range: cidrs.value.range, messageId: 'eks-empty-cidrs', data: { resource: r.address } });
        continue;
      }
      const open = openCidr(listStrings(cidrs.value));
      if (open)
        ctx.report({
          file: r.file,
          range: open.range,
          messageId: 'api-range-open',
          data: { resource: r.address, attribute: 'public_access_cidrs', source: String(asString(open)) },
        });
    }
  }

  for (const r of mod.resourcesOf('azurerm_kubernetes_cluster')) {
    const priv = judgedAttr(mod, r.block, 'private_cluster_enabled');
    if (priv && (isTrue(priv.value) || !isFalse(priv.value))) continue;
    if (hasDynamic(r.block, 'api_server_access_profile')) continue;
    const ranges = [
      judgedAttr(mod, r.block, 'api_server_authorized_ip_ranges'),
      ...blocksAt(r.block, ['api_server_access_profile']).map((b) => judgedAttr(mod, b, 'authorized_ip_ranges')),
    ].filter((a) => a !== undefined);
    if (ranges.some((a) => a.value.kind !== 'list' || a.value.items.some((i) => i.kind !== 'string'))) continue;
    const values = ranges.flatMap((a) => listStrings(a.value));
    const open = openCidr(values);
    if (open)
      ctx.report({
        file: r.file,
        range: open.range,
        messageId: 'api-range-open',
        data: { resource: r.address, attribute: 'authorized_ip_ranges', source: String(asString(open)) },
      });
    else if (!values.length)
      ctx.report({ file: r.file, range: r.block.headerRange, messageId: 'aks-not-private', data: { resource: r.address } });
  }

  for (const r of mod.resourcesOf('google_container_cluster')) {
    // A private endpoint decided by a value not known here (a variable without default) is not judged.
    if (
      blocksAt(r.block, ['private_cluster_config']).some((b) => {
        const v = judgedAttr(mod, b, 'enable_private_endpoint')?.value;
        return v !== undefined && !isFalse(v) && v.kind !== 'null';
      })
    )
      continue;
    const man = blocksAt(r.block, ['master_authorized_networks_config']);
    if (r.block.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'master_authorized_networks_config')) continue;
    if (!man.length) {
      ctx.report({ file: r.file, range: r.block.headerRange, messageId: 'gke-no-networks', data: { resource: r.address } });
      continue;
    }
    for (const b of blocksAt(man[0]!, ['cidr_blocks'])) {
      const c = judgedAttr(mod, b, 'cidr_block');
      if (c && isOpenSource(c.value))
        ctx.report({
          file: r.file,
          range: c.value.range,
          messageId: 'gke-open-network',
          data: { resource: r.address, source: String(asString(c.value)) },
        });
    }
  }

  const aclled: readonly [string, string, string][] = [
    ['ovh_cloud_project_kube', 'ovh_cloud_project_kube_iprestrictions', 'kube_id'],
    ['scaleway_k8s_cluster', 'scaleway_k8s_acl', 'cluster_id'],
  ];
  for (const [type, aclType, via] of aclled) {
    const acls = mod.resourcesOf(aclType);
    // An ACL whose cluster cannot be resolved here may be this cluster's.
    if (
      acls.some((a) => {
        const v = judgedAttr(mod, a.block, via);
        return !v || !mod.referencedResources(v.attr.expr).length;
      })
    )
      continue;
    for (const r of mod.resourcesOf(type)) {
      const mine = mod.referencing(r, [aclType], via);
      if (!mine.length) {
        ctx.report({ file: r.file, range: r.block.headerRange, messageId: 'api-no-acl', data: { resource: r.address, acl: aclType } });
        continue;
      }
      for (const acl of mine) {
        const ips = [
          ...listStrings(judgedAttr(mod, acl.block, 'ips')?.value),
          ...blocksAt(acl.block, ['acl_rules']).flatMap((b) => listStrings(judgedAttr(mod, b, 'ip')?.value)),
        ];
        const open = openCidr(ips);
        if (open)
          ctx.report({
            file: acl.file,
            range: open.range,
            messageId: 'acl-open',
            data: { resource: acl.address, source: String(asString(open)), cluster: r.address },
          });
      }
    }
  }
}

export default defineRule({
  meta: {
    id: 'admin-port-exposed',
    title: 'Keep administration and database ports off the internet',
    description:
      'Reports inbound rules that open SSH, RDP, WinRM, VNC, Telnet, database, etcd, kubelet or Kubernetes ' +
      'API ports (or all ports) to 0.0.0.0/0, ::/0, * or Internet, written as nested blocks or as ' +
      'attribute lists of objects: AWS security groups, security group rules and NACLs (a lower-numbered ' +
      'NACL deny wins over a later allow), Azure NSG rules (likewise for a deny of lower priority number), ' +
      'GCP firewalls, OpenStack and OVHcloud security groups, Hetzner Cloud firewalls, Exoscale security ' +
      'group rules, Scaleway and Outscale security groups; Scaleway security groups that accept inbound ' +
      'traffic by default; Scaleway database and Redis ACLs, Exoscale and OVHcloud managed database IP ' +
      'filters and Outscale OKS admin allowlists that admit the whole internet; managed Kubernetes control ' +
      'planes with a public endpoint and no authorised networks (EKS, including an empty ' +
      'public_access_cidrs, AKS, GKE, OVHcloud, Scaleway).',
    rationale:
      'SecNumCloud 9.6 requires administration interfaces not to be reachable from public networks, and ' +
      '13.2 requires flows to be filtered to an authorised matrix. An administration or database port open ' +
      'to the internet is scanned and brute-forced within minutes of being exposed.',
    remediation:
      'Restrict the source to the administration network, a bastion or a VPN range; reach the Kubernetes ' +
      'API through a private endpoint or a list of authorised networks.',
    severity: 'error',
    requirements: ['9.6.d', '13.2.e'],
    fixable: true,
    covers: [
      'aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule',
      'aws_network_acl, aws_default_network_acl, aws_network_acl_rule',
      'azurerm_network_security_group, azurerm_network_security_rule',
      'google_compute_firewall',
      'openstack_networking_secgroup_rule_v2, ovh_cloud_security_group',
      'hcloud_firewall',
      'exoscale_security_group_rule, exoscale_security_group_rules, exoscale_dbaas',
      'ovh_cloud_project_database, ovh_cloud_project_database_ip_restriction',
      'scaleway_instance_security_group, scaleway_instance_security_group_rules, scaleway_rdb_acl, ' + 'scaleway_redis_cluster',
      'outscale_security_group_rule, outscale_oks_cluster',
      'aws_eks_cluster, azurerm_kubernetes_cluster, google_container_cluster, ovh_cloud_project_kube, ' + 'scaleway_k8s_cluster',
    ],
    limits:
      'NACLs are stateless and must open wide port ranges for return traffic: only ranges narrower than ' +
      '1,000 ports are judged there; a NACL or NSG allow is not judged when a deny of the same list has a ' +
      'rule number or priority not known here. A TCP or UDP rule from port 0 to port 0 is port 0, except ' +
      'on OpenStack and OVHcloud, where 0 and 0 mean every port. A rule whose source or ports come from a ' +
      'variable without default is not judged, nor is a GKE cluster whose private endpoint is decided by ' +
      'one. An Exoscale SKS control plane has no allowlist in the Terraform schema of ' +
      'exoscale_sks_cluster, so it is not reported; the security group rules of its nodes are. A cluster ' +
      'or security group that a Terraform override file (override.tf, *_override.tf) completes is judged ' +
      'once, on its main declaration, and not at all when the override sets the settings judged. A load ' +
      'balancer or WAF in front of the port is not seen.',
    messages: {
      'opens-ports': '{{resource}} opens {{ports}} to {{who}}.',
      'opens-ports-and-more': '{{resource}} opens {{ports}} and {{more}} more administration or database ports to {{who}}.',
      'opens-all-ports': '{{resource}} opens all ports (SSH, RDP, databases and the rest) to {{who}}.',
      'service-open': '{{resource}} lets the whole internet ({{source}}) reach {{service}}.',
      'accepts-by-default':
        '{{resource}} accepts inbound traffic on every port from anywhere by default: inbound_default_policy ' +
        'is not set and defaults to "accept".',
      accepts: '{{resource}} accepts inbound traffic on every port from anywhere by default: inbound_default_policy ' + 'is "accept".',
      'eks-public-default':
        '{{resource}} exposes its Kubernetes API to the whole internet: the public endpoint is on and ' +
        'public_access_cidrs defaults to 0.0.0.0/0.',
      'eks-empty-cidrs':
        '{{resource}} exposes its Kubernetes API to the whole internet: public_access_cidrs is empty, which ' + 'AWS treats as 0.0.0.0/0.',
      'api-range-open': '{{resource}} exposes its Kubernetes API to the whole internet: {{attribute}} includes {{source}}.',
      'aks-not-private':
        '{{resource}} exposes its Kubernetes API to the whole internet: it is not a private cluster and sets ' + 'no authorized_ip_ranges.',
      'gke-no-networks':
        '{{resource}} exposes its Kubernetes API to the whole internet: no master_authorized_networks_config ' + 'and no private endpoint.',
      'gke-open-network': '{{resource}} exposes its Kubernetes API to the whole internet: an authorised network is {{source}}.',
      'api-no-acl': '{{resource}} exposes its Kubernetes API to the whole internet: no {{acl}} restricts it.',
      'acl-open': '{{resource}} lets the whole internet ({{source}}) reach the Kubernetes API of {{cluster}}.',
    },
    fixes: SET_ATTRIBUTE,
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'resource "aws_security_group" "bastion" {\n  name = "bastion"\n\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.20.0.0/16"]\n  }\n}\n',
        },
      ],
      bad: [
        {
          language: 'terraform',
          code: 'resource "aws_security_group" "bastion" {\n  name = "bastion"\n\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      for (const o of [...inboundOpenings(mod), ...tableOpenings(mod, FIREWALL_ROWS)]) checkOpening(ctx, o);
      checkAllowlists(ctx, mod);
      checkScalewayDefaults(ctx, mod);
      checkControlPlanes(ctx, mod);
    }
  },
});
