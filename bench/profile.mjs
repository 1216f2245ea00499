// Where a CLI process spends its time: a V8 CPU profile (`node --cpu-prof`) of the command, each
// sample given to the part of snclint whose code it ran, read from the source paths that a
// non-minified bundle names in its comments (`// server/src/terraform/model.ts`).
import * as fs from 'node:fs';

/** The parts of a run, by the source path of the code a sample ran (first match wins). */
const PARTS = [
  [
    'parsing (HCL, JSON, YAML)',
    /^(server\/src\/terraform\/hcl\/|server\/src\/terraform\/json\.ts$|server\/src\/kubernetes\/parser\.ts$|node_modules\/yaml\/)/,
  ],
  ['Terraform model and evaluation', /^server\/src\/terraform\//],
  ['Kubernetes model', /^server\/src\/kubernetes\//],
  ['rules', /^rules\//],
  ['walking, reading files, configuration', /^server\/src\/(workspace|config)\/|^server\/src\/cli\/settings-memo\.ts$/],
  ['engine (groups, findings, suppressions)', /^server\/src\/(lint|engine|i18n)\//],
  ['report', /^server\/src\/output\//],
  ['command', /^server\/src\/cli(\.ts$|\/)/],
];

/** Source path of each line of the bundle, from its `// path` section comments. */
function sectionsOf(bundle) {
  const starts = [];
  fs.readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /^\/\/ (\S+\.(?:ts|js|json|mjs|cjs))$/.exec(line);
      if (m) starts.push([i, m[1].replace(/^.*?node_modules\//, 'node_modules/')]);
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        found = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/**
 * Shares of the profile's time, by part: a sample in the bundle goes to the part of its code; one in
 * Node or V8 (a system call, a regular expression) to the part of the nearest bundle code that
 * called it; garbage collection apart; what ran outside the bundle's code is start-up. Also the time
 * under `linkModules`: building each called module as its caller sees it.
 */
export function profileShares(profileFile, bundle) {
  const p = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const sectionAt = sectionsOf(bundle);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  p.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const inBundle = (n) => n.callFrame.url.endsWith(bundle.split('/').pop());
  const ms = new Map();
  let total = 0;
  let linking = 0;
  for (const [id, us] of self) {
    total += us;
    const leaf = byId.get(id);
    let part;
    if (leaf.callFrame.functionName === '(garbage collector)') part = 'garbage collection';
    else {
      let n = leaf;
      while (n && !inBundle(n)) n = byId.get(parent.get(n.id));
      const source = n ? sectionAt(n.callFrame.lineNumber) : undefined;
      part = n ? (PARTS.find(([, re]) => source && re.test(source))?.[0] ?? 'other (unattributed)') : 'start-up (Node, loading the bundle)';
    }
    ms.set(part, (ms.get(part) ?? 0) + us / 1000);
    for (let a = leaf; a; a = byId.get(parent.get(a.id))) {
      if (a.callFrame.functionName === 'linkModules' && inBundle(a)) {
        linking += us;
        break;
      }
    }
  }
  return { totalMs: total / 1000, parts: [...ms].sort((a, b) => b[1] - a[1]), linkingMs: linking / 1000 };
}
