import rule from '../../rules/service-account-token-automount';
import { testRule } from '../harness/rule-tester';

const deploy = (pod: string, ns = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${ns}spec:\n  template:\n    spec:\n${pod}      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: app\n          image: nginx\n          securityContext:\n            allowPrivilegeEscalation: false\n`;

const sa = (name: string, automount: string, ns = ''): string =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${ns}${automount}`;

const tf = (pod: string): string =>
  `resource "kubernetes_cron_job_v1" "nightly" {\n  metadata {\n    name = "nightly"\n  }\n\n  spec {\n    schedule = "0 0 * * *"\n\n    job_template {\n      metadata {}\n\n      spec {\n        template {\n          metadata {}\n\n          spec {\n${pod}            container {\n              name  = "job"\n              image = "busybox"\n\n              security_context {\n                allow_privilege_escalation = false\n                run_as_non_root            = true\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  valid: [
    { name: 'false on the pod', code: deploy('      automountServiceAccountToken: false\n') },
    {
      name: 'false on its ServiceAccount in the same file',
      code: `${deploy('      serviceAccountName: web\n')}---\n${sa('web', 'automountServiceAccountToken: false\n')}`,
    },
    {
      name: 'false on its ServiceAccount in another file of the run',
      code: deploy('      serviceAccountName: web\n', '  namespace: shop\n'),
      siblings: { 'sa.yaml': sa('web', 'automountServiceAccountToken: false\n', '  namespace: shop\n') },
    },
    { name: 'service account name from a placeholder that is not a scalar', code: deploy('      serviceAccountName: {name: x}\n') },
    { name: 'Terraform false', code: tf('            automount_service_account_token = false\n\n') },
    {
      name: 'Terraform from a variable without default',
      code: `variable "a" {}\n\n${tf('            automount_service_account_token = var.a\n\n')}`,
    },
  ],
  invalid: [
    {
      name: 'explicitly true',
      code: deploy('      automountServiceAccountToken: true\n'),
      errors: [
        {
          text: 'true',
          line: 8,
          message: 'Deployment web mounts a Kubernetes API token into its containers: automountServiceAccountToken is true',
        },
      ],
      output: deploy('      automountServiceAccountToken: false\n'),
    },
    {
      name: 'not set, default service account',
      code: deploy(''),
      errors: [
        {
          text: 'spec',
          line: 7,
          message: 'mounts the API token of service account default into its containers: automountServiceAccountToken is not set to false',
        },
      ],
      output: deploy('').replace(
        'allowPrivilegeEscalation: false\n',
        'allowPrivilegeEscalation: false\n      automountServiceAccountToken: false\n',
      ),
    },
    {
      name: 'not set, and the ServiceAccount of another namespace does not count',
      code: `${deploy('      serviceAccountName: web\n', '  namespace: shop\n')}---\n${sa('web', 'automountServiceAccountToken: false\n', '  namespace: other\n')}`,
      errors: [{ text: 'spec', line: 8, message: 'service account web' }],
      output:
        `${deploy('      serviceAccountName: web\n', '  namespace: shop\n')}---\n${sa('web', 'automountServiceAccountToken: false\n', '  namespace: other\n')}`.replace(
          'allowPrivilegeEscalation: false\n---',
          'allowPrivilegeEscalation: false\n      automountServiceAccountToken: false\n---',
        ),
    },
    {
      name: 'Terraform kubernetes_cron_job_v1, not set: the argument is inserted first',
      code: tf(''),
      errors: [
        {
          text: 'spec',
          line: 16,
          message:
            'kubernetes_cron_job_v1.nightly mounts the API token of service account default into its containers: automount_service_account_token is not set to false',
        },
      ],
      output: tf('            automount_service_account_token = false\n'),
    },
  ],
});
