import rule from '../../rules/plaintext-transport';
import { testRule } from '../harness/rule-tester';

const INGRESS = (extra: string, annotations = ''): string =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n${annotations}spec:\n${extra}  rules:\n    - host: web.example.fr\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n`;

testRule(rule, {
  valid: [
    {
      name: 'GCP HTTP proxy whose URL map is chosen by a known condition: the redirect',
      code: 'variable "https_redirect" {\n  default = true\n}\n\nresource "google_compute_url_map" "app" {\n  default_service = google_compute_backend_service.app.id\n}\n\nresource "google_compute_url_map" "https_redirect" {\n  default_url_redirect {\n    https_redirect = true\n    strip_query    = false\n  }\n}\n\nlocals {\n  url_map = var.create_url_map ? google_compute_url_map.app.self_link : var.url_map\n}\n\nvariable "create_url_map" {\n  default = true\n}\n\nvariable "url_map" {\n  default = null\n}\n\nresource "google_compute_target_http_proxy" "p" {\n  url_map = var.https_redirect == false ? local.url_map : google_compute_url_map.https_redirect.self_link\n}\n',
    },
    {
      name: 'default actions from dynamic blocks whose for_each is not known',
      code: 'variable "listener" {}\n\nresource "aws_lb_listener" "l" {\n  protocol = "HTTP"\n\n  dynamic "default_action" {\n    for_each = var.listener.forward != null ? [1] : []\n    content {\n      type = "forward"\n    }\n  }\n\n  dynamic "default_action" {\n    for_each = var.listener.redirect != null ? [var.listener.redirect] : []\n    content {\n      type = "redirect"\n\n      redirect {\n        protocol = default_action.value.protocol\n      }\n    }\n  }\n}\n',
    },
    {
      name: 'HTTP listener redirecting to HTTPS, and a redirect whose protocol is not known',
      code: 'resource "aws_lb_listener" "l" {\n  protocol = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\n\nvariable "p" {}\n\nresource "aws_lb_listener" "m" {\n  protocol = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      protocol    = var.p\n      status_code = "HTTP_301"\n    }\n  }\n}\n',
    },
    {
      name: 'a listener without protocol on a network load balancer, or on a load balancer not in the module',
      code: 'resource "aws_lb" "n" {\n  load_balancer_type = "network"\n}\n\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = aws_lb.n.arn\n  port              = 443\n\n  default_action {\n    type = "forward"\n  }\n}\n\nvariable "lb" {}\n\nresource "aws_lb_listener" "m" {\n  load_balancer_arn = var.lb\n\n  default_action {\n    type = "forward"\n  }\n}\n',
    },
    {
      name: 'web and function app slots with https_only',
      code: 'resource "azurerm_linux_web_app_slot" "s" {\n  https_only = true\n}\n\nresource "azurerm_windows_function_app_slot" "f" {\n  https_only = true\n}\n',
    },
    {
      name: 'HTTP listener with a fixed response',
      code: 'resource "aws_lb_listener" "l" {\n  protocol = "HTTP"\n\n  default_action {\n    type = "fixed-response"\n  }\n}\n',
    },
    {
      name: 'HTTPS listener',
      code: 'resource "aws_lb_listener" "l" {\n  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n\n  default_action {\n    type = "forward"\n  }\n}\n',
    },
    {
      name: 'listener protocol from a variable without default',
      code: 'variable "p" {}\n\nresource "aws_lb_listener" "l" {\n  protocol = var.p\n\n  default_action {\n    type = "forward"\n  }\n}\n',
    },
    {
      name: 'CloudFront redirecting viewers, HTTPS origin',
      code: 'resource "aws_cloudfront_distribution" "d" {\n  origin {\n    custom_origin_config {\n      origin_protocol_policy = "https-only"\n    }\n  }\n\n  default_cache_behavior {\n    viewer_protocol_policy = "redirect-to-https"\n  }\n}\n',
    },
    { name: 'storage account with the default HTTPS-only setting', code: 'resource "azurerm_storage_account" "s" {\n  name = "s"\n}\n' },
    { name: 'web app with https_only', code: 'resource "azurerm_linux_web_app" "w" {\n  https_only = true\n}\n' },
    { name: 'ElastiCache with TLS', code: 'resource "aws_elasticache_replication_group" "g" {\n  transit_encryption_enabled = true\n}\n' },
    {
      name: 'parameter group forcing SSL',
      code: 'resource "aws_db_parameter_group" "p" {\n  parameter {\n    name  = "rds.force_ssl"\n    value = "1"\n  }\n}\n',
    },
    {
      name: 'GCP HTTP proxy whose URL map redirects to HTTPS',
      code: 'resource "google_compute_url_map" "redirect" {\n  default_url_redirect {\n    https_redirect = true\n    strip_query    = false\n  }\n}\n\nresource "google_compute_target_http_proxy" "p" {\n  url_map = google_compute_url_map.redirect.id\n}\n',
    },
    { name: 'Ingress with TLS', code: INGRESS('  tls:\n    - hosts: [web.example.fr]\n      secretName: web-tls\n') },
    {
      name: 'Ingress whose load balancer terminates TLS with a named certificate',
      code: INGRESS('', '  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-3:1:certificate/x\n'),
    },
    { name: 'GKE Ingress that refuses HTTP', code: INGRESS('', '  annotations:\n    kubernetes.io/ingress.allow-http: "false"\n') },
    {
      name: 'a ConfigMap of an application with an ssl-redirect key',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  ssl-redirect: "false"\n',
    },
    {
      name: 'Application Gateway HTTP listener redirected to its HTTPS listener',
      code: 'resource "azurerm_application_gateway" "gw" {\n  http_listener {\n    name     = "http"\n    protocol = "Http"\n  }\n\n  http_listener {\n    name     = "https"\n    protocol = "Https"\n  }\n\n  redirect_configuration {\n    name                 = "to-https"\n    redirect_type        = "Permanent"\n    target_listener_name = "https"\n  }\n\n  request_routing_rule {\n    name                        = "http"\n    http_listener_name          = "http"\n    redirect_configuration_name = "to-https"\n  }\n\n  request_routing_rule {\n    name                      = "https"\n    http_listener_name        = "https"\n    backend_address_pool_name = "pool"\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'GCP HTTP proxy whose URL map is chosen by a known condition, through a local: the back ends',
      code: 'variable "https_redirect" {\n  default = false\n}\n\nresource "google_compute_url_map" "app" {\n  default_service = google_compute_backend_service.app.id\n}\n\nresource "google_compute_url_map" "https_redirect" {\n  default_url_redirect {\n    https_redirect = true\n    strip_query    = false\n  }\n}\n\nlocals {\n  url_map = var.create_url_map ? google_compute_url_map.app.self_link : var.url_map\n}\n\nvariable "create_url_map" {\n  default = true\n}\n\nvariable "url_map" {\n  default = null\n}\n\nresource "google_compute_target_http_proxy" "p" {\n  url_map = var.https_redirect == false ? local.url_map : google_compute_url_map.https_redirect.self_link\n}\n',
      errors: [
        {
          text: 'resource "google_compute_target_http_proxy" "p"',
          line: 28,
          message:
            'google_compute_target_http_proxy.p serves HTTP in clear: its URL map google_compute_url_map.app does not redirect requests to HTTPS.',
        },
      ],
      output: null,
    },
    {
      name: 'an authentication step before a forward',
      code: 'resource "aws_lb_listener" "l" {\n  protocol = "HTTP"\n\n  default_action {\n    type  = "authenticate-oidc"\n    order = 1\n  }\n\n  default_action {\n    type  = "forward"\n    order = 2\n  }\n}\n',
      errors: [
        {
          text: '"HTTP"',
          line: 2,
          message:
            'aws_lb_listener.l serves HTTP in clear: its default action is authenticate-oidc, forward rather than a redirect to HTTPS.',
        },
      ],
      output: null,
    },
    {
      name: 'an ALB redirect to HTTP, written or left to #{protocol}',
      code: 'resource "aws_lb_listener" "l" {\n  protocol = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      host        = "www.example.eu"\n      protocol    = "HTTP"\n      status_code = "HTTP_301"\n    }\n  }\n}\n\nresource "aws_lb_listener" "m" {\n  protocol = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      host        = "www.example.eu"\n      status_code = "HTTP_301"\n    }\n  }\n}\n',
      errors: [
        {
          text: '"HTTP"',
          line: 9,
          message: 'aws_lb_listener.l serves HTTP in clear: its default action redirects to HTTP rather than to HTTPS.',
        },
        {
          text: 'redirect',
          line: 21,
          message:
            "aws_lb_listener.m serves HTTP in clear: its default action redirects to #{protocol}, the listener's own HTTP, rather than to HTTPS.",
        },
      ],
      output: null,
    },
    {
      name: 'a listener with no protocol on an application load balancer is HTTP',
      code: 'resource "aws_lb" "front" {\n  internal = false\n}\n\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = aws_lb.front.arn\n  port              = 80\n\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.t.arn\n  }\n}\n',
      errors: [
        {
          text: 'resource "aws_lb_listener" "l"',
          line: 5,
          message:
            'aws_lb_listener.l serves HTTP in clear: it sets no protocol, so it listens in HTTP on application load balancer aws_lb.front, and its default action is forward rather than a redirect to HTTPS.',
        },
      ],
      output: null,
    },
    {
      name: 'web and function app slots without https_only',
      code: 'resource "azurerm_linux_web_app_slot" "s" {\n  name = "staging"\n}\n\nresource "azurerm_function_app_slot" "f" {\n  https_only = false\n}\n',
      errors: [
        { text: 'resource "azurerm_linux_web_app_slot" "s"', line: 1, message: 'azurerm_linux_web_app_slot.s accepts HTTP' },
        { text: 'false', line: 6, message: 'azurerm_function_app_slot.f accepts HTTP' },
      ],
      output:
        'resource "azurerm_linux_web_app_slot" "s" {\n  https_only = true\n\n  name = "staging"\n}\n\nresource "azurerm_function_app_slot" "f" {\n  https_only = true\n}\n',
    },
    {
      name: 'Application Gateway HTTP listener routed to a back-end pool',
      code: 'resource "azurerm_application_gateway" "gw" {\n  http_listener {\n    name     = "http"\n    protocol = "Http"\n  }\n\n  request_routing_rule {\n    name                      = "http"\n    http_listener_name        = "http"\n    backend_address_pool_name = "pool"\n  }\n}\n',
      errors: [
        {
          text: '"Http"',
          line: 4,
          message:
            'azurerm_application_gateway.gw serves HTTP in clear: listener http is routed to back ends rather than redirected to HTTPS.',
        },
      ],
      output: null,
    },
    {
      name: 'ALB HTTP listener forwarding in clear; classic ELB HTTP listener',
      code: 'resource "aws_lb_listener" "l" {\n  port     = 80\n  protocol = "HTTP"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.t.arn\n  }\n}\n\nresource "aws_elb" "classic" {\n  listener {\n    lb_port           = 80\n    lb_protocol       = "http"\n    instance_port     = 8080\n    instance_protocol = "http"\n  }\n}\n',
      errors: [
        {
          text: '"HTTP"',
          line: 3,
          message: 'aws_lb_listener.l serves HTTP in clear: its default action is forward rather than a redirect to HTTPS.',
        },
        { text: '"http"', line: 14, message: 'aws_elb.classic has a listener that serves HTTP in clear' },
      ],
      output: null,
    },
    {
      name: 'CloudFront allowing HTTP viewers and fetching from an HTTP origin',
      code: 'resource "aws_cloudfront_distribution" "d" {\n  origin {\n    custom_origin_config {\n      origin_protocol_policy = "http-only"\n    }\n  }\n\n  default_cache_behavior {\n    viewer_protocol_policy = "allow-all"\n  }\n\n  ordered_cache_behavior {\n    viewer_protocol_policy = "https-only"\n  }\n}\n',
      errors: [
        { text: '"http-only"', line: 4, message: 'fetches from its origin over HTTP' },
        {
          text: '"allow-all"',
          line: 9,
          message: 'aws_cloudfront_distribution.d lets viewers use HTTP: default_cache_behavior.viewer_protocol_policy is allow-all.',
        },
      ],
      output:
        'resource "aws_cloudfront_distribution" "d" {\n  origin {\n    custom_origin_config {\n      origin_protocol_policy = "https-only"\n    }\n  }\n\n  default_cache_behavior {\n    viewer_protocol_policy = "redirect-to-https"\n  }\n\n  ordered_cache_behavior {\n    viewer_protocol_policy = "https-only"\n  }\n}\n',
    },
    {
      name: 'Azure storage over HTTP, an app without https_only, SSL enforcement off, Redis non-TLS port',
      code: 'resource "azurerm_storage_account" "s" {\n  https_traffic_only_enabled = false\n}\n\nresource "azurerm_app_service" "app" {\n  name = "app"\n}\n\nresource "azurerm_postgresql_server" "pg" {\n  ssl_enforcement_enabled = false\n}\n\nresource "azurerm_redis_cache" "r" {\n  enable_non_ssl_port = true\n}\n',
      errors: [
        { text: 'false', line: 2, message: 'azurerm_storage_account.s accepts HTTP: https_traffic_only_enabled is false.' },
        {
          text: 'resource "azurerm_app_service" "app"',
          line: 5,
          message: 'azurerm_app_service.app accepts HTTP: https_only is not set and defaults to false.',
        },
        {
          text: 'false',
          line: 10,
          message: 'azurerm_postgresql_server.pg accepts connections without TLS: ssl_enforcement_enabled is false.',
        },
        { text: 'true', line: 14, message: 'azurerm_redis_cache.r opens its non-TLS port: enable_non_ssl_port is true.' },
      ],
      output:
        'resource "azurerm_storage_account" "s" {\n  https_traffic_only_enabled = true\n}\n\nresource "azurerm_app_service" "app" {\n  https_only = true\n\n  name = "app"\n}\n\nresource "azurerm_postgresql_server" "pg" {\n  ssl_enforcement_enabled = true\n}\n\nresource "azurerm_redis_cache" "r" {\n  enable_non_ssl_port = false\n}\n',
    },
    {
      name: 'ElastiCache without in-transit encryption; parameters that turn TLS enforcement off; Cloud SQL accepting plain connections',
      code: 'resource "aws_elasticache_replication_group" "g" {\n  engine = "redis"\n}\n\nresource "aws_db_parameter_group" "p" {\n  parameter {\n    name  = "rds.force_ssl"\n    value = "0"\n  }\n}\n\nresource "azurerm_mysql_flexible_server_configuration" "c" {\n  name  = "require_secure_transport"\n  value = "OFF"\n}\n\nresource "google_sql_database_instance" "db" {\n  settings {\n    ip_configuration {\n      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"\n    }\n  }\n}\n',
      errors: [
        {
          text: 'resource "aws_elasticache_replication_group" "g"',
          line: 1,
          message: 'transit_encryption_enabled is not set and defaults to false',
        },
        { text: '"0"', line: 8, message: 'aws_db_parameter_group.p lets clients connect without TLS: rds.force_ssl is 0.' },
        { text: '"OFF"', line: 14, message: 'require_secure_transport is OFF' },
        { text: '"ALLOW_UNENCRYPTED_AND_ENCRYPTED"', line: 20, message: 'google_sql_database_instance.db accepts connections without TLS' },
      ],
      output:
        'resource "aws_elasticache_replication_group" "g" {\n  transit_encryption_enabled = true\n\n  engine = "redis"\n}\n\nresource "aws_db_parameter_group" "p" {\n  parameter {\n    name  = "rds.force_ssl"\n    value = "0"\n  }\n}\n\nresource "azurerm_mysql_flexible_server_configuration" "c" {\n  name  = "require_secure_transport"\n  value = "OFF"\n}\n\nresource "google_sql_database_instance" "db" {\n  settings {\n    ip_configuration {\n      ssl_mode = "ENCRYPTED_ONLY"\n    }\n  }\n}\n',
    },
    {
      name: 'GCP HTTP proxy whose URL map serves content',
      code: 'resource "google_compute_url_map" "app" {\n  default_service = google_compute_backend_service.app.id\n}\n\nresource "google_compute_target_http_proxy" "p" {\n  url_map = google_compute_url_map.app.id\n}\n',
      errors: [
        {
          text: 'resource "google_compute_target_http_proxy" "p"',
          line: 5,
          message:
            'google_compute_target_http_proxy.p serves HTTP in clear: its URL map google_compute_url_map.app does not redirect requests to HTTPS.',
        },
      ],
      output: null,
    },
    {
      name: 'Ingress without tls',
      code: INGRESS(''),
      errors: [{ text: 'kind: Ingress', line: 2, message: 'Ingress web has no tls section: its hosts are served over plain HTTP.' }],
      output: null,
    },
    {
      name: 'Ingress with tls but its HTTPS redirect turned off',
      code: INGRESS('  tls:\n    - secretName: web-tls\n', '  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: "false"\n'),
      errors: [{ text: '"false"', line: 6, message: 'serves its hosts over HTTP too' }],
      output: INGRESS('  tls:\n    - secretName: web-tls\n', '  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: "true"\n'),
    },
    {
      name: 'ingress-nginx ConfigMap with ssl-redirect off',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\n  namespace: ingress-nginx\ndata:\n  ssl-redirect: "false"\n',
      errors: [
        {
          text: '"false"',
          line: 7,
          message: "ConfigMap ingress-nginx/ingress-nginx-controller turns ingress-nginx's redirect to HTTPS off",
        },
      ],
      output:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\n  namespace: ingress-nginx\ndata:\n  ssl-redirect: "true"\n',
    },
  ],
});
