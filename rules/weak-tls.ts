/** weak-tls: nothing may accept a protocol older than TLS 1.2. */
import { FLAG_MESSAGES } from './support/flags';
import { defineRule, type FixTitle, type RuleContext, type RuleFix } from '../server/src/lint/rule';
import type { SourceFile } from '../server/src/engine/source';
import type { TextEdit } from '../server/src/engine/types';
import { type Value, asString, isTrue } from '../server/src/engine/value';
import { blocks } from '../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../server/src/terraform/model';
import { appendBlock, insertAttribute } from '../server/src/terraform/edits';
import { type TableSelector, type TlsVerdict, lookupTls } from './support/tls-table';
import { checkTlsSettings } from './support/tls-settings';
import { checkKubernetesTls } from './support/k8s-tls';
import { SET_ATTRIBUTE, SET_IT, SET_TO } from './support/fix-titles';
import DATA from './data/weak-tls.json';

const REQUIREMENTS = ['10.2.c'];

function quoted(s: string): string {
  return JSON.stringify(s);
}

/** Replaces a literal string value written in place; undefined when the value comes from elsewhere. */
function replaceLiteral(file: SourceFile, value: Value, newValue: string): TextEdit | undefined {
  if (value.origin !== 'literal' || file.text[value.range.start] !== '"') return undefined;
  return { range: value.range, newText: quoted(newValue) };
}

function fixOf(title: FixTitle, edit: TextEdit | undefined): RuleFix[] {
  return edit ? [{ ...title, safety: 'unsafe', preferred: true, edits: [edit] }] : [];
}

/** The title of a fix setting an argument to a string: `Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"`. */
function setString(attribute: string, value: string): FixTitle<'set-attribute'> {
  return { fixId: 'set-attribute', data: { attribute, value: `"${value}"` } };
}

/** A named policy that the table rates below TLS 1.2, reported on its value. */
function checkNamedPolicy(
  ctx: RuleContext,
  r: TfResource,
  label: string,
  value: Value,
  tables: readonly TableSelector[],
  recommended: string,
): void {
  const name = asString(value);
  if (name === undefined) return;
  const verdict = lookupTls(tables, name) ?? elbPattern(name);
  if (!verdict?.below12) return;
  ctx.report({
    file: r.file,
    range: value.range,
    messageId: 'named-policy',
    data: { resource: r.address, oldest: verdict.oldest, label, policy: name },
    fixes: fixOf(setString(label, recommended), replaceLiteral(r.file, value, recommended)),
  });
}

const ELB_PATTERNS = DATA.elbListener.namePatterns.map((p) => ({ re: new RegExp(p.pattern), oldest: p.oldest }));

/** What an Elastic Load Balancing policy name the table does not hold allows, from the naming scheme AWS documents. */
function elbPattern(name: string): TlsVerdict | undefined {
  const hit = ELB_PATTERNS.find((p) => p.re.test(name));
  return hit ? { below12: true, oldest: hit.oldest } : undefined;
}

function checkListeners(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = DATA.elbListener;
  for (const r of mod.resourcesOfAny(cfg.resources)) {
    const protocol = asString(mod.attr(r.block, 'protocol')?.value)?.toUpperCase();
    if (!protocol || !cfg.tlsProtocols.includes(protocol)) continue;
    const policy = mod.attr(r.block, 'ssl_policy');
    if (policy && policy.value.kind !== 'null') {
      checkNamedPolicy(ctx, r, 'ssl_policy', policy.value, cfg.tables, cfg.recommended);
      continue;
    }
    const oldest = lookupTls(cfg.tables, cfg.defaultPolicy)?.oldest ?? 'TLS 1.0';
    const title = setString('ssl_policy', cfg.recommended);
    ctx.report({
      file: r.file,
      range: policy ? policy.value.range : r.block.headerRange,
      messageId: 'listener-default',
      data: { resource: r.address, oldest, protocol, policy: cfg.defaultPolicy },
      fixes: fixOf(
        title,
        policy
          ? { range: policy.value.range, newText: quoted(cfg.recommended) }
          : insertAttribute(r.file, r.block, 'ssl_policy', quoted(cfg.recommended)),
      ),
    });
  }
}

function checkClassicPolicies(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = DATA.classicElbPolicy;
  const weak: Readonly<Record<string, string>> = cfg.weakProtocolAttributes;
  for (const r of mod.resourcesOf(...cfg.resources, ...cfg.negotiationPolicies)) {
    const blockName = cfg.negotiationPolicies.includes(r.type) ? 'attribute' : 'policy_attribute';
    for (const pa of blocks(r.block.body, blockName)) {
      const name = asString(mod.attr(pa, 'name')?.value);
      const value = mod.attr(pa, 'value')?.value;
      if (!name || !value) continue;
      if (name === cfg.referenceAttribute) {
        checkNamedPolicy(ctx, r, name, value, cfg.tables, cfg.recommended);
      } else if (weak[name] && isTrue(value)) {
        ctx.report({
          file: r.file,
          range: value.range,
          messageId: 'policy-attribute',
          data: { resource: r.address, weakness: weak[name], attribute: name },
          fixes: fixOf({ fixId: 'set-to', data: { field: name, value: '"false"' } }, replaceLiteral(r.file, value, 'false')),
        });
      }
    }
  }
}

function checkCloudfront(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = DATA.cloudfront;
  for (const r of mod.resourcesOfAny(cfg.resources)) {
    for (const vc of blocks(r.block.body, 'viewer_certificate')) {
      const defaultCert = mod.attr(vc, 'cloudfront_default_certificate');
      if (defaultCert && isTrue(defaultCert.value)) {
        ctx.report({
          file: r.file,
          range: defaultCert.value.range,
          messageId: 'cloudfront-default-certificate',
          data: { resource: r.address, version: cfg.defaultCertificateMinTls, protocol: cfg.defaultMinimumProtocolVersion },
        });
        continue;
      }
      const min = mod.attr(vc, 'minimum_protocol_version');
      if (min) {
        checkNamedPolicy(ctx, r, 'minimum_protocol_version', min.value, cfg.tables, cfg.recommended);
        continue;
      }
      if (defaultCert && defaultCert.value.kind !== 'bool') continue;
      if (!mod.attr(vc, 'acm_certificate_arn') && !mod.attr(vc, 'iam_certificate_id')) continue;
      const oldest = lookupTls(cfg.tables, cfg.defaultMinimumProtocolVersion)?.oldest ?? 'TLS 1.0';
      ctx.report({
        file: r.file,
        range: vc.headerRange,
        messageId: 'cloudfront-no-minimum',
        data: { resource: r.address, oldest, protocol: cfg.defaultMinimumProtocolVersion },
        fixes: fixOf(
          setString('minimum_protocol_version', cfg.recommended),
          insertAttribute(r.file, vc, 'minimum_protocol_version', quoted(cfg.recommended)),
        ),
      });
    }
  }
}

function checkSimplePolicies(ctx: RuleContext, mod: TerraformModule): void {
  const api = DATA.apiGateway;
  for (const r of mod.resourcesOfAny(api.resources)) {
    const v = mod.attr(r.block, 'security_policy');
    if (v && v.value.kind !== 'null') checkNamedPolicy(ctx, r, 'security_policy', v.value, api.tables, api.recommended);
    else
      reportDefault(
        ctx,
        r,
        'security_policy',
        api.defaultPolicy,
        api.tables,
        insertAttribute(r.file, r.block, 'security_policy', quoted(api.recommended)),
        setString('security_policy', api.recommended),
      );
  }
  const os = DATA.opensearch;
  for (const r of mod.resourcesOfAny(os.resources)) {
    const all = blocks(r.block.body, 'domain_endpoint_options');
    // A dynamic block may set the policy: nothing is known then.
    if (!all.length && r.block.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'domain_endpoint_options')) continue;
    const label = 'domain_endpoint_options.tls_security_policy';
    const title = setString(label, os.recommended);
    if (!all.length)
      reportDefault(
        ctx,
        r,
        label,
        os.defaultPolicy,
        os.tables,
        appendBlock(r.file, r.block, [
          'domain_endpoint_options {',
          '  enforce_https       = true',
          `  tls_security_policy = ${quoted(os.recommended)}`,
          '}',
        ]),
        title,
      );
    for (const opts of all) {
      const v = mod.attr(opts, 'tls_security_policy');
      if (v && v.value.kind !== 'null') checkNamedPolicy(ctx, r, 'tls_security_policy', v.value, os.tables, os.recommended);
      else
        reportDefault(
          ctx,
          r,
          label,
          os.defaultPolicy,
          os.tables,
          insertAttribute(r.file, opts, 'tls_security_policy', quoted(os.recommended)),
          title,
          opts.headerRange,
        );
    }
  }
}

/** A setting left out whose platform default accepts protocols below TLS 1.2, reported on the block that lacks it. */
function reportDefault(
  ctx: RuleContext,
  r: TfResource,
  label: string,
  policy: string,
  tables: readonly TableSelector[],
  edit: TextEdit | undefined,
  title: FixTitle,
  range = r.block.headerRange,
): void {
  const verdict = lookupTls(tables, policy);
  if (verdict && !verdict.below12) return;
  ctx.report({
    file: r.file,
    range,
    messageId: 'default-policy',
    data: { resource: r.address, oldest: verdict?.oldest ?? 'TLS 1.0', label, policy },
    fixes: fixOf(title, edit),
  });
}

const GOOD_LISTENER = `resource "aws_lb_listener" "front" {
  load_balancer_arn = aws_lb.front.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.front.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.front.arn
  }
}
`;

const BAD_LISTENER = `resource "aws_lb_listener" "front" {
  load_balancer_arn = aws_lb.front.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate.front.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.front.arn
  }
}
`;

const BAD_CLOUDFRONT = `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id   = "site"
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1_2016"
  }
}
`;

const GOOD_NGINX = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  ssl-protocols: "TLSv1.2 TLSv1.3"
`;

const BAD_TRAEFIK = `apiVersion: traefik.io/v1alpha1
kind: TLSOption
metadata:
  name: default
  namespace: traefik
spec:
  minVersion: VersionTLS10
`;

/** weak-tls: TLS below 1.2 allowed by a policy, a setting or a platform default. */
export default defineRule({
  meta: {
    id: 'weak-tls',
    title: 'Accept TLS 1.2 or newer only',
    description:
      'Reports what accepts SSL 3.0, TLS 1.0 or TLS 1.1, whether a weak policy is named or a default that ' +
      'allows them is left in place: ALB/NLB listeners (no ssl_policy means ELBSecurityPolicy-2016-08), ' +
      'classic ELB policies and SSL negotiation policies, CloudFront (including the default certificate), ' +
      'API Gateway domain names and OpenSearch domains (without a policy they accept TLS 1.0); every Azure ' +
      'minimum-TLS setting (storage accounts, App Service and Function apps, SQL, Redis, Cosmos DB, Event ' +
      'Hubs, Service Bus, database servers, Application Gateway, CDN and Front Door, API Management ' +
      'protocol switches); Google SSL policies and HTTPS or SSL proxies without one; OVHcloud IP load ' +
      'balancers, OpenStack Octavia listeners and Scaleway load balancers; ingress-nginx, Traefik ' +
      'TLSOption, Istio Gateways and Scaleway load balancer annotations.',
    rationale:
      "SecNumCloud 3.2 (10.2.c) requires that where TLS protects a flow, ANSSI's TLS recommendations apply. ANSSI's guide allows TLS 1.2 and 1.3 only: SSL 3.0, TLS 1.0 and TLS 1.1 rely on broken or deprecated constructions (CBC padding oracles, SHA-1 and MD5 in the handshake) and must be refused by the server.",
    remediation:
      'Name a policy whose minimum is TLS 1.2, such as ELBSecurityPolicy-TLS13-1-2-2021-06 for ALB/NLB ' +
      'listeners, TLSv1.2_2021 for CloudFront with a custom certificate, TLS_1_2 for API Gateway, ' +
      'Policy-Min-TLS-1-2-2019-07 for OpenSearch, "TLSv1.2 TLSv1.3" for ingress-nginx, VersionTLS12 for ' +
      'Traefik and TLSV1_2 for Istio. On Azure set every minimum-TLS setting to 1.2 (TLS1_2, Tls12, ' +
      'AppGwSslPolicy20220101S); on Google Cloud attach an SSL policy with min_tls_version = "TLS_1_2" to ' +
      'every HTTPS and SSL proxy; use ssl_configuration = "modern" on OVHcloud IP load balancers and the ' +
      'intermediate level or above on Scaleway. A CloudFront distribution on the default *.cloudfront.net ' +
      'certificate needs a custom certificate to raise its minimum. Check first that every client can ' +
      'speak TLS 1.2.',
    severity: 'error',
    requirements: REQUIREMENTS,
    fixable: true,
    covers: [
      'aws_lb_listener',
      'aws_alb_listener',
      'aws_load_balancer_policy',
      'aws_lb_ssl_negotiation_policy',
      'aws_cloudfront_distribution',
      'aws_api_gateway_domain_name, aws_apigatewayv2_domain_name',
      'aws_cloudfront_distribution origin_ssl_protocols',
      'aws_opensearch_domain',
      'aws_elasticsearch_domain',
      'azurerm_storage_account min_tls_version',
      'azurerm_*_web_app, azurerm_*_function_app and slots site_config.minimum_tls_version and ' +
        'scm_minimum_tls_version; legacy azurerm_app_service site_config.min_tls_version',
      'azurerm_mssql_server, azurerm_mssql_managed_instance, azurerm_redis_cache, ' +
        'azurerm_eventhub_namespace, azurerm_servicebus_namespace minimum_tls_version; ' +
        'azurerm_cosmosdb_account minimal_tls_version',
      'azurerm_postgresql_server, azurerm_mysql_server, azurerm_mariadb_server ' + 'ssl_minimal_tls_version_enforced',
      'aws_db_parameter_group, aws_rds_cluster_parameter_group, ' +
        'azurerm_mysql_flexible_server_configuration, azurerm_postgresql_flexible_server_configuration ' +
        '(tls_version, ssl_min_protocol_version)',
      'azurerm_application_gateway ssl_policy',
      'azurerm_cdn_frontdoor_custom_domain, azurerm_cdn_endpoint_custom_domain',
      'azurerm_api_management security protocol switches',
      'google_compute_ssl_policy (default TLS_1_0), google_compute_target_https_proxy, ' +
        'google_compute_region_target_https_proxy, google_compute_target_ssl_proxy without ssl_policy',
      'ovh_iploadbalancing ssl_configuration',
      'openstack_lb_listener_v2 tls_versions',
      'scaleway_lb ssl_compatibility_level and the Service annotation ' +
        'service.beta.kubernetes.io/scw-loadbalancer-ssl-compatibility-level',
      'ingress-nginx ConfigMap',
      'Traefik TLSOption',
      'Istio Gateway',
    ],
    limits:
      'A policy name the TLS table does not know, and a value taken from a variable without default or ' +
      'from another resource, are not reported. Clients and back ends that negotiate TLS themselves ' +
      '(origins, sidecars, applications) are outside the configuration checked here.',
    messages: {
      ...FLAG_MESSAGES,
      'named-policy': '{{resource}} allows {{oldest}}: {{label}} {{policy}} accepts protocols below TLS 1.2',
      'listener-default':
        '{{resource}} allows {{oldest}}: no ssl_policy is set, so the {{protocol}} listener uses the default ' + 'policy {{policy}}',
      'policy-attribute': '{{resource}} enables {{weakness}}: policy_attribute {{attribute}} is true',
      'cloudfront-default-certificate':
        '{{resource}} allows TLS {{version}}: with the default *.cloudfront.net certificate CloudFront ' +
        'ignores minimum_protocol_version and accepts {{protocol}}',
      'cloudfront-no-minimum':
        '{{resource}} allows {{oldest}}: viewer_certificate sets no minimum_protocol_version, so CloudFront ' + 'uses {{protocol}}',
      'default-policy': '{{resource}} allows {{oldest}}: {{label}} is not set and defaults to {{policy}}.',
      'setting-value': '{{resource}} allows {{oldest}}: {{label}} is {{value}}.',
      'google-default':
        '{{resource}} allows {{oldest}}: no ssl_policy is set, so Google applies its default policy ' + '({{policy}} with {{oldest}}).',
      'object-version': '{{object}} allows {{oldest}}: {{label}} is {{value}}',
      'object-protocols': '{{object}} allows {{protocols}}: {{key}} is "{{value}}"',
    },
    // Its flag rows (weakProtocolFlags) never report a missing block, so a flag's fix is always set-attribute.
    fixes: { ...SET_ATTRIBUTE, ...SET_TO, ...SET_IT },
    examples: {
      good: [
        { language: 'terraform', title: 'An HTTPS listener with a TLS 1.2+ policy', code: GOOD_LISTENER },
        { language: 'yaml', title: 'ingress-nginx accepting TLS 1.2 and 1.3 only', code: GOOD_NGINX },
      ],
      bad: [
        {
          language: 'terraform',
          title: 'An HTTPS listener without ssl_policy gets ELBSecurityPolicy-2016-08 (TLS 1.0)',
          code: BAD_LISTENER,
        },
        { language: 'terraform', title: 'CloudFront accepting TLS 1.0', code: BAD_CLOUDFRONT },
        { language: 'yaml', title: 'Traefik default TLS options accepting TLS 1.0', code: BAD_TRAEFIK },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      checkListeners(ctx, mod);
      checkClassicPolicies(ctx, mod);
      checkCloudfront(ctx, mod);
      checkSimplePolicies(ctx, mod);
      checkTlsSettings(ctx, mod);
    }
    checkKubernetesTls(ctx);
  },
});
