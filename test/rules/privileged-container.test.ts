import rule from '../../rules/privileged-container';
import { testRule } from '../harness/rule-tester';

/** A hardened Deployment whose one container has the given securityContext lines (10 spaces deep). */
const deploy = (sc: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: app\n          image: nginx\n          securityContext:\n            allowPrivilegeEscalation: false\n${sc}`;

const tf = (sc: string): string =>
  `resource "kubernetes_deployment" "web" {\n  metadata {\n    name = "web"\n  }\n  spec {\n    template {\n      metadata {}\n      spec {\n        automount_service_account_token = false\n        security_context {\n          run_as_non_root = true\n        }\n        container {\n          name  = "app"\n          image = "nginx"\n          security_context {\n            allow_privilege_escalation = false\n${sc}          }\n        }\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  valid: [
    { name: 'privileged: false', code: deploy('            privileged: false\n') },
    { name: 'no privileged field', code: deploy('') },
    { name: 'Terraform privileged = false', code: tf('            privileged                 = false\n') },
    {
      name: 'Terraform privileged from a variable without default',
      code: `variable "priv" {}\n\n${tf('            privileged                 = var.priv\n')}`,
    },
    {
      name: 'a Helm template is not read',
      filename: 'templates/deploy.yaml',
      code: deploy('            privileged: {{ .Values.privileged }}\n'),
    },
  ],
  invalid: [
    {
      name: 'privileged container in a Deployment',
      code: deploy('            privileged: true\n'),
      errors: [{ text: 'true', line: 16, message: 'Deployment web runs container app privileged (privileged is true)' }],
      output: deploy('            privileged: false\n'),
    },
    {
      name: 'privileged init container of a Pod, in JSON',
      filename: 'pod.json',
      code: '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "initContainers": [{"name": "init", "image": "busybox", "securityContext": {"privileged": true, "allowPrivilegeEscalation": false}}],\n    "containers": [{"name": "app", "image": "nginx"}]\n  }\n}\n',
      errors: [
        {
          text: 'true',
          line: 6,
          message: 'Pod p runs init container init privileged',
          messageId: 'privileged',
          data: { object: 'Pod p', container: 'init container init', field: 'privileged' },
        },
      ],
      output:
        '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "initContainers": [{"name": "init", "image": "busybox", "securityContext": {"privileged": false, "allowPrivilegeEscalation": false}}],\n    "containers": [{"name": "app", "image": "nginx"}]\n  }\n}\n',
    },
    {
      name: 'Terraform kubernetes_deployment',
      code: tf('            privileged                 = true\n'),
      errors: [
        {
          text: 'true',
          line: 18,
          message: 'kubernetes_deployment.web runs container app privileged',
          fixId: 'set-attribute',
          fixData: { attribute: 'privileged', value: 'false' },
        },
      ],
      output: tf('            privileged                 = false\n'),
    },
    {
      name: 'Terraform kubernetes_manifest',
      code: 'resource "kubernetes_manifest" "pod" {\n  manifest = {\n    apiVersion = "v1"\n    kind       = "Pod"\n    metadata   = { name = "p", namespace = "web" }\n    spec = {\n      containers = [{\n        name            = "app"\n        image           = "nginx"\n        securityContext = { privileged = true, allowPrivilegeEscalation = false }\n      }]\n    }\n  }\n}\n',
      errors: [{ text: 'true', line: 10, message: 'kubernetes_manifest.pod runs container app privileged' }],
      output:
        'resource "kubernetes_manifest" "pod" {\n  manifest = {\n    apiVersion = "v1"\n    kind       = "Pod"\n    metadata   = { name = "p", namespace = "web" }\n    spec = {\n      containers = [{\n        name            = "app"\n        image           = "nginx"\n        securityContext = { privileged = false, allowPrivilegeEscalation = false }\n      }]\n    }\n  }\n}\n',
    },
  ],
});
