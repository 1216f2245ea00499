import rule from '../../rules/missing-network-policy';
import { testRule } from '../harness/rule-tester';

const pod = (name: string, ns: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  automountServiceAccountToken: false\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: false\n`;

const policy = (ns: string, kind = 'NetworkPolicy', api = 'networking.k8s.io/v1'): string =>
  `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: deny\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`;

testRule(rule, {
  valid: [
    {
      name: 'a namespace written as a placeholder is not known',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: epp\n  namespace: ${NAMESPACE:-default}\nspec:\n  template:\n    spec:\n      containers:\n        - name: epp\n          image: epp:1\n',
    },
    { name: 'a policy in the same namespace, same file', code: `${pod('a', 'shop')}---\n${policy('shop')}` },
    { name: 'a policy in another file of the run', code: pod('a', 'shop'), siblings: { 'policy.yaml': policy('shop') } },
    { name: 'no namespace on either side: both default', code: `${pod('a', '')}---\n${policy('')}` },
    {
      name: 'a cluster-wide Calico policy',
      code: pod('a', 'shop'),
      siblings: {
        'global.yaml':
          'apiVersion: crd.projectcalico.org/v1\nkind: GlobalNetworkPolicy\nmetadata:\n  name: deny\nspec:\n  selector: all()\n',
      },
    },
    {
      name: 'a Terraform network policy',
      code: 'resource "kubernetes_network_policy_v1" "deny" {\n  metadata {\n    name      = "deny"\n    namespace = "shop"\n  }\n\n  spec {\n    pod_selector {}\n    policy_types = ["Ingress"]\n  }\n}\n',
      siblings: { 'pod.yaml': pod('a', 'shop') },
    },
    {
      name: 'a namespace from a variable without default is not judged',
      code: 'variable "ns" {}\n\nresource "kubernetes_pod" "p" {\n  metadata {\n    name      = "p"\n    namespace = var.ns\n  }\n\n  spec {\n    automount_service_account_token = false\n\n    container {\n      name  = "app"\n      image = "nginx"\n\n      security_context {\n        allow_privilege_escalation = false\n        run_as_non_root            = true\n      }\n    }\n  }\n}\n',
    },
    {
      name: 'reported in the first file of the namespace only',
      filename: 'b.yaml',
      code: pod('b', 'shop'),
      siblings: { 'a.yaml': pod('a', 'shop') },
    },
  ],
  invalid: [
    {
      name: 'a namespace without policy, reported once on its first workload',
      code: `${pod('a', 'shop')}---\n${pod('b', 'shop')}---\n${policy('other')}`,
      errors: [
        {
          text: 'kind: Pod',
          line: 2,
          message: 'No NetworkPolicy among the linted files covers namespace shop, where Pod a and 1 other workload run',
          severity: 'info',
        },
      ],
      output: null,
    },
    {
      name: 'Terraform workloads count too',
      code: 'resource "kubernetes_deployment" "web" {\n  metadata {\n    name = "web"\n  }\n\n  spec {\n    template {\n      metadata {}\n\n      spec {\n        automount_service_account_token = false\n\n        container {\n          name  = "web"\n          image = "nginx"\n\n          security_context {\n            allow_privilege_escalation = false\n            run_as_non_root            = true\n          }\n        }\n      }\n    }\n  }\n}\n',
      errors: [
        { text: 'resource "kubernetes_deployment" "web"', line: 1, message: 'namespace default, where kubernetes_deployment.web runs' },
      ],
      output: null,
    },
  ],
});
