/** dangerous-capability: containers do not add Linux capabilities that break isolation. */
import { defineRule, type RuleFix } from '../server/src/lint/rule';
import type { TextEdit } from '../server/src/engine/types';
import { type KNode, str } from '../server/src/kubernetes/node';
import { podsIn } from '../server/src/kubernetes/pod';
import data from './data/capabilities.json';

const DANGEROUS: Readonly<Record<string, string>> = data.capabilities;

function dangerous(item: KNode): string | undefined {
  const raw = str(item);
  const name = raw?.toUpperCase().replace(/^CAP_/, '');
  return name && DANGEROUS[name] ? name : undefined;
}

/**
 * One fix for a whole `add` list, shared by its findings so that they apply together: a flow list
 * (`[A, B]`, JSON, HCL) is rewritten without the dangerous items; in a block list their lines go.
 * None when nothing would be left of a block list, or when the items are not all in one file.
 */
function removalFix(list: KNode, bad: readonly KNode[]): RuleFix<'remove-capabilities'>[] {
  if (list.kind !== 'list' || bad.some((b) => b.file !== list.file)) return [];
  const text = list.file.text;
  const kept = list.items.filter((i) => !bad.includes(i));
  let edits: TextEdit[];
  if (text[list.range.start] === '[') {
    if (kept.some((k) => k.file !== list.file)) return [];
    edits = [{ range: list.range, newText: `[${kept.map((k) => text.slice(k.range.start, k.range.end)).join(', ')}]` }];
  } else {
    if (!kept.length) return [];
    edits = [];
    for (const b of bad) {
      const pos = list.file.positionAt(b.range.start);
      const lineStart = list.file.lines[pos.line]!;
      const next = list.file.lines[pos.line + 1] ?? text.length;
      if (!/^\s*-\s*$/.test(text.slice(lineStart, b.range.start)) || text.slice(b.range.end, next).trim() !== '') return [];
      edits.push({ range: { start: lineStart, end: next }, newText: '' });
    }
  }
  const names = bad.map((b) => dangerous(b)).join(', ');
  return [{ fixId: 'remove-capabilities', data: { capabilities: names }, safety: 'unsafe', preferred: true, edits }];
}

export default defineRule({
  meta: {
    id: 'dangerous-capability',
    title: 'Do not add Linux capabilities that break container isolation',
    description:
      'Reports capabilities added to a container (securityContext.capabilities.add) that let it escape its ' +
      'isolation or reach other workloads: ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW and ' +
      'the others listed in rules/data/capabilities.json. Every pod-bearing kind and Terraform ' +
      'kubernetes_* resources are read.',
    rationale:
      "Capabilities split root's powers; the ones listed give back enough of them to take over the node " +
      'or spy on its other workloads (SYS_ADMIN alone allows known escapes). SecNumCloud 9.7 requires ' +
      'isolation between tenants and between the service and other systems; 5.1 asks for the most secure ' +
      'configuration.',
    remediation:
      'Remove the capability from capabilities.add (drop ALL and add back only what the process needs, ' + 'such as NET_BIND_SERVICE).',
    severity: 'error',
    requirements: ['5.1.a', '9.7'],
    fixable: true,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List',
      'Terraform kubernetes_* (security_context { capabilities { add } }) and kubernetes_manifest',
    ],
    limits: 'A capability list that comes from a variable is not known and not reported.',
    messages: {
      container: '{{object}} adds capability {{capability}} to container {{container}}: {{effect}}.',
      'init-container': '{{object}} adds capability {{capability}} to init container {{container}}: {{effect}}.',
      'ephemeral-container': '{{object}} adds capability {{capability}} to ephemeral container {{container}}: {{effect}}.',
    },
    fixes: { 'remove-capabilities': 'Remove {{capabilities}} from the added capabilities' },
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        capabilities:\n          add: [SYS_ADMIN]\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const pod of podsIn(ctx)) {
      for (const c of pod.containers) {
        const sc = c.node.get('securityContext');
        const caps = sc?.kind === 'map' ? sc.get('capabilities') : undefined;
        const list = caps?.kind === 'map' ? caps.get('add') : undefined;
        const bad = list?.kind === 'list' ? list.items.filter((i) => dangerous(i)) : [];
        const fixes = list && bad.length ? removalFix(list, bad) : [];
        for (const item of bad) {
          const name = dangerous(item)!;
          const messageId = c.role === 'container' ? 'container' : c.role === 'init container' ? 'init-container' : 'ephemeral-container';
          ctx.report({
            file: item.file,
            range: item.range,
            messageId,
            data: { object: pod.object.label, capability: name, container: c.name, effect: DANGEROUS[name]! },
            fixes: item.file === list?.file ? fixes : [],
          });
        }
      }
    }
  },
});
