import rule from '../../rules/host-path-mount';
import { testRule } from '../harness/rule-tester';

const pod = (volumes: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  automountServiceAccountToken: false\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: false\n  volumes:\n${volumes}`;

const tf = (path: string): string =>
  `resource "kubernetes_daemonset" "agent" {\n  metadata {\n    name = "agent"\n  }\n\n  spec {\n    template {\n      metadata {}\n\n      spec {\n        automount_service_account_token = false\n\n        security_context {\n          run_as_non_root = true\n        }\n\n        container {\n          name  = "agent"\n          image = "agent:1"\n\n          security_context {\n            allow_privilege_escalation = false\n          }\n        }\n\n        volume {\n          name = "host"\n\n          host_path {\n            path = ${path}\n          }\n        }\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  valid: [
    {
      name: 'emptyDir, configMap and PVC volumes',
      code: pod(
        '    - name: a\n      emptyDir: {}\n    - name: b\n      configMap:\n        name: cfg\n    - name: c\n      persistentVolumeClaim:\n        claimName: data\n',
      ),
    },
    { name: 'Terraform host path from a variable without default', code: `variable "p" {}\n\n${tf('var.p')}` },
  ],
  invalid: [
    {
      name: 'the Docker socket, a system directory and another host path',
      code: pod(
        '    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n        type: Socket\n    - name: etc\n      hostPath:\n        path: /etc/ssl/\n    - name: data\n      hostPath:\n        path: /data/app\n',
      ),
      errors: [
        {
          text: '/var/run/docker.sock',
          line: 17,
          message:
            'Pod p mounts the host path /var/run/docker.sock (volume docker): the Docker socket, which gives control of every container on the node',
          severity: 'error',
        },
        { text: '/etc/ssl/', line: 21, message: "the node's configuration", severity: 'error' },
        { text: '/data/app', line: 24, message: "the pod reads or writes the node's file system", severity: 'warning' },
      ],
      output: null,
    },
    {
      name: "GKE's /home/kubernetes is the node's Kubernetes folder, not a user's home",
      code: pod('    - name: k\n      hostPath:\n        path: /home/kubernetes/bin\n'),
      errors: [
        { text: '/home/kubernetes/bin', line: 17, message: "the node's Kubernetes binaries and configuration (Container-Optimized OS)" },
      ],
      output: null,
    },
    {
      name: 'the root file system, quoted',
      code: pod('    - name: root\n      hostPath: {path: "/"}\n'),
      errors: [{ text: '"/"', line: 16, message: "the node's root file system", messageId: 'system' }],
      output: null,
    },
    {
      name: 'Terraform containerd socket',
      code: tf('"/run/containerd/containerd.sock"'),
      errors: [
        {
          text: '"/run/containerd/containerd.sock"',
          line: 30,
          message: 'kubernetes_daemonset.agent mounts the host path /run/containerd/containerd.sock (volume host): the containerd socket',
          messageId: 'socket',
          data: { path: '/run/containerd/containerd.sock', volume: 'volume host', what: 'the containerd socket' },
        },
      ],
      output: null,
    },
  ],
});
