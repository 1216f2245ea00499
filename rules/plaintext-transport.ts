/** plaintext-transport: flows carrying data are encrypted; nothing serves or accepts them in clear. */
import { defineRule, type RuleContext, type RuleFix } from '../server/src/lint/rule';
import { type Value, asString, isTrue } from '../server/src/engine/value';
import { type Block, type Expr, blocks } from '../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../server/src/terraform/model';
import { FLAG_MESSAGES, type FlagSpec, checkFlags } from './support/flags';
import { SET_ATTRIBUTE, SET_IT, SET_TO } from './support/fix-titles';
import DATA from './data/plaintext-transport.json';
import { checkKubernetesTransport } from './support/k8s-transport';

const FLAGS: readonly FlagSpec[] = DATA.flags;

function replaceString(r: TfResource, value: Value, to: string): RuleFix<'set-it'>[] {
  if (value.origin !== 'literal' || r.file.text[value.range.start] !== '"') return [];
  return [
    {
      fixId: 'set-it',
      data: { value: `"${to}"` },
      safety: 'unsafe',
      preferred: true,
      edits: [{ range: value.range, newText: JSON.stringify(to) }],
    },
  ];
}

/** The application load balancer a listener belongs to, when its load_balancer_arn names one in this module. */
function applicationLb(mod: TerraformModule, r: TfResource): TfResource | undefined {
  const arn = mod.attr(r.block, 'load_balancer_arn');
  const lb = arn
    ? mod.referencedResources(arn.attr.expr).find((t) => t.mode === 'resource' && DATA.elbListeners.loadBalancers.includes(t.type))
    : undefined;
  if (!lb) return undefined;
  const type = mod.attr(lb.block, 'load_balancer_type');
  if (!type || type.value.kind === 'null') return lb;
  return asString(type.value) === 'application' ? lb : undefined;
}

/** A redirect that does not go to HTTPS: its protocol, or `#{protocol}` (the listener's own) when left out; undefined when it goes to HTTPS or is not known. */
function plainRedirect(mod: TerraformModule, action: Block): { block: Block; value: Value | undefined } | undefined {
  const redirect = blocks(action.body, 'redirect')[0];
  if (!redirect) return undefined;
  const v = mod.attr(redirect, 'protocol');
  if (!v || v.value.kind === 'null') return { block: redirect, value: undefined };
  const p = asString(v.value);
  return p === undefined || p.toUpperCase() === 'HTTPS' ? undefined : { block: redirect, value: v.value };
}

/** HTTP listeners of ALB whose default action serves content, or redirects to HTTP, instead of redirecting to HTTPS. */
function checkElbListeners(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = DATA.elbListeners;
  for (const r of mod.resourcesOfAny(cfg.resources)) {
    const protocol = mod.attr(r.block, 'protocol');
    // With no protocol, a listener of an application load balancer is HTTP (the provider's default).
    const lb = !protocol || protocol.value.kind === 'null' ? applicationLb(mod, r) : undefined;
    if (lb && mod.attr(r.block, 'certificate_arn')) continue;
    const p = lb ? 'HTTP' : asString(protocol?.value)?.toUpperCase();
    if (!p || !cfg.plaintextProtocols.includes(p)) continue;
    const actions = blocks(r.block.body, 'default_action');
    if (!actions.length || r.block.body.blocks.some((b) => b.type === 'dynamic')) continue;
    const types = actions.map((a) => asString(mod.attr(a, 'type')?.value));
    if (types.some((t) => t === undefined)) continue;
    // One action ends the chain (forward, redirect or fixed-response); several mean the expansion is not known.
    const terminal = actions.filter((_a, i) => cfg.terminalActions.includes(types[i]!));
    if (terminal.length !== 1) continue;
    const last = asString(mod.attr(terminal[0]!, 'type')?.value);
    if (last === 'fixed-response') continue;
    if (last === 'redirect') {
      const toHttp = plainRedirect(mod, terminal[0]!);
      if (!toHttp) continue;
      const target = toHttp.value ? (asString(toHttp.value) ?? p) : '#{protocol}';
      ctx.report({
        file: r.file,
        range: toHttp.value ? toHttp.value.range : toHttp.block.headerRange,
        ...(target === '#{protocol}'
          ? { messageId: 'redirects-to-protocol' as const, data: { resource: r.address, protocol: String(p) } }
          : { messageId: 'redirects-to' as const, data: { resource: r.address, protocol: String(p), target } }),
      });
      continue;
    }
    ctx.report({
      file: r.file,
      range: lb || !protocol ? r.block.headerRange : protocol.value.range,
      ...(lb
        ? { messageId: 'alb-default-http' as const, data: { resource: r.address, balancer: lb.address, actions: types.join(', ') } }
        : { messageId: 'default-action' as const, data: { resource: r.address, protocol: String(p), actions: types.join(', ') } }),
    });
  }
  for (const r of mod.resourcesOfAny(DATA.classicElb.resources)) {
    for (const l of blocks(r.block.body, 'listener')) {
      const v = mod.attr(l, 'lb_protocol');
      const p = asString(v?.value)?.toLowerCase();
      if (v && p && DATA.classicElb.plaintextProtocols.includes(p))
        ctx.report({
          file: r.file,
          range: v.value.range,
          messageId: 'classic-listener',
          data: { resource: r.address, protocol: p.toUpperCase() },
        });
    }
  }
}

function checkCloudfront(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = DATA.cloudfront;
  for (const r of mod.resourcesOfAny(cfg.resources)) {
    for (const b of [...blocks(r.block.body, 'default_cache_behavior'), ...blocks(r.block.body, 'ordered_cache_behavior')]) {
      const v = mod.attr(b, 'viewer_protocol_policy');
      const s = asString(v?.value);
      if (v && s && cfg.viewerPlaintext.includes(s)) {
        ctx.report({
          file: r.file,
          range: v.value.range,
          messageId: 'viewer-http',
          data: { resource: r.address, block: b.type, value: String(s) },
          fixes: replaceString(r, v.value, cfg.viewerRecommended),
        });
      }
    }
    for (const o of blocks(r.block.body, 'origin')) {
      for (const c of blocks(o.body, 'custom_origin_config')) {
        const v = mod.attr(c, 'origin_protocol_policy');
        const s = asString(v?.value);
        if (v && s && cfg.originPlaintext.includes(s)) {
          ctx.report({
            file: r.file,
            range: v.value.range,
            messageId: 'origin-http',
            data: { resource: r.address, value: String(s) },
            fixes: replaceString(r, v.value, cfg.originRecommended),
          });
        }
      }
    }
  }
}

/** Server parameters that turn TLS enforcement off (rds.force_ssl, require_secure_transport). */
function checkServerParameters(ctx: RuleContext, mod: TerraformModule): void {
  const cfg = DATA.serverParameters;
  const bad: Readonly<Record<string, readonly string[]>> = cfg.plaintextValues;
  for (const r of mod.resourcesOfAny(cfg.resources)) {
    const pairs = [...blocks(r.block.body, 'parameter'), r.block].map((b) => ({
      name: asString(mod.attr(b, 'name')?.value),
      value: mod.attr(b, 'value')?.value,
    }));
    for (const { name, value } of pairs) {
      const s = asString(value)?.toLowerCase();
      if (!name || !value || s === undefined || !bad[name]?.includes(s)) continue;
      ctx.report({
        file: r.file,
        range: value.range,
        messageId: 'clients-without-tls',
        data: { resource: r.address, attribute: String(name), value: String(asString(value)) },
      });
    }
  }
}

function checkCloudSql(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOf('google_sql_database_instance')) {
    for (const s of blocks(r.block.body, 'settings')) {
      for (const ip of blocks(s.body, 'ip_configuration')) {
        const mode = mod.attr(ip, 'ssl_mode');
        const m = asString(mode?.value);
        if (mode && m && DATA.cloudSqlPlaintextModes.includes(m)) {
          ctx.report({
            file: r.file,
            range: mode.value.range,
            messageId: 'ssl-mode',
            data: { resource: r.address, value: String(m) },
            fixes: replaceString(r, mode.value, 'ENCRYPTED_ONLY'),
          });
        }
        const req = mod.attr(ip, 'require_ssl');
        if (!mode && req && req.value.kind === 'bool' && !req.value.value) {
          ctx.report({ file: r.file, range: req.value.range, messageId: 'require-ssl-off', data: { resource: r.address } });
        }
      }
    }
  }
}

/** Azure Application Gateway HTTP listeners whose routing rules forward to back ends instead of redirecting to HTTPS. */
function checkAppGateways(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOf('azurerm_application_gateway')) {
    if (r.block.body.blocks.some((b) => b.type === 'dynamic')) continue;
    const named = (type: string): Map<string, Block> => {
      const m = new Map<string, Block>();
      for (const b of blocks(r.block.body, type)) {
        const n = asString(mod.attr(b, 'name')?.value);
        if (n !== undefined) m.set(n, b);
      }
      return m;
    };
    const listeners = named('http_listener');
    const redirects = named('redirect_configuration');
    const https = (listener: string | undefined): boolean => {
      const l = listener === undefined ? undefined : listeners.get(listener);
      return asString(l ? mod.attr(l, 'protocol')?.value : undefined)?.toLowerCase() === 'https';
    };
    for (const [name, listener] of listeners) {
      const protocol = mod.attr(listener, 'protocol');
      if (!protocol || asString(protocol.value)?.toLowerCase() !== 'http') continue;
      const rules = blocks(r.block.body, 'request_routing_rule').filter(
        (rule) => asString(mod.attr(rule, 'http_listener_name')?.value) === name,
      );
      const forwards = rules.filter((rule) => {
        const redirect = asString(mod.attr(rule, 'redirect_configuration_name')?.value);
        if (redirect === undefined) return !!(mod.attr(rule, 'backend_address_pool_name') ?? mod.attr(rule, 'url_path_map_name'));
        const rc = redirects.get(redirect);
        const target = rc ? asString(mod.attr(rc, 'target_listener_name')?.value) : undefined;
        const url = rc ? asString(mod.attr(rc, 'target_url')?.value) : undefined;
        return (
          !!rc && !https(target) && !(url?.toLowerCase().startsWith('https://') ?? false) && (target !== undefined || url !== undefined)
        );
      });
      if (!forwards.length) continue;
      ctx.report({
        file: r.file,
        range: protocol.value.range,
        messageId: 'listener-routed',
        data: { resource: r.address, listener: String(name) },
      });
    }
  }
}

/** The expression Terraform uses: the branch a known condition takes, through locals; the expression itself when that is not known. */
function chosenExpr(mod: TerraformModule, block: Block, e: Expr, depth: number): Expr {
  if (depth > 8) return e;
  if (e.kind === 'paren') return chosenExpr(mod, block, e.inner, depth + 1);
  if (e.kind === 'conditional') {
    const c = mod.evaluateIn(block, e.cond);
    const taken =
      c.kind === 'bool' ? c.value : c.kind === 'string' && (c.value === 'true' || c.value === 'false') ? c.value === 'true' : undefined;
    return taken === undefined ? e : chosenExpr(mod, block, taken ? e.then : e.else, depth + 1);
  }
  const step = e.kind === 'traversal' && e.root === 'local' ? e.steps[0] : undefined;
  const local = step?.kind === 'attr' && e.kind === 'traversal' && e.steps.length === 1 ? mod.locals.get(step.name) : undefined;
  return local ? chosenExpr(mod, block, local.node.expr, depth + 1) : e;
}

/** GCP HTTP proxies whose URL map does not redirect every request to HTTPS. */
function checkGcpHttpProxies(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOfAny(DATA.gcpHttpProxies)) {
    const urlMap = mod.attr(r.block, 'url_map');
    const map = urlMap
      ? mod
          .referencedResources(chosenExpr(mod, r.block, urlMap.attr.expr, 0))
          .find((t) => t.mode === 'resource' && t.type.endsWith('url_map'))
      : undefined;
    if (!urlMap || !map) continue;
    const redirect = blocks(map.block.body, 'default_url_redirect')[0];
    const https = redirect ? mod.attr(redirect, 'https_redirect')?.value : undefined;
    if (redirect && (!https || isTrue(https) || https.kind === 'unknown')) continue;
    ctx.report({ file: r.file, range: r.block.headerRange, messageId: 'url-map', data: { resource: r.address, map: map.address } });
  }
}

const GOOD = `resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
`;

const BAD = `resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
`;

const BAD_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: web.example.fr
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`;

const GOOD_INGRESS = BAD_INGRESS.replace('spec:\n', 'spec:\n  tls:\n    - hosts: [web.example.fr]\n      secretName: web-tls\n');

export default defineRule({
  meta: {
    id: 'plaintext-transport',
    title: 'Carry data over encrypted connections only',
    description:
      'Reports what serves or accepts data in clear: ALB HTTP listeners (a listener with no protocol on an ' +
      'application load balancer is one) that forward, or redirect to HTTP, instead of redirecting to ' +
      'HTTPS, classic ELB HTTP listeners, CloudFront behaviours that allow HTTP and origins fetched over ' +
      'HTTP, GCP HTTP proxies whose URL map does not redirect, Azure storage accounts and App Service or ' +
      'Function apps and their slots that accept HTTP, database servers whose TLS enforcement is off ' +
      '(Azure SSL enforcement, rds.force_ssl, require_secure_transport, Cloud SQL ssl_mode), Azure Redis ' +
      'non-TLS ports, ElastiCache without in-transit encryption, Kubernetes Ingresses without tls and ' +
      'ingress-nginx with its HTTPS redirect turned off.',
    rationale:
      'SecNumCloud 10.2 requires the flows that carry tenant data to be encrypted and authenticated, and ' +
      '9.6.e requires the same of administration flows that cross public networks. A listener, a database ' +
      'or a cache that accepts plain connections lets anyone on the path read and alter the data, ' +
      'credentials and session cookies included.',
    remediation:
      'Redirect HTTP to HTTPS (a redirect default action, redirect-to-https, https_only = true, a URL map ' +
      'with https_redirect), enforce TLS on database servers and caches (ssl_enforcement_enabled = true, ' +
      'rds.force_ssl = 1, ssl_mode = "ENCRYPTED_ONLY", transit_encryption_enabled = true, no non-TLS Redis ' +
      'port), and give every Ingress a tls section.',
    severity: 'error',
    requirements: ['10.2', '9.6.e'],
    fixable: true,
    covers: [
      'aws_lb_listener, aws_alb_listener (HTTP without redirect)',
      'aws_elb listeners (HTTP)',
      'aws_cloudfront_distribution viewer_protocol_policy and origin_protocol_policy',
      'google_compute_target_http_proxy, google_compute_region_target_http_proxy',
      'azurerm_application_gateway HTTP listeners routed to back ends',
      'azurerm_storage_account (https_traffic_only_enabled, enable_https_traffic_only)',
      'azurerm_*_web_app, azurerm_*_function_app, azurerm_app_service and their slots (https_only)',
      'azurerm_postgresql_server, azurerm_mysql_server, azurerm_mariadb_server (ssl_enforcement_enabled)',
      'aws_db_parameter_group, aws_rds_cluster_parameter_group, azurerm_*_flexible_server_configuration ' +
        '(rds.force_ssl, require_secure_transport)',
      'google_sql_database_instance (ssl_mode, require_ssl)',
      'azurerm_redis_cache non-TLS port',
      'aws_elasticache_replication_group, aws_elasticache_serverless_cache (transit_encryption_enabled)',
      'Kubernetes Ingress (tls, nginx.ingress.kubernetes.io/ssl-redirect)',
      'ingress-nginx ConfigMap ssl-redirect',
    ],
    limits:
      'TLS terminated outside the configuration (a load balancer annotation naming a certificate, a ' +
      'service mesh) is trusted, not verified. A Cloud SQL instance that leaves ssl_mode out accepts ' +
      'unencrypted connections by default but is not reported, since connectors and the Auth Proxy encrypt ' +
      'on their own. Listener rules that forward some paths of an HTTP listener are not examined. Flows ' +
      'inside applications are outside what configuration shows.',
    messages: {
      ...FLAG_MESSAGES,
      'redirects-to-protocol':
        "{{resource}} serves {{protocol}} in clear: its default action redirects to #{protocol}, the listener's own {{protocol}}, rather than to HTTPS.",
      'redirects-to': '{{resource}} serves {{protocol}} in clear: its default action redirects to {{target}} rather than ' + 'to HTTPS.',
      'alb-default-http':
        '{{resource}} serves HTTP in clear: it sets no protocol, so it listens in HTTP on application load ' +
        'balancer {{balancer}}, and its default action is {{actions}} rather than a redirect to HTTPS.',
      'default-action':
        '{{resource}} serves {{protocol}} in clear: its default action is {{actions}} rather than a redirect ' + 'to HTTPS.',
      'classic-listener':
        '{{resource}} has a listener that serves {{protocol}} in clear; a classic load balancer cannot ' + 'redirect it to HTTPS.',
      'viewer-http': '{{resource}} lets viewers use HTTP: {{block}}.viewer_protocol_policy is {{value}}.',
      'origin-http': '{{resource}} fetches from its origin over HTTP: origin_protocol_policy is {{value}}.',
      'clients-without-tls': '{{resource}} lets clients connect without TLS: {{attribute}} is {{value}}.',
      'ssl-mode': '{{resource}} accepts connections without TLS: ssl_mode is {{value}}.',
      'require-ssl-off': '{{resource}} accepts connections without TLS: require_ssl is false.',
      'listener-routed':
        '{{resource}} serves HTTP in clear: listener {{listener}} is routed to back ends rather than ' + 'redirected to HTTPS.',
      'url-map': '{{resource}} serves HTTP in clear: its URL map {{map}} does not redirect requests to HTTPS.',
      'ingress-redirect-off': '{{object}} serves its hosts over HTTP too: {{annotation}} is "false".',
      'ingress-no-tls': '{{object}} has no tls section: its hosts are served over plain HTTP.',
      'nginx-redirect-off': '{{object}} turns ingress-nginx\'s redirect to HTTPS off: {{key}} is "false".',
    },
    // No row of its flag table sits in a nested block, so a flag's fix is always set-attribute.
    fixes: { ...SET_ATTRIBUTE, ...SET_IT, ...SET_TO },
    examples: {
      good: [
        { language: 'terraform', title: 'An HTTP listener that redirects to HTTPS', code: GOOD },
        { language: 'yaml', title: 'An Ingress with TLS', code: GOOD_INGRESS },
      ],
      bad: [
        { language: 'terraform', title: 'An HTTP listener that forwards in clear', code: BAD },
        { language: 'yaml', title: 'An Ingress without TLS', code: BAD_INGRESS },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      checkFlags(ctx, mod, FLAGS);
      checkElbListeners(ctx, mod);
      checkCloudfront(ctx, mod);
      checkServerParameters(ctx, mod);
      checkCloudSql(ctx, mod);
      checkGcpHttpProxies(ctx, mod);
      checkAppGateways(ctx, mod);
    }
    checkKubernetesTransport(ctx);
  },
});
