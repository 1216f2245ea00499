import { testRule } from '../harness/rule-tester';
import rule from '../../rules/weak-tls';

const listener = (body: string): string => `resource "aws_lb_listener" "front" {
  load_balancer_arn = aws_lb.front.arn
  port              = 443
${body}
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.front.arn
  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'OpenSearch and API Gateway domains with TLS 1.2 policies',
      code: 'resource "aws_opensearch_domain" "s" {\n  domain_name = "s"\n\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n}\n\nresource "aws_api_gateway_domain_name" "d" {\n  domain_name     = "api.example.eu"\n  security_policy = "TLS_1_2"\n}\n',
    },
    {
      name: 'an OpenSearch policy set by a dynamic block is not known',
      code: 'resource "aws_elasticsearch_domain" "s" {\n  domain_name = "s"\n\n  dynamic "domain_endpoint_options" {\n    for_each = var.endpoint_options\n    content {\n      tls_security_policy = domain_endpoint_options.value\n    }\n  }\n}\n',
    },
    {
      name: 'API Management back-end protocols turned off',
      code: 'resource "azurerm_api_management" "apim" {\n  security {\n    backend_ssl30_enabled = false\n    backend_tls10_enabled = false\n  }\n}\n',
    },
    {
      name: 'a TLS 1.2 policy name newer than the table',
      code: 'resource "aws_lb_listener" "l" {\n  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2030-01"\n}\n',
    },
    {
      name: 'HTTPS listener with a TLS 1.2 policy',
      code: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n'),
    },
    {
      name: 'TLS listener with a TLS 1.3 policy',
      code: listener('  protocol          = "TLS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-3-2021-06"\n'),
    },
    { name: 'HTTP listener without ssl_policy', code: listener('  protocol          = "HTTP"\n') },
    { name: 'listener without protocol (HTTP by default)', code: listener('') },
    { name: 'TCP listener', code: listener('  protocol          = "TCP"\n') },
    {
      name: 'protocol from a variable without default',
      code: `${listener('  protocol          = var.protocol\n')}variable "protocol" {\n  type = string\n}\n`,
    },
    {
      name: 'ssl_policy from a variable without default',
      code: `${listener('  protocol          = "HTTPS"\n  ssl_policy        = var.ssl_policy\n')}variable "ssl_policy" {\n  type = string\n}\n`,
    },
    {
      name: 'ssl_policy from a variable whose default is strong',
      code:
        listener('  protocol          = "HTTPS"\n  ssl_policy        = var.ssl_policy\n') +
        'variable "ssl_policy" {\n  type    = string\n  default = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"\n}\n',
    },
    {
      name: 'a policy name the table does not know',
      code: listener('  protocol          = "HTTPS"\n  ssl_policy        = "MyCustomPolicy"\n'),
    },
    {
      name: 'protocol from another resource',
      code: listener('  protocol          = aws_lb_target_group.front.protocol\n'),
    },
    {
      name: 'classic ELB policy with the TLS 1.2 reference policy',
      code: `resource "aws_load_balancer_policy" "tls" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }

  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "false"
  }
}
`,
    },
    {
      name: 'CloudFront with a custom certificate and TLSv1.2_2021',
      code: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
`,
    },
    {
      name: 'CloudFront whose certificate choice is not known',
      code: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    cloudfront_default_certificate = var.use_default
    acm_certificate_arn            = var.certificate_arn
  }
}

variable "use_default" {
  type = bool
}

variable "certificate_arn" {
  type = string
}
`,
    },
    {
      name: 'API Gateway domain on TLS_1_2',
      code: `resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.fr"
  security_policy = "TLS_1_2"
}
`,
    },
    {
      name: 'OpenSearch with a TLS 1.2 policy',
      code: `resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
`,
    },
    {
      name: 'ingress-nginx with TLS 1.2 and 1.3',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\ndata:\n  ssl-protocols: "TLSv1.2 TLSv1.3"\n',
    },
    {
      name: 'Traefik TLSOption on VersionTLS12',
      code: 'apiVersion: traefik.io/v1alpha1\nkind: TLSOption\nmetadata:\n  name: default\nspec:\n  minVersion: VersionTLS12\n',
    },
    {
      name: 'Istio Gateway on TLSV1_2',
      code: `apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: public
spec:
  servers:
    - port:
        number: 443
        name: https
        protocol: HTTPS
      tls:
        mode: SIMPLE
        minProtocolVersion: TLSV1_2
      hosts:
        - "*"
`,
    },
    {
      name: 'a Gateway of another API group',
      code: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  servers:\n    - tls:\n        minProtocolVersion: TLSV1_0\n',
    },
    {
      name: 'Azure settings at TLS 1.2',
      code: 'resource "azurerm_storage_account" "s" {\n  min_tls_version = "TLS1_2"\n}\n\nresource "azurerm_linux_web_app" "w" {\n  site_config {\n    minimum_tls_version = "1.2"\n  }\n}\n\nresource "azurerm_mssql_server" "sql" {\n  minimum_tls_version = "1.2"\n}\n',
    },
    {
      name: 'Azure settings left to their TLS 1.2 defaults',
      code: 'resource "azurerm_storage_account" "s" {\n  name = "s"\n}\n\nresource "azurerm_redis_cache" "r" {\n  name = "r"\n}\n',
    },
    {
      name: 'GCP SSL policy at TLS 1.2 and a proxy that uses it',
      code: 'resource "google_compute_ssl_policy" "p" {\n  min_tls_version = "TLS_1_2"\n  profile         = "MODERN"\n}\n\nresource "google_compute_target_https_proxy" "x" {\n  ssl_policy = google_compute_ssl_policy.p.id\n}\n',
    },
    {
      name: 'Scaleway load balancer at the intermediate level',
      code: 'resource "scaleway_lb" "lb" {\n  ssl_compatibility_level = "ssl_compatibility_level_intermediate"\n}\n',
    },
  ],
  invalid: [
    {
      name: 'OpenSearch without domain_endpoint_options, Elasticsearch without tls_security_policy',
      code: 'resource "aws_opensearch_domain" "s" {\n  domain_name = "s"\n}\n\nresource "aws_elasticsearch_domain" "e" {\n  domain_name = "e"\n\n  domain_endpoint_options {\n    enforce_https = true\n  }\n}\n',
      errors: [
        {
          text: 'resource "aws_opensearch_domain" "s"',
          line: 1,
          message:
            'aws_opensearch_domain.s allows TLS 1.0: domain_endpoint_options.tls_security_policy is not set and defaults to Policy-Min-TLS-1-0-2019-07.',
        },
        {
          text: 'domain_endpoint_options',
          line: 8,
          message: 'aws_elasticsearch_domain.e allows TLS 1.0: domain_endpoint_options.tls_security_policy is not set',
        },
      ],
      output:
        'resource "aws_opensearch_domain" "s" {\n  domain_name = "s"\n\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}\n\nresource "aws_elasticsearch_domain" "e" {\n  domain_name = "e"\n\n  domain_endpoint_options {\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n\n    enforce_https = true\n  }\n}\n',
    },
    {
      name: 'API Gateway domain name without security_policy',
      code: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name     = "api.example.eu"\n  certificate_arn = aws_acm_certificate.c.arn\n}\n',
      errors: [
        {
          text: 'resource "aws_api_gateway_domain_name" "d"',
          line: 1,
          message: 'aws_api_gateway_domain_name.d allows TLS 1.0: security_policy is not set and defaults to TLS_1_0.',
        },
      ],
      output:
        'resource "aws_api_gateway_domain_name" "d" {\n  security_policy = "TLS_1_2"\n  domain_name     = "api.example.eu"\n  certificate_arn = aws_acm_certificate.c.arn\n}\n',
    },
    {
      name: 'API Management back-end SSL 3.0 and TLS 1.0',
      code: 'resource "azurerm_api_management" "apim" {\n  security {\n    backend_ssl30_enabled = true\n    enable_backend_tls10  = true\n  }\n}\n',
      errors: [
        { text: 'true', line: 3, message: 'azurerm_api_management.apim allows SSL 3.0 to its back ends' },
        { text: 'true', line: 4, message: 'azurerm_api_management.apim allows TLS 1.0 to its back ends' },
      ],
      output:
        'resource "azurerm_api_management" "apim" {\n  security {\n    backend_ssl30_enabled = false\n    enable_backend_tls10  = false\n  }\n}\n',
    },
    {
      name: 'every ALB and NLB policy that accepts TLS 1.0 or 1.1, listed or named by the scheme',
      code: [
        'ELBSecurityPolicy-TLS13-1-1-2021-06',
        'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
        'ELBSecurityPolicy-FS-1-1-2019-08',
        'ELBSecurityPolicy-FS-2018-06',
        'ELBSecurityPolicy-2015-05',
        'ELBSecurityPolicy-TLS-1-0-2015-04',
        'ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09',
      ]
        .map((p, i) => `resource "aws_lb_listener" "l${i}" {\n  protocol   = "TLS"\n  ssl_policy = "${p}"\n}\n`)
        .join('\n'),
      errors: [
        {
          text: '"ELBSecurityPolicy-TLS13-1-1-2021-06"',
          line: 3,
          message: 'aws_lb_listener.l0 allows TLS 1.1: ssl_policy ELBSecurityPolicy-TLS13-1-1-2021-06 accepts protocols below TLS 1.2',
        },
        { text: '"ELBSecurityPolicy-TLS13-1-0-PQ-2025-09"', line: 8, message: 'allows TLS 1.0' },
        { text: '"ELBSecurityPolicy-FS-1-1-2019-08"', line: 13, message: 'allows TLS 1.1' },
        { text: '"ELBSecurityPolicy-FS-2018-06"', line: 18, message: 'allows TLS 1.0' },
        { text: '"ELBSecurityPolicy-2015-05"', line: 23, message: 'allows TLS 1.0' },
        { text: '"ELBSecurityPolicy-TLS-1-0-2015-04"', line: 28, message: 'allows TLS 1.0' },
        { text: '"ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09"', line: 33, message: 'allows TLS 1.1' },
      ],
      output: [
        'ELBSecurityPolicy-TLS13-1-1-2021-06',
        'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
        'ELBSecurityPolicy-FS-1-1-2019-08',
        'ELBSecurityPolicy-FS-2018-06',
        'ELBSecurityPolicy-2015-05',
        'ELBSecurityPolicy-TLS-1-0-2015-04',
        'ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09',
      ]
        .map(
          (_, i) => `resource "aws_lb_listener" "l${i}" {\n  protocol   = "TLS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n}\n`,
        )
        .join('\n'),
    },
    {
      name: 'classic ELB SSL negotiation policy',
      code: 'resource "aws_lb_ssl_negotiation_policy" "p" {\n  name          = "p"\n  load_balancer = aws_elb.lb.id\n  lb_port       = 443\n\n  attribute {\n    name  = "Protocol-TLSv1"\n    value = "true"\n  }\n\n  attribute {\n    name  = "Reference-Security-Policy"\n    value = "ELBSecurityPolicy-TLS-1-1-2017-01"\n  }\n}\n',
      errors: [
        { text: '"true"', line: 8, message: 'aws_lb_ssl_negotiation_policy.p enables TLS 1.0: policy_attribute Protocol-TLSv1 is true' },
        { text: '"ELBSecurityPolicy-TLS-1-1-2017-01"', line: 13, message: 'allows TLS 1.1' },
      ],
      output:
        'resource "aws_lb_ssl_negotiation_policy" "p" {\n  name          = "p"\n  load_balancer = aws_elb.lb.id\n  lb_port       = 443\n\n  attribute {\n    name  = "Protocol-TLSv1"\n    value = "false"\n  }\n\n  attribute {\n    name  = "Reference-Security-Policy"\n    value = "ELBSecurityPolicy-TLS-1-2-2017-01"\n  }\n}\n',
    },
    {
      name: 'HTTPS listener without ssl_policy',
      code: listener('  protocol          = "HTTPS"\n'),
      errors: [
        {
          text: 'resource "aws_lb_listener" "front"',
          line: 1,
          message:
            'aws_lb_listener.front allows TLS 1.0: no ssl_policy is set, so the HTTPS listener uses the default policy ELBSecurityPolicy-2016-08',
        },
      ],
      output: `resource "aws_lb_listener" "front" {
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  load_balancer_arn = aws_lb.front.arn
  port              = 443
  protocol          = "HTTPS"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.front.arn
  }
}
`,
    },
    {
      name: 'aws_alb_listener with protocol TLS, lower case, without ssl_policy',
      code: `resource "aws_alb_listener" "nlb" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 443
  protocol          = "tls"
}
`,
      errors: [{ text: 'resource "aws_alb_listener" "nlb"', line: 1, message: 'the TLS listener uses the default policy' }],
      output: `resource "aws_alb_listener" "nlb" {
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  load_balancer_arn = aws_lb.nlb.arn
  port              = 443
  protocol          = "tls"
}
`,
    },
    {
      name: 'the default policy named explicitly',
      code: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-2016-08"\n'),
      errors: [
        {
          text: '"ELBSecurityPolicy-2016-08"',
          line: 5,
          message: 'aws_lb_listener.front allows TLS 1.0: ssl_policy ELBSecurityPolicy-2016-08 accepts protocols below TLS 1.2',
        },
      ],
      output: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n'),
    },
    {
      name: 'a TLS 1.1 policy',
      code: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS-1-1-2017-01"\n'),
      errors: [{ text: '"ELBSecurityPolicy-TLS-1-1-2017-01"', line: 5, message: 'allows TLS 1.1' }],
      output: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n'),
    },
    {
      name: 'ssl_policy = null uses the default policy',
      code: listener('  protocol          = "HTTPS"\n  ssl_policy        = null\n'),
      errors: [{ text: 'resource "aws_lb_listener" "front"', line: 1, message: 'no ssl_policy is set' }],
      output: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n'),
    },
    {
      name: 'a weak policy from a variable default is reported where it is used, without a fix',
      code:
        listener('  protocol          = "HTTPS"\n  ssl_policy        = var.ssl_policy\n') +
        'variable "ssl_policy" {\n  type    = string\n  default = "ELBSecurityPolicy-FS-2018-06"\n}\n',
      errors: [{ text: 'var.ssl_policy', line: 5, message: 'ssl_policy ELBSecurityPolicy-FS-2018-06' }],
      output: null,
    },
    {
      name: 'classic ELB policy: weak reference policy and a legacy protocol enabled',
      code: `resource "aws_load_balancer_policy" "legacy" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "legacy"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-2015-05"
  }

  policy_attribute {
    name  = "Protocol-TLSv1.1"
    value = "true"
  }
}
`,
      errors: [
        {
          text: '"ELBSecurityPolicy-2015-05"',
          line: 8,
          message: 'aws_load_balancer_policy.legacy allows TLS 1.0: Reference-Security-Policy ELBSecurityPolicy-2015-05',
        },
        { text: '"true"', line: 13, message: 'aws_load_balancer_policy.legacy enables TLS 1.1: policy_attribute Protocol-TLSv1.1 is true' },
      ],
      output: `resource "aws_load_balancer_policy" "legacy" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "legacy"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }

  policy_attribute {
    name  = "Protocol-TLSv1.1"
    value = "false"
  }
}
`,
    },
    {
      name: 'CloudFront on the default certificate',
      code: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
`,
      errors: [
        {
          text: 'true',
          line: 5,
          message: 'aws_cloudfront_distribution.site allows TLS 1.0: with the default *.cloudfront.net certificate',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFront with a weak minimum_protocol_version',
      code: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.1_2016"
  }
}
`,
      errors: [{ text: '"TLSv1.1_2016"', line: 7, message: 'allows TLS 1.1: minimum_protocol_version TLSv1.1_2016' }],
      output: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
`,
    },
    {
      name: 'CloudFront with a custom certificate and no minimum_protocol_version',
      code: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    acm_certificate_arn = aws_acm_certificate.site.arn
    ssl_support_method  = "sni-only"
  }
}
`,
      errors: [
        { text: 'viewer_certificate', line: 4, message: 'viewer_certificate sets no minimum_protocol_version, so CloudFront uses TLSv1' },
      ],
      output: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    minimum_protocol_version = "TLSv1.2_2021"

    acm_certificate_arn = aws_acm_certificate.site.arn
    ssl_support_method  = "sni-only"
  }
}
`,
    },
    {
      name: 'API Gateway domain on TLS_1_0',
      code: `resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.fr"
  security_policy = "TLS_1_0"
}
`,
      errors: [{ text: '"TLS_1_0"', line: 3, message: 'aws_api_gateway_domain_name.api allows TLS 1.0: security_policy TLS_1_0' }],
      output: `resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.fr"
  security_policy = "TLS_1_2"
}
`,
    },
    {
      name: 'Elasticsearch with a TLS 1.0 policy',
      code: `resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}
`,
      errors: [{ text: '"Policy-Min-TLS-1-0-2019-07"', line: 6, message: 'aws_elasticsearch_domain.logs allows TLS 1.0' }],
      output: `resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
`,
    },
    {
      name: 'ingress-nginx accepting TLS 1.0 and 1.1',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\n  namespace: ingress-nginx\ndata:\n  ssl-protocols: "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"\n',
      errors: [
        {
          text: '"TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"',
          line: 7,
          message:
            'ConfigMap ingress-nginx/ingress-nginx-controller allows TLS 1.0, TLS 1.1: ssl-protocols is "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"',
        },
      ],
      output:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\n  namespace: ingress-nginx\ndata:\n  ssl-protocols: "TLSv1.2 TLSv1.3"\n',
    },
    {
      name: 'ingress-nginx with only legacy protocols, unquoted',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginx-configuration\ndata:\n  ssl-protocols: SSLv3 TLSv1\n',
      errors: [{ text: 'SSLv3 TLSv1', line: 6, message: 'allows SSL 3.0, TLS 1.0' }],
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginx-configuration\ndata:\n  ssl-protocols: "TLSv1.2 TLSv1.3"\n',
    },
    {
      name: 'Traefik TLSOption on VersionTLS11 (legacy API group)',
      code: 'apiVersion: traefik.containo.us/v1alpha1\nkind: TLSOption\nmetadata:\n  name: default\nspec:\n  minVersion: "VersionTLS11"\n',
      errors: [{ text: '"VersionTLS11"', line: 6, message: 'TLSOption default allows TLS 1.1: spec.minVersion is VersionTLS11' }],
      output:
        'apiVersion: traefik.containo.us/v1alpha1\nkind: TLSOption\nmetadata:\n  name: default\nspec:\n  minVersion: "VersionTLS12"\n',
    },
    {
      name: 'Istio Gateway with one weak server',
      code: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
spec:
  servers:
    - port:
        number: 443
        name: https
        protocol: HTTPS
      tls:
        mode: SIMPLE
        minProtocolVersion: TLSV1_2
    - port:
        number: 8443
        name: legacy
        protocol: HTTPS
      tls:
        mode: SIMPLE
        minProtocolVersion: TLSV1_0
`,
      errors: [{ text: 'TLSV1_0', line: 20, message: 'Gateway public allows TLS 1.0: tls.minProtocolVersion is TLSV1_0' }],
      output: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
spec:
  servers:
    - port:
        number: 443
        name: https
        protocol: HTTPS
      tls:
        mode: SIMPLE
        minProtocolVersion: TLSV1_2
    - port:
        number: 8443
        name: legacy
        protocol: HTTPS
      tls:
        mode: SIMPLE
        minProtocolVersion: TLSV1_2
`,
    },
    {
      name: 'Azure minimum TLS settings below 1.2',
      code: 'resource "azurerm_storage_account" "s" {\n  min_tls_version = "TLS1_0"\n}\n\nresource "azurerm_app_service" "app" {\n  site_config {\n    min_tls_version = "1.1"\n  }\n}\n\nresource "azurerm_mssql_server" "sql" {\n  minimum_tls_version = "Disabled"\n}\n\nresource "azurerm_cosmosdb_account" "c" {\n  minimal_tls_version = "Tls11"\n}\n\nresource "azurerm_postgresql_server" "pg" {\n  ssl_minimal_tls_version_enforced = "TLS1_0"\n}\n',
      errors: [
        { text: '"TLS1_0"', line: 2, message: 'azurerm_storage_account.s allows TLS 1.0: min_tls_version is TLS1_0.' },
        { text: '"1.1"', line: 7, message: 'azurerm_app_service.app allows TLS 1.1: site_config.min_tls_version is 1.1.' },
        { text: '"Disabled"', line: 12, message: 'azurerm_mssql_server.sql allows every TLS version down to 1.0' },
        { text: '"Tls11"', line: 16, message: 'azurerm_cosmosdb_account.c allows TLS 1.1' },
        { text: '"TLS1_0"', line: 20, message: 'azurerm_postgresql_server.pg allows TLS 1.0' },
      ],
      output:
        'resource "azurerm_storage_account" "s" {\n  min_tls_version = "TLS1_2"\n}\n\nresource "azurerm_app_service" "app" {\n  site_config {\n    min_tls_version = "1.2"\n  }\n}\n\nresource "azurerm_mssql_server" "sql" {\n  minimum_tls_version = "1.2"\n}\n\nresource "azurerm_cosmosdb_account" "c" {\n  minimal_tls_version = "Tls12"\n}\n\nresource "azurerm_postgresql_server" "pg" {\n  ssl_minimal_tls_version_enforced = "TLS1_2"\n}\n',
    },
    {
      name: 'Application Gateway predefined policy, API Management TLS 1.0 switch, Front Door domain',
      code: 'resource "azurerm_application_gateway" "gw" {\n  ssl_policy {\n    policy_type = "Predefined"\n    policy_name = "AppGwSslPolicy20150501"\n  }\n}\n\nresource "azurerm_api_management" "apim" {\n  security {\n    frontend_tls10_enabled = true\n  }\n}\n\nresource "azurerm_cdn_frontdoor_custom_domain" "d" {\n  tls {\n    minimum_tls_version = "TLS10"\n  }\n}\n',
      errors: [
        {
          text: '"AppGwSslPolicy20150501"',
          line: 4,
          message: 'azurerm_application_gateway.gw allows TLS 1.0: ssl_policy.policy_name is AppGwSslPolicy20150501.',
        },
        { text: 'true', line: 10, message: 'azurerm_api_management.apim allows TLS 1.0: security.frontend_tls10_enabled is true.' },
        { text: '"TLS10"', line: 16, message: 'azurerm_cdn_frontdoor_custom_domain.d allows TLS 1.0' },
      ],
      output:
        'resource "azurerm_application_gateway" "gw" {\n  ssl_policy {\n    policy_type = "Predefined"\n    policy_name = "AppGwSslPolicy20220101S"\n  }\n}\n\nresource "azurerm_api_management" "apim" {\n  security {\n    frontend_tls10_enabled = false\n  }\n}\n\nresource "azurerm_cdn_frontdoor_custom_domain" "d" {\n  tls {\n    minimum_tls_version = "TLS12"\n  }\n}\n',
    },
    {
      name: 'GCP SSL policy left at its TLS 1.0 default; HTTPS proxy without a policy',
      code: 'resource "google_compute_ssl_policy" "p" {\n  profile = "MODERN"\n}\n\nresource "google_compute_target_https_proxy" "x" {\n  url_map = google_compute_url_map.m.id\n}\n',
      errors: [
        {
          text: 'resource "google_compute_ssl_policy" "p"',
          line: 1,
          message: 'google_compute_ssl_policy.p allows TLS 1.0: min_tls_version is not set and defaults to TLS_1_0.',
        },
        {
          text: 'resource "google_compute_target_https_proxy" "x"',
          line: 5,
          message: 'google_compute_target_https_proxy.x allows TLS 1.0: no ssl_policy is set',
        },
      ],
      output:
        'resource "google_compute_ssl_policy" "p" {\n  min_tls_version = "TLS_1_2"\n\n  profile = "MODERN"\n}\n\nresource "google_compute_target_https_proxy" "x" {\n  url_map = google_compute_url_map.m.id\n}\n',
    },
    {
      name: 'OVHcloud, OpenStack and Scaleway load balancers',
      code: 'resource "ovh_iploadbalancing" "lb" {\n  ssl_configuration = "intermediate"\n}\n\nresource "openstack_lb_listener_v2" "l" {\n  tls_versions = ["TLSv1.1", "TLSv1.2"]\n}\n\nresource "scaleway_lb" "s" {\n  ssl_compatibility_level = "ssl_compatibility_level_old"\n}\n',
      errors: [
        { text: '"intermediate"', line: 2, message: 'ovh_iploadbalancing.lb allows TLS 1.0' },
        { text: '"TLSv1.1"', line: 6, message: 'openstack_lb_listener_v2.l allows TLS 1.1: tls_versions is TLSv1.1.' },
        { text: '"ssl_compatibility_level_old"', line: 10, message: 'scaleway_lb.s allows TLS 1.0' },
      ],
      output:
        'resource "ovh_iploadbalancing" "lb" {\n  ssl_configuration = "modern"\n}\n\nresource "openstack_lb_listener_v2" "l" {\n  tls_versions = ["TLSv1.1", "TLSv1.2"]\n}\n\nresource "scaleway_lb" "s" {\n  ssl_compatibility_level = "ssl_compatibility_level_intermediate"\n}\n',
    },
    {
      name: 'Scaleway load balancer annotation on a Service',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    service.beta.kubernetes.io/scw-loadbalancer-ssl-compatibility-level: ssl_compatibility_level_old\nspec:\n  type: LoadBalancer\n',
      errors: [{ text: 'ssl_compatibility_level_old', line: 6, message: 'Service web allows TLS 1.0' }],
      output:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    service.beta.kubernetes.io/scw-loadbalancer-ssl-compatibility-level: ssl_compatibility_level_intermediate\nspec:\n  type: LoadBalancer\n',
    },
    {
      name: 'API Gateway v2 domain at TLS 1.0; CloudFront speaking TLS 1.0 to its origin',
      code: 'resource "aws_apigatewayv2_domain_name" "api" {\n  domain_name = "api.example.fr"\n\n  domain_name_configuration {\n    certificate_arn = aws_acm_certificate.api.arn\n    endpoint_type   = "REGIONAL"\n    security_policy = "TLS_1_0"\n  }\n}\n\nresource "aws_cloudfront_distribution" "site" {\n  origin {\n    domain_name = "origin.example.fr"\n    origin_id   = "origin"\n\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = "https-only"\n      origin_ssl_protocols   = ["TLSv1", "TLSv1.2"]\n    }\n  }\n}\n',
      errors: [
        {
          text: '"TLS_1_0"',
          line: 7,
          message: 'aws_apigatewayv2_domain_name.api allows TLS 1.0: domain_name_configuration.security_policy is TLS_1_0.',
        },
        {
          text: '"TLSv1"',
          line: 20,
          message: 'aws_cloudfront_distribution.site allows TLS 1.0: origin.custom_origin_config.origin_ssl_protocols is TLSv1.',
        },
      ],
      output:
        'resource "aws_apigatewayv2_domain_name" "api" {\n  domain_name = "api.example.fr"\n\n  domain_name_configuration {\n    certificate_arn = aws_acm_certificate.api.arn\n    endpoint_type   = "REGIONAL"\n    security_policy = "TLS_1_2"\n  }\n}\n\nresource "aws_cloudfront_distribution" "site" {\n  origin {\n    domain_name = "origin.example.fr"\n    origin_id   = "origin"\n\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = "https-only"\n      origin_ssl_protocols   = ["TLSv1", "TLSv1.2"]\n    }\n  }\n}\n',
    },
    {
      name: 'database server parameters that allow TLS 1.0 and 1.1',
      code: 'resource "azurerm_mysql_flexible_server_configuration" "tls" {\n  name      = "tls_version"\n  server_id = azurerm_mysql_flexible_server.db.id\n  value     = "TLSv1.1,TLSv1.2"\n}\n\nresource "aws_db_parameter_group" "pg" {\n  family = "postgres16"\n\n  parameter {\n    name  = "ssl_min_protocol_version"\n    value = "TLSv1"\n  }\n}\n',
      errors: [
        {
          text: '"TLSv1.1,TLSv1.2"',
          line: 4,
          message: 'azurerm_mysql_flexible_server_configuration.tls allows TLS 1.1: tls_version is TLSv1.1,TLSv1.2.',
        },
        { text: '"TLSv1"', line: 12, message: 'aws_db_parameter_group.pg allows TLS 1.0: ssl_min_protocol_version is TLSv1.' },
      ],
      output:
        'resource "azurerm_mysql_flexible_server_configuration" "tls" {\n  name      = "tls_version"\n  server_id = azurerm_mysql_flexible_server.db.id\n  value     = "TLSv1.2"\n}\n\nresource "aws_db_parameter_group" "pg" {\n  family = "postgres16"\n\n  parameter {\n    name  = "ssl_min_protocol_version"\n    value = "TLSv1.2"\n  }\n}\n',
    },
  ],
});
