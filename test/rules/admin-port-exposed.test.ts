import rule from '../../rules/admin-port-exposed';
import { testRule } from '../harness/rule-tester';

const sg = (ingress: string): string => `resource "aws_security_group" "web" {\n  name = "web"\n\n  ingress {\n${ingress}  }\n}\n`;

testRule(rule, {
  valid: [
    {
      name: 'AKS with a dynamic access profile fed by a variable without default',
      code: 'variable "ranges" {}\n\nresource "azurerm_kubernetes_cluster" "k" {\n  dynamic "api_server_access_profile" {\n    for_each = var.ranges != null ? ["on"] : []\n    content {\n      authorized_ip_ranges = var.ranges\n    }\n  }\n}\n',
    },
    {
      name: 'SSH from a private range',
      code: sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n'),
    },
    {
      name: 'HTTPS from anywhere',
      code: sg('    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n'),
    },
    {
      name: 'DNS over UDP from anywhere',
      code: sg('    from_port   = 53\n    to_port     = 53\n    protocol    = "udp"\n    cidr_blocks = ["0.0.0.0/0"]\n'),
    },
    {
      name: 'CIDR from a variable without default',
      code: `variable "cidrs" {}\n\n${sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = var.cidrs\n')}`,
    },
    {
      name: 'NACL opening ephemeral ports',
      code: 'resource "aws_network_acl_rule" "ephemeral" {\n  rule_number = 100\n  egress      = false\n  protocol    = "tcp"\n  rule_action = "allow"\n  cidr_block  = "0.0.0.0/0"\n  from_port   = 1024\n  to_port     = 65535\n}\n',
    },
    {
      name: 'Azure NSG rule on 443 from Internet',
      code: 'resource "azurerm_network_security_rule" "https" {\n  direction                  = "Inbound"\n  access                     = "Allow"\n  protocol                   = "Tcp"\n  source_address_prefix      = "Internet"\n  destination_port_range     = "443"\n}\n',
    },
    {
      name: 'GKE private endpoint',
      code: 'resource "google_container_cluster" "g" {\n  private_cluster_config {\n    enable_private_endpoint = true\n  }\n}\n',
    },
    { name: 'EKS private only', code: 'resource "aws_eks_cluster" "c" {\n  vpc_config {\n    endpoint_public_access = false\n  }\n}\n' },
    {
      name: 'AKS with authorised ranges',
      code: 'resource "azurerm_kubernetes_cluster" "k" {\n  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }\n}\n',
    },
    {
      name: 'OVH cluster with IP restrictions',
      code: 'resource "ovh_cloud_project_kube" "k" {\n  name = "k"\n}\n\nresource "ovh_cloud_project_kube_iprestrictions" "r" {\n  kube_id = ovh_cloud_project_kube.k.id\n  ips     = ["203.0.113.0/24"]\n}\n',
    },
    {
      name: 'Scaleway group dropping by default',
      code: 'resource "scaleway_instance_security_group" "s" {\n  inbound_default_policy = "drop"\n\n  inbound_rule {\n    action   = "accept"\n    port     = 443\n    ip_range = "0.0.0.0/0"\n  }\n}\n',
    },
    {
      name: 'TCP from port 0 to port 0 is port 0, not every port',
      code: sg('    from_port   = 0\n    to_port     = 0\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n'),
    },
    {
      name: 'NACL: a lower-numbered deny on SSH from anywhere wins over the allow',
      code: 'resource "aws_network_acl" "n" {\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 90\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\n',
    },
    {
      name: 'NACL rule resources: a deny of every protocol numbered first',
      code: 'resource "aws_network_acl" "n" {}\n\nresource "aws_network_acl_rule" "deny" {\n  network_acl_id = aws_network_acl.n.id\n  rule_number    = 10\n  egress         = false\n  protocol       = "-1"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n}\n\nresource "aws_network_acl_rule" "ssh" {\n  network_acl_id = aws_network_acl.n.id\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}\n',
    },
    {
      name: 'NACL: a deny whose number comes from a variable without default may come first',
      code: 'variable "n" {}\n\nresource "aws_network_acl" "n" {\n  ingress {\n    protocol   = "tcp"\n    rule_no    = var.n\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\n',
    },
    {
      name: 'GKE private endpoint decided by a variable without default',
      code: 'variable "private" {}\n\nresource "google_container_cluster" "g" {\n  private_cluster_config {\n    enable_private_endpoint = var.private\n  }\n}\n',
    },
    {
      name: 'Hetzner firewall: SSH from an office range, HTTPS from anywhere',
      code: 'resource "hcloud_firewall" "f" {\n  name = "f"\n\n  rule {\n    direction  = "in"\n    protocol   = "tcp"\n    port       = "22"\n    source_ips = ["198.51.100.0/24"]\n  }\n\n  rule {\n    direction  = "in"\n    protocol   = "tcp"\n    port       = "443"\n    source_ips = ["0.0.0.0/0", "::/0"]\n  }\n}\n',
    },
    {
      name: 'Exoscale: HTTP from anywhere, kubelet from another security group',
      code: 'resource "exoscale_security_group_rule" "http" {\n  security_group_id = "sg"\n  type              = "INGRESS"\n  protocol          = "TCP"\n  start_port        = 80\n  end_port          = 80\n  cidr              = "0.0.0.0/0"\n}\n\nresource "exoscale_security_group_rule" "kubelet" {\n  security_group_id      = "sg"\n  type                   = "INGRESS"\n  protocol               = "TCP"\n  start_port             = 10250\n  end_port               = 10250\n  user_security_group_id = "sg"\n}\n',
    },
    {
      name: 'OVHcloud security group: SSH egress to anywhere',
      code: 'resource "ovh_cloud_security_group" "s" {\n  service_name = "p"\n  region       = "GRA11"\n  name         = "s"\n\n  rule {\n    direction        = "EGRESS"\n    protocol         = "TCP"\n    port_range_min   = 22\n    port_range_max   = 22\n    remote_ip_prefix = "0.0.0.0/0"\n  }\n}\n',
    },
    {
      name: 'Scaleway database and Redis ACLs, Outscale OKS allowlist on named ranges',
      code: 'resource "scaleway_rdb_acl" "a" {\n  instance_id = "i"\n\n  acl_rules {\n    ip = "198.51.100.7/32"\n  }\n}\n\nresource "scaleway_redis_cluster" "r" {\n  name = "r"\n\n  acl {\n    ip = "10.0.0.0/8"\n  }\n}\n\nresource "outscale_oks_cluster" "k" {\n  name            = "k"\n  admin_whitelist = ["198.51.100.0/24"]\n}\n',
    },
    {
      name: 'EKS public endpoint restricted to a range',
      code: 'resource "aws_eks_cluster" "c" {\n  vpc_config {\n    public_access_cidrs = ["198.51.100.0/24"]\n  }\n}\n',
    },
    {
      name: 'Exoscale database allowlist on one address and from a variable without default',
      code: 'variable "allowed_cidr" {}\n\nresource "exoscale_dbaas" "pg" {\n  name = "pg"\n  type = "pg"\n\n  pg = {\n    ip_filter = ["203.0.113.7/32", var.allowed_cidr]\n  }\n}\n',
    },
    {
      name: 'GKE override file: the override block carries only what it changes, the cluster it completes is private',
      filename: 'override.tf',
      code: 'resource "google_container_cluster" "primary" {\n  min_master_version = "1.30"\n}\n',
      siblings: {
        'cluster.tf':
          'resource "google_container_cluster" "primary" {\n  private_cluster_config {\n    enable_private_endpoint = true\n  }\n}\n',
      },
    },
    {
      name: 'GKE cluster whose private endpoint is set in an override file',
      filename: 'cluster.tf',
      code: 'resource "google_container_cluster" "primary" {\n  name = "p"\n}\n',
      siblings: {
        'cluster_override.tf':
          'resource "google_container_cluster" "primary" {\n  private_cluster_config {\n    enable_private_endpoint = true\n  }\n}\n',
      },
    },
    {
      name: 'Azure NSG: a deny of lower priority number from any source wins over the allow of SSH from Internet',
      code: 'resource "azurerm_network_security_group" "n" {\n  name = "n"\n\n  security_rule {\n    name                       = "deny-ssh"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Deny"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    source_address_prefix      = "*"\n    destination_port_range     = "22"\n    destination_address_prefix = "*"\n  }\n\n  security_rule {\n    name                       = "ssh"\n    priority                   = 200\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    source_address_prefix      = "Internet"\n    destination_port_range     = "22"\n    destination_address_prefix = "*"\n  }\n}\n',
    },
    {
      name: 'Exoscale DBaaS of every kind filtered to a private range',
      code: 'resource "exoscale_dbaas" "mysql" {\n  name = "mysql"\n  type = "mysql"\n\n  mysql = {\n    ip_filter = ["10.0.0.0/8"]\n  }\n}\n\nresource "exoscale_dbaas" "kafka" {\n  name = "kafka"\n  type = "kafka"\n\n  kafka = {\n    ip_filter = ["10.0.0.0/8"]\n  }\n}\n\nresource "exoscale_dbaas" "opensearch" {\n  name = "opensearch"\n  type = "opensearch"\n\n  opensearch = {\n    ip_filter = ["10.0.0.0/8"]\n  }\n}\n\nresource "exoscale_dbaas" "valkey" {\n  name = "valkey"\n  type = "valkey"\n\n  valkey = {\n    ip_filter = ["10.0.0.0/8"]\n  }\n}\n\nresource "exoscale_dbaas" "redis" {\n  name = "redis"\n  type = "redis"\n\n  redis = {\n    ip_filter = ["10.0.0.0/8"]\n  }\n}\n\nresource "exoscale_dbaas" "grafana" {\n  name = "grafana"\n  type = "grafana"\n\n  grafana = {\n    ip_filter = ["10.0.0.0/8"]\n  }\n}\n',
    },
    {
      name: 'OpenStack rule on SSH from a private range; legacy Exoscale rules on HTTPS from anywhere',
      code: 'resource "openstack_networking_secgroup_rule_v2" "ssh" {\n  direction        = "ingress"\n  protocol         = "tcp"\n  port_range_min   = 22\n  port_range_max   = 22\n  remote_ip_prefix = "10.0.0.0/8"\n}\n\nresource "exoscale_security_group_rules" "web" {\n  security_group_id = "sg"\n\n  ingress {\n    protocol  = "TCP"\n    ports     = ["443"]\n    cidr_list = ["0.0.0.0/0"]\n  }\n}\n',
    },
    {
      name: 'OVHcloud database restricted to a private range',
      code: 'resource "ovh_cloud_project_database" "db" {\n  engine = "postgresql"\n\n  ip_restrictions {\n    ip = "10.1.0.0/16"\n  }\n}\n\nresource "ovh_cloud_project_database_ip_restriction" "r" {\n  engine     = "mongodb"\n  cluster_id = "c"\n  ip         = "203.0.113.7/32"\n}\n',
    },
  ],
  invalid: [
    {
      name: 'SSH from anywhere',
      code: sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n'),
      errors: [{ text: '"0.0.0.0/0"', line: 8, message: 'aws_security_group.web opens SSH (22) to the whole internet (0.0.0.0/0)' }],
      output: null,
    },
    {
      name: 'all protocols from anywhere over IPv6',
      code: sg('    from_port        = 0\n    to_port          = 0\n    protocol         = "-1"\n    ipv6_cidr_blocks = ["::/0"]\n'),
      errors: [{ text: '"::/0"', line: 8, message: 'opens all ports' }],
      output: null,
    },
    {
      name: 'security group rule and VPC ingress rule',
      code: 'resource "aws_security_group_rule" "rdp" {\n  type        = "ingress"\n  from_port   = 3389\n  to_port     = 3389\n  protocol    = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n\nresource "aws_vpc_security_group_ingress_rule" "db" {\n  from_port   = 5000\n  to_port     = 6000\n  ip_protocol = "tcp"\n  cidr_ipv4   = "0.0.0.0/0"\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 6, message: 'RDP (3389)' },
        {
          text: '"0.0.0.0/0"',
          line: 13,
          message: 'opens PostgreSQL (5432), VNC (5900), WinRM (5985), WinRM over HTTPS (5986) to the whole internet',
        },
      ],
      output: null,
    },
    {
      name: 'Azure NSG inline rule with * ports and GCP firewall without ports',
      code: 'resource "azurerm_network_security_group" "n" {\n  security_rule {\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "*"\n    source_address_prefix      = "*"\n    destination_port_ranges    = ["22", "3389"]\n  }\n}\n\nresource "google_compute_firewall" "f" {\n  source_ranges = ["0.0.0.0/0"]\n\n  allow {\n    protocol = "tcp"\n  }\n}\n',
      errors: [
        { text: '"*"', line: 6, message: 'SSH (22), RDP (3389) to the whole internet (*)' },
        { text: '"0.0.0.0/0"', line: 12, message: 'google_compute_firewall.f opens all ports' },
      ],
      output: null,
    },
    {
      name: 'OpenStack rule, Outscale rule and an NACL on SSH',
      code: 'resource "openstack_networking_secgroup_rule_v2" "ssh" {\n  direction        = "ingress"\n  protocol         = "tcp"\n  port_range_min   = 22\n  port_range_max   = 22\n  remote_ip_prefix = "0.0.0.0/0"\n}\n\nresource "outscale_security_group_rule" "o" {\n  flow            = "Inbound"\n  from_port_range = 6443\n  to_port_range   = 6443\n  ip_protocol     = "tcp"\n  ip_range        = "0.0.0.0/0"\n}\n\nresource "aws_network_acl" "n" {\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 6, message: 'openstack_networking_secgroup_rule_v2.ssh opens SSH (22)' },
        { text: '"0.0.0.0/0"', line: 14, message: 'Kubernetes API (6443)' },
        { text: '"0.0.0.0/0"', line: 22, message: 'aws_network_acl.n opens SSH (22)' },
      ],
      output: null,
    },
    {
      name: 'Scaleway group accepting by default, with SSH from anywhere',
      code: 'resource "scaleway_instance_security_group" "s" {\n  name = "s"\n\n  inbound_rule {\n    action = "accept"\n    port   = 22\n  }\n}\n',
      errors: [
        {
          text: 'resource "scaleway_instance_security_group" "s"',
          line: 1,
          message: 'accepts inbound traffic on every port from anywhere by default',
        },
        { text: 'inbound_rule', line: 4, message: 'opens SSH (22) to any address' },
      ],
      output:
        'resource "scaleway_instance_security_group" "s" {\n  inbound_default_policy = "drop"\n\n  name = "s"\n\n  inbound_rule {\n    action = "accept"\n    port   = 22\n  }\n}\n',
    },
    {
      name: 'EKS public endpoint with default CIDRs, GKE authorised network 0.0.0.0/0',
      code: 'resource "aws_eks_cluster" "c" {\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n  }\n}\n\nresource "google_container_cluster" "g" {\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = "0.0.0.0/0"\n    }\n  }\n}\n',
      errors: [
        {
          text: 'vpc_config',
          line: 2,
          message:
            'aws_eks_cluster.c exposes its Kubernetes API to the whole internet: the public endpoint is on and public_access_cidrs defaults to 0.0.0.0/0',
        },
        { text: '"0.0.0.0/0"', line: 10, message: 'google_container_cluster.g exposes its Kubernetes API' },
      ],
      output: null,
    },
    {
      name: 'AKS public without ranges, GKE without authorised networks, Scaleway cluster without ACL',
      code: 'resource "azurerm_kubernetes_cluster" "k" {\n  name = "k"\n}\n\nresource "google_container_cluster" "g" {\n  name = "g"\n}\n\nresource "scaleway_k8s_cluster" "s" {\n  name = "s"\n}\n',
      errors: [
        { text: 'resource "azurerm_kubernetes_cluster" "k"', line: 1, message: 'not a private cluster and sets no authorized_ip_ranges' },
        { text: 'resource "google_container_cluster" "g"', line: 5, message: 'no master_authorized_networks_config' },
        { text: 'resource "scaleway_k8s_cluster" "s"', line: 9, message: 'no scaleway_k8s_acl restricts it' },
      ],
      output: null,
    },
    {
      name: 'security group rules written as an attribute list',
      code: 'resource "aws_security_group" "web" {\n  name = "web"\n\n  ingress = [\n    {\n      from_port        = 22\n      to_port          = 22\n      protocol         = "tcp"\n      cidr_blocks      = ["0.0.0.0/0"]\n      ipv6_cidr_blocks = []\n      description      = null\n      prefix_list_ids  = []\n      security_groups  = []\n      self             = false\n    },\n  ]\n}\n',
      errors: [{ text: '"0.0.0.0/0"', line: 9, message: 'aws_security_group.web opens SSH (22) to the whole internet (0.0.0.0/0)' }],
      output: null,
    },
    {
      name: 'OpenStack rule from port 0 to port 0 opens every port; NACL allow numbered before its deny',
      code: 'resource "openstack_networking_secgroup_rule_v2" "all" {\n  direction        = "ingress"\n  protocol         = "tcp"\n  port_range_min   = 0\n  port_range_max   = 0\n  remote_ip_prefix = "0.0.0.0/0"\n}\n\nresource "aws_network_acl" "n" {\n  ingress = [\n    { protocol = "tcp", rule_no = 100, action = "allow", cidr_block = "0.0.0.0/0", from_port = 22, to_port = 22 },\n    { protocol = "tcp", rule_no = 200, action = "deny", cidr_block = "0.0.0.0/0", from_port = 22, to_port = 22 },\n  ]\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 6, message: 'opens all ports (SSH, RDP, databases and the rest)' },
        { text: '"0.0.0.0/0"', line: 11, message: 'aws_network_acl.n opens SSH (22)' },
      ],
      output: null,
    },
    {
      name: 'NACL deny on SSH only: the other administration ports of the allowed range stay open',
      code: 'resource "aws_network_acl" "n" {\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 90\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 20\n    to_port    = 25\n  }\n}\n',
      errors: [{ text: '"0.0.0.0/0"', line: 15, message: 'aws_network_acl.n opens Telnet (23) to the whole internet (0.0.0.0/0)' }],
      output: null,
    },
    {
      name: 'Hetzner firewall: SSH and every TCP port from anywhere',
      code: 'resource "hcloud_firewall" "f" {\n  name = "f"\n\n  rule {\n    direction  = "in"\n    protocol   = "tcp"\n    port       = "22"\n    source_ips = ["0.0.0.0/0", "::/0"]\n  }\n\n  rule {\n    direction  = "in"\n    protocol   = "tcp"\n    port       = "any"\n    source_ips = ["::/0"]\n  }\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 8, message: 'hcloud_firewall.f opens SSH (22) to the whole internet (0.0.0.0/0)' },
        { text: '"::/0"', line: 15, message: 'hcloud_firewall.f opens all ports' },
      ],
      output: null,
    },
    {
      name: 'OVHcloud security group rule list, Exoscale rule and legacy Exoscale rules on SSH',
      code: 'resource "ovh_cloud_security_group" "s" {\n  service_name = "p"\n  region       = "GRA11"\n  name         = "s"\n\n  rule = [\n    {\n      direction        = "INGRESS"\n      ethernet_type    = "IPV4"\n      protocol         = "TCP"\n      port_range_min   = 3306\n      port_range_max   = 3306\n      remote_ip_prefix = "0.0.0.0/0"\n    },\n  ]\n}\n\nresource "exoscale_security_group_rule" "ssh" {\n  security_group_id = "sg"\n  type              = "INGRESS"\n  protocol          = "TCP"\n  start_port        = 22\n  end_port          = 22\n  cidr              = "::/0"\n}\n\nresource "exoscale_security_group_rules" "legacy" {\n  security_group_id = "sg"\n\n  ingress {\n    protocol  = "TCP"\n    ports     = ["22", "8000-8888"]\n    cidr_list = ["0.0.0.0/0"]\n  }\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 13, message: 'ovh_cloud_security_group.s opens MySQL (3306)' },
        { text: '"::/0"', line: 24, message: 'exoscale_security_group_rule.ssh opens SSH (22) to the whole internet (::/0)' },
        { text: '"0.0.0.0/0"', line: 33, message: 'exoscale_security_group_rules.legacy opens SSH (22)' },
      ],
      output: null,
    },
    {
      name: 'Azure NSG rules as an attribute list with plural prefixes and port ranges',
      code: 'resource "azurerm_network_security_group" "n" {\n  name = "n"\n\n  security_rule = [\n    {\n      name                       = "admin"\n      direction                  = "Inbound"\n      access                     = "Allow"\n      protocol                   = "Tcp"\n      priority                   = 100\n      source_address_prefixes    = ["10.0.0.0/8", "0.0.0.0/0"]\n      destination_port_ranges    = ["3389", "5985-5986"]\n      source_port_range          = "*"\n      destination_address_prefix = "*"\n    },\n  ]\n}\n',
      errors: [
        {
          text: '"0.0.0.0/0"',
          line: 11,
          message: 'opens RDP (3389), WinRM (5985), WinRM over HTTPS (5986) to the whole internet (0.0.0.0/0)',
        },
      ],
      output: null,
    },
    {
      name: 'Scaleway database ACL and Redis ACL open to anywhere; Outscale OKS allowlist 0.0.0.0/0; EKS with an empty CIDR list',
      code: 'resource "scaleway_rdb_acl" "a" {\n  instance_id = "i"\n\n  acl_rules {\n    ip = "0.0.0.0/0"\n  }\n}\n\nresource "scaleway_redis_cluster" "r" {\n  name = "r"\n\n  acl {\n    ip = "0.0.0.0/0"\n  }\n}\n\nresource "outscale_oks_cluster" "k" {\n  name            = "k"\n  admin_whitelist = ["0.0.0.0/0"]\n}\n\nresource "aws_eks_cluster" "c" {\n  vpc_config {\n    public_access_cidrs = []\n  }\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 5, message: 'scaleway_rdb_acl.a lets the whole internet (0.0.0.0/0) reach its database' },
        { text: '"0.0.0.0/0"', line: 13, message: 'scaleway_redis_cluster.r lets the whole internet (0.0.0.0/0) reach its Redis cluster' },
        { text: '"0.0.0.0/0"', line: 19, message: 'outscale_oks_cluster.k lets the whole internet (0.0.0.0/0) reach its Kubernetes API' },
        {
          text: '[]',
          line: 24,
          message:
            'aws_eks_cluster.c exposes its Kubernetes API to the whole internet: public_access_cidrs is empty, which AWS treats as 0.0.0.0/0',
        },
      ],
      output: null,
    },
    {
      name: 'Exoscale database and OVHcloud database reachable from anywhere',
      code: 'resource "exoscale_dbaas" "postgres" {\n  zone = "ch-gva-2"\n  name = "pg"\n  type = "pg"\n  plan = "startup-4"\n\n  pg = {\n    ip_filter = ["0.0.0.0/0"]\n    version   = "16"\n  }\n}\n\nresource "ovh_cloud_project_database" "db" {\n  engine = "postgresql"\n\n  ip_restrictions {\n    ip = "0.0.0.0/0"\n  }\n}\n\nresource "ovh_cloud_project_database_ip_restriction" "r" {\n  engine     = "mongodb"\n  cluster_id = "c"\n  ip         = "0.0.0.0/0"\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 8, message: 'exoscale_dbaas.postgres lets the whole internet (0.0.0.0/0) reach its database' },
        { text: '"0.0.0.0/0"', line: 17, message: 'ovh_cloud_project_database.db lets the whole internet (0.0.0.0/0) reach its database' },
        { text: '"0.0.0.0/0"', line: 24, message: 'ovh_cloud_project_database_ip_restriction.r lets the whole internet' },
      ],
      output: null,
    },
    {
      name: 'Azure NSG rule with the singular forms set to null and the plural forms in use',
      code: 'resource "azurerm_network_security_rule" "ssh" {\n  name                         = "ssh"\n  direction                    = "Inbound"\n  access                       = "Allow"\n  protocol                     = "Tcp"\n  priority                     = 100\n  source_port_range            = "*"\n  source_address_prefix        = null\n  source_address_prefixes      = ["0.0.0.0/0"]\n  destination_port_range       = null\n  destination_port_ranges      = ["22"]\n  destination_address_prefix   = "*"\n  resource_group_name          = "rg"\n  network_security_group_name  = "nsg"\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 9, message: 'azurerm_network_security_rule.ssh opens SSH (22) to the whole internet (0.0.0.0/0)' },
      ],
      output: null,
    },
    {
      name: 'Azure NSG: a deny numbered after the allow does not close SSH',
      code: 'resource "azurerm_network_security_group" "n" {\n  name = "n"\n\n  security_rule {\n    name                       = "ssh"\n    priority                   = 200\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    source_address_prefix      = "Internet"\n    destination_port_range     = "22"\n    destination_address_prefix = "*"\n  }\n\n  security_rule {\n    name                       = "deny-ssh"\n    priority                   = 300\n    direction                  = "Inbound"\n    access                     = "Deny"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    source_address_prefix      = "*"\n    destination_port_range     = "22"\n    destination_address_prefix = "*"\n  }\n}\n',
      errors: [
        { text: '"Internet"', line: 11, message: 'azurerm_network_security_group.n opens SSH (22) to the whole internet (Internet)' },
      ],
      output: null,
    },
    {
      name: 'Exoscale DBaaS of every kind open to anywhere',
      code: 'resource "exoscale_dbaas" "mysql" {\n  name = "mysql"\n  type = "mysql"\n\n  mysql = {\n    ip_filter = ["0.0.0.0/0"]\n  }\n}\n\nresource "exoscale_dbaas" "kafka" {\n  name = "kafka"\n  type = "kafka"\n\n  kafka = {\n    ip_filter = ["0.0.0.0/0"]\n  }\n}\n\nresource "exoscale_dbaas" "opensearch" {\n  name = "opensearch"\n  type = "opensearch"\n\n  opensearch = {\n    ip_filter = ["0.0.0.0/0"]\n  }\n}\n\nresource "exoscale_dbaas" "valkey" {\n  name = "valkey"\n  type = "valkey"\n\n  valkey = {\n    ip_filter = ["0.0.0.0/0"]\n  }\n}\n\nresource "exoscale_dbaas" "redis" {\n  name = "redis"\n  type = "redis"\n\n  redis = {\n    ip_filter = ["0.0.0.0/0"]\n  }\n}\n\nresource "exoscale_dbaas" "grafana" {\n  name = "grafana"\n  type = "grafana"\n\n  grafana = {\n    ip_filter = ["0.0.0.0/0"]\n  }\n}\n',
      errors: [
        { text: '"0.0.0.0/0"', line: 6, message: 'exoscale_dbaas.mysql lets the whole internet (0.0.0.0/0) reach its database' },
        { text: '"0.0.0.0/0"', line: 15, message: 'exoscale_dbaas.kafka lets the whole internet (0.0.0.0/0) reach its Kafka service' },
        {
          text: '"0.0.0.0/0"',
          line: 24,
          message: 'exoscale_dbaas.opensearch lets the whole internet (0.0.0.0/0) reach its OpenSearch service',
        },
        { text: '"0.0.0.0/0"', line: 33, message: 'exoscale_dbaas.valkey lets the whole internet (0.0.0.0/0) reach its Valkey service' },
        { text: '"0.0.0.0/0"', line: 42, message: 'exoscale_dbaas.redis lets the whole internet (0.0.0.0/0) reach its Redis service' },
        { text: '"0.0.0.0/0"', line: 51, message: 'exoscale_dbaas.grafana lets the whole internet (0.0.0.0/0) reach its Grafana service' },
      ],
      output: null,
    },
  ],
});
