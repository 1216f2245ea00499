import rule from '../../rules/privilege-escalation';
import { testRule } from '../harness/rule-tester';

/** A StatefulSet whose container has the given lines after its image (10 spaces deep). */
const sts = (c: string): string =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: db\n          image: postgres\n${c}`;

const tf = (c: string): string =>
  `resource "kubernetes_stateful_set_v1" "db" {\n  metadata {\n    name = "db"\n  }\n\n  spec {\n    service_name = "db"\n\n    template {\n      metadata {}\n\n      spec {\n        automount_service_account_token = false\n\n        security_context {\n          run_as_non_root = true\n        }\n\n        container {\n          name  = "db"\n          image = "postgres"\n${c}        }\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  valid: [
    { name: 'allowPrivilegeEscalation: false', code: sts('          securityContext:\n            allowPrivilegeEscalation: false\n') },
    {
      name: 'privileged containers are left to privileged-container',
      code: sts('          securityContext:\n            privileged: true\n'),
    },
    {
      name: 'Terraform allow_privilege_escalation = false',
      code: tf('\n          security_context {\n            allow_privilege_escalation = false\n          }\n'),
    },
    {
      name: 'Terraform dynamic security_context is not judged',
      code: tf(
        '\n          dynamic "security_context" {\n            for_each = var.sc\n            content {\n              allow_privilege_escalation = security_context.value\n            }\n          }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'explicitly true',
      code: sts('          securityContext:\n            allowPrivilegeEscalation: true\n'),
      errors: [
        {
          text: 'true',
          line: 15,
          message: 'StatefulSet db lets container db gain privileges: allowPrivilegeEscalation is true',
          severity: 'error',
          messageId: 'escalation-on',
          data: { container: 'container db' },
          fixId: 'set-field',
          fixData: { field: 'allowPrivilegeEscalation', value: 'false' },
        },
      ],
      output: sts('          securityContext:\n            allowPrivilegeEscalation: false\n'),
    },
    {
      name: "not set, no securityContext: the block is added at the container's indentation",
      code: sts('          ports:\n            - containerPort: 5432\n'),
      errors: [
        {
          text: 'name: db',
          line: 12,
          message: 'allowPrivilegeEscalation is not set and defaults to true',
          severity: 'warning',
          messageId: 'escalation-default',
        },
      ],
      output: sts(
        '          ports:\n            - containerPort: 5432\n          securityContext:\n            allowPrivilegeEscalation: false\n',
      ),
    },
    {
      name: 'not set in an existing securityContext, four-space file',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    automountServiceAccountToken: false\n    containers:\n    -   name: app\n        image: nginx\n        securityContext:\n            runAsNonRoot: true\n',
      errors: [{ text: 'name: app', line: 8 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    automountServiceAccountToken: false\n    containers:\n    -   name: app\n        image: nginx\n        securityContext:\n            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n',
    },
    {
      name: 'init and ephemeral containers are read',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  automountServiceAccountToken: false\n  securityContext:\n    runAsNonRoot: true\n  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        allowPrivilegeEscalation: true\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: false\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n',
      errors: [
        { text: 'true', line: 13, message: 'init container init' },
        { text: 'name: debug', line: 20, message: 'ephemeral container debug' },
      ],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  automountServiceAccountToken: false\n  securityContext:\n    runAsNonRoot: true\n  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        allowPrivilegeEscalation: false\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: false\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext:\n        allowPrivilegeEscalation: false\n',
    },
    {
      name: 'an empty securityContext is no security context; no fix is offered there',
      code: sts('          securityContext:\n'),
      errors: [{ text: 'name: db', line: 12 }],
      output: null,
    },
    {
      name: 'Terraform container without security_context: a block is appended',
      code: tf(''),
      errors: [
        {
          text: 'container',
          line: 19,
          message: 'kubernetes_stateful_set_v1.db lets container db gain privileges: allow_privilege_escalation is not set',
        },
      ],
      output: tf('\n          security_context {\n            allow_privilege_escalation = false\n          }\n'),
    },
    {
      name: 'Terraform security_context without the argument: a longer name goes in its own fmt group',
      code: tf('\n          security_context {\n            read_only_root_filesystem = true\n          }\n'),
      errors: [{ text: 'container', line: 19 }],
      output: tf(
        '\n          security_context {\n            allow_privilege_escalation = false\n\n            read_only_root_filesystem = true\n          }\n',
      ),
    },
    {
      name: 'Terraform explicitly true',
      code: tf('\n          security_context {\n            allow_privilege_escalation = true\n          }\n'),
      errors: [{ text: 'true', line: 24, message: 'allow_privilege_escalation is true' }],
      output: tf('\n          security_context {\n            allow_privilege_escalation = false\n          }\n'),
    },
  ],
});
