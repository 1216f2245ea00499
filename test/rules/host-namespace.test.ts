import rule from '../../rules/host-namespace';
import { testRule } from '../harness/rule-tester';

/** A DaemonSet with the given pod-level lines (6 spaces deep) and a hardened container. */
const ds = (pod: string): string =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: ops\nspec:\n  template:\n    spec:\n${pod}      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: agent\n          image: agent:1\n          securityContext:\n            allowPrivilegeEscalation: false\n`;

const tfPod = (lines: string): string =>
  `resource "kubernetes_pod_v1" "p" {\n  metadata {\n    name = "p"\n  }\n  spec {\n${lines}    automount_service_account_token = false\n\n    security_context {\n      run_as_non_root = true\n    }\n\n    container {\n      name  = "app"\n      image = "nginx"\n\n      security_context {\n        allow_privilege_escalation = false\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  valid: [
    { name: 'no host namespace', code: ds('') },
    { name: 'explicitly false', code: ds('      hostNetwork: false\n      hostPID: false\n') },
    {
      name: 'from a Helm placeholder in a rendered file is unknown text, not true',
      code: ds('      hostNetwork: "{{ .Values.hostNetwork }}"\n'),
    },
    { name: 'Terraform host_network = false', code: tfPod('    host_network = false\n') },
    { name: 'Terraform host_pid from a variable without default', code: `variable "pid" {}\n\n${tfPod('    host_pid = var.pid\n')}` },
  ],
  invalid: [
    {
      name: 'hostNetwork, hostPID and hostIPC on a DaemonSet',
      code: ds('      hostNetwork: true\n      hostPID: true\n      hostIPC: true\n'),
      errors: [
        { text: 'true', line: 9, message: "DaemonSet agent shares the node's network" },
        { text: 'true', line: 10, message: 'hostPID is true' },
        { text: 'true', line: 11, message: 'hostIPC is true' },
      ],
      output: ds('      hostNetwork: false\n      hostPID: false\n      hostIPC: false\n'),
    },
    {
      name: 'CronJob two levels down, flow style',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {hostPID: true, automountServiceAccountToken: false, securityContext: {runAsNonRoot: true}, containers: [{name: c, image: busybox, securityContext: {allowPrivilegeEscalation: false}}]}\n',
      errors: [{ text: 'true', line: 9, message: 'CronJob nightly shares', messageId: 'processes' }],
      output:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {hostPID: false, automountServiceAccountToken: false, securityContext: {runAsNonRoot: true}, containers: [{name: c, image: busybox, securityContext: {allowPrivilegeEscalation: false}}]}\n',
    },
    {
      name: 'Terraform kubernetes_pod_v1 with host_network and host_ipc',
      code: tfPod('    host_network = true\n    host_ipc     = true\n'),
      errors: [
        {
          text: 'true',
          line: 6,
          message:
            "kubernetes_pod_v1.p shares the node's network (its interfaces, loopback services and other pods' traffic): host_network is true",
        },
        { text: 'true', line: 7, message: 'host_ipc is true' },
      ],
      output: tfPod('    host_network = false\n    host_ipc     = false\n'),
    },
  ],
});
