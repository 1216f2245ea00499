import rule from '../../rules/dangerous-capability';
import { testRule } from '../harness/rule-tester';

const rs = (caps: string): string =>
  `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: app\n          image: nginx\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n${caps}`;

const tf = (add: string): string =>
  `resource "kubernetes_job_v1" "j" {\n  metadata {\n    name = "j"\n  }\n\n  spec {\n    template {\n      metadata {}\n\n      spec {\n        automount_service_account_token = false\n\n        security_context {\n          run_as_non_root = true\n        }\n\n        container {\n          name  = "j"\n          image = "busybox"\n\n          security_context {\n            allow_privilege_escalation = false\n\n            capabilities {\n              add = ${add}\n            }\n          }\n        }\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  valid: [
    { name: 'drop ALL, add NET_BIND_SERVICE', code: rs('              drop: ["ALL"]\n              add: ["NET_BIND_SERVICE"]\n') },
    { name: 'Terraform CHOWN', code: tf('["CHOWN"]') },
    { name: 'Terraform list from a variable without default', code: `variable "caps" {}\n\n${tf('var.caps')}` },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN, CAP_NET_ADMIN and ALL in a block list',
      code: rs(
        '              add:\n                - SYS_ADMIN\n                - CAP_NET_ADMIN\n                - CHOWN\n                - all\n',
      ),
      errors: [
        {
          text: 'SYS_ADMIN',
          line: 18,
          message: 'ReplicaSet rs adds capability SYS_ADMIN to container app',
          fixId: 'remove-capabilities',
          fixData: { capabilities: 'SYS_ADMIN, NET_ADMIN, ALL' },
        },
        { text: 'CAP_NET_ADMIN', line: 19, message: 'capability NET_ADMIN' },
        { text: 'all', line: 21, message: 'capability ALL' },
      ],
      output: rs('              add:\n                - CHOWN\n'),
    },
    {
      name: 'the only item of a block list: no fix',
      code: rs('              add:\n                - SYS_ADMIN\n'),
      errors: [{ text: 'SYS_ADMIN', line: 18 }],
      output: null,
    },
    {
      name: 'a flow list is rewritten without the dangerous items',
      code: rs('              add: [NET_ADMIN, CHOWN, SYS_ADMIN]\n'),
      errors: [
        { text: 'NET_ADMIN', line: 17 },
        { text: 'SYS_ADMIN', line: 17 },
      ],
      output: rs('              add: [CHOWN]\n'),
    },
    {
      name: 'JSON',
      filename: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"automountServiceAccountToken": false, "securityContext": {"runAsNonRoot": true},\n  "containers": [{"name": "a", "image": "x", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"add": ["SYS_ADMIN"]}}}]}}\n',
      errors: [{ text: '"SYS_ADMIN"', line: 3, message: 'Pod p adds capability SYS_ADMIN to container a' }],
      output:
        '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"automountServiceAccountToken": false, "securityContext": {"runAsNonRoot": true},\n  "containers": [{"name": "a", "image": "x", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"add": []}}}]}}\n',
    },
    {
      name: 'Terraform SYS_PTRACE',
      code: tf('["NET_BIND_SERVICE", "SYS_PTRACE"]'),
      errors: [{ text: '"SYS_PTRACE"', line: 25, message: 'kubernetes_job_v1.j adds capability SYS_PTRACE to container j' }],
      output: tf('["NET_BIND_SERVICE"]'),
    },
    {
      name: 'Terraform list from a variable default: reported where it is used, no fix',
      code: `variable "caps" {\n  default = ["SYS_ADMIN"]\n}\n\n${tf('var.caps')}`,
      errors: [{ text: 'var.caps', line: 29 }],
      output: null,
    },
  ],
});
