import rule from '../../rules/run-as-root';
import { testRule } from '../harness/rule-tester';

/** A Job with the given pod lines (6 spaces deep) before its containers, and container lines (10 deep). */
const job = (pod: string, c = '', c2 = ''): string =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n${pod}      containers:\n        - name: app\n          image: app:1\n          securityContext:\n            allowPrivilegeEscalation: false\n${c}        - name: side\n          image: side:1\n          securityContext:\n            allowPrivilegeEscalation: false\n${c2}`;

const tf = (pod: string, c: string): string =>
  `resource "kubernetes_deployment_v1" "api" {\n  metadata {\n    name      = "api"\n    namespace = "shop"\n  }\n\n  spec {\n    template {\n      metadata {}\n\n      spec {\n        automount_service_account_token = false\n${pod}\n        container {\n          name  = "api"\n          image = "api:1"\n\n          security_context {\n            allow_privilege_escalation = false\n${c}          }\n        }\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  valid: [
    { name: 'runAsNonRoot at pod level', code: job('      securityContext:\n        runAsNonRoot: true\n') },
    { name: 'non-zero runAsUser at pod level', code: job('      securityContext:\n        runAsUser: 1000\n') },
    { name: 'each container sets runAsNonRoot', code: job('', '            runAsNonRoot: true\n', '            runAsNonRoot: true\n') },
    {
      name: 'the container overrides a root pod user',
      code: job('      securityContext:\n        runAsUser: 0\n', '            runAsUser: 1000\n', '            runAsUser: 1001\n'),
    },
    {
      name: 'runAsNonRoot: false but a non-zero user',
      code: job('      securityContext:\n        runAsNonRoot: false\n        runAsUser: 1000\n'),
    },
    { name: 'Windows pods are not judged', code: job('      os:\n        name: windows\n') },
    {
      name: 'Terraform run_as_non_root = true',
      code: tf('\n        security_context {\n          run_as_non_root = true\n        }\n', ''),
    },
    { name: 'Terraform run_as_user as a string', code: tf('', '            run_as_user                = "1000"\n') },
    {
      name: 'Terraform pod security_context from a dynamic block is unknown',
      code: tf(
        '\n        dynamic "security_context" {\n          for_each = var.sc\n          content {\n            run_as_user = security_context.value\n          }\n        }\n',
        '',
      ),
    },
    {
      name: 'Terraform run_as_user from a variable without default',
      code: `variable "uid" {}\n\n${tf('', '            run_as_user                = var.uid\n')}`,
    },
  ],
  invalid: [
    {
      name: 'runAsUser 0 at pod level, reported once for both containers',
      code: job('      securityContext:\n        runAsUser: 0\n'),
      errors: [{ text: '0', line: 10, message: 'Job migrate runs its containers as root: runAsUser is 0', severity: 'error' }],
      output: null,
    },
    {
      name: 'runAsUser 0 on one container',
      code: job('      securityContext:\n        runAsNonRoot: true\n', '            runAsUser: 0\n'),
      errors: [{ text: '0', line: 16, message: 'Job migrate runs container app as root: runAsUser is 0' }],
      output: null,
    },
    {
      name: 'runAsNonRoot: false is set to true',
      code: job('      securityContext:\n        runAsNonRoot: false\n'),
      errors: [{ text: 'false', line: 10, message: 'allows its containers to run as root: runAsNonRoot is false' }],
      output: job('      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'nothing set: one warning on the pod spec, runAsNonRoot added to its securityContext',
      code: job('      securityContext:\n        fsGroup: 2000\n'),
      errors: [{ text: 'spec', line: 7, message: 'Job migrate may run its containers as root', severity: 'warning' }],
      output: job('      securityContext:\n        fsGroup: 2000\n        runAsNonRoot: true\n'),
    },
    {
      name: 'nothing set and no pod securityContext',
      code: job(''),
      errors: [{ text: 'spec', line: 7 }],
      output: job('')
        .replace(
          '      automountServiceAccountToken: false\n      containers:',
          '      automountServiceAccountToken: false\n      containers:',
        )
        .replace(
          /(side:1\n {10}securityContext:\n {12}allowPrivilegeEscalation: false\n)$/,
          '$1      securityContext:\n        runAsNonRoot: true\n',
        ),
    },
    {
      name: 'one container set, the other not: reported on the other',
      code: job('', '            runAsNonRoot: true\n'),
      errors: [{ text: 'name: side', line: 15, message: 'may run container side as root' }],
      output: job('', '            runAsNonRoot: true\n', '            runAsNonRoot: true\n'),
    },
    {
      name: 'Terraform run_as_user = 0 on the container',
      code: tf('', '            run_as_user                = 0\n'),
      errors: [{ text: '0', line: 20, message: 'kubernetes_deployment_v1.api runs its containers as root: run_as_user is 0' }],
      output: null,
    },
    {
      name: 'Terraform nothing set: a pod security_context block is appended',
      code: tf('', ''),
      errors: [{ text: 'spec', line: 11, message: 'neither run_as_non_root nor a non-zero run_as_user is set' }],
      output: tf('', '').replace(
        '          }\n        }\n      }\n',
        '          }\n        }\n\n        security_context {\n          run_as_non_root = true\n        }\n      }\n',
      ),
    },
  ],
});
