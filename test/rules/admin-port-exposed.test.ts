import rule from '../../rules/admin-port-exposed';
import { testRule } from '../harness/rule-tester';

const sg = (ingress: string): string => `resource "aws_security_group" "web" {\n  name = "web"\n\n  ingress {\n${ingress}  }\n}\n`;

testRule(rule, {
  valid: [
    { name: 'AKS with a dynamic access profile fed by a variable without default', code: 'variable "ranges" {}\n\nresource "azurerm_kubernetes_cluster" "k" {\n  dynamic "api_server_access_profile" {\n    for_each = var.ranges != null ? ["on"] : []\n    content {\n      authorized_ip_ranges = var.ranges\n    }\n  }\n}\n' },
    { name: 'SSH from a private range', code: sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n') },
    { name: 'HTTPS from anywhere', code: sg('    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n') },
    { name: 'DNS over UDP from anywhere', code: sg('    from_port   = 53\n    to_port     = 53\n    protocol    = "udp"\n    cidr_blocks = ["0.0.0.0/0"]\n') },
    { name: 'CIDR from a variable without default', code: 'variable "cidrs" {}\n\n' + sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = var.cidrs\n') },
    { name: 'NACL opening ephemeral ports', code: 'resource "aws_network_acl_rule" "ephemeral" {\n  rule_number = 100\n  egress      = false\n  protocol    = "tcp"\n  rule_action = "allow"\n  cidr_block  = "0.0.0.0/0"\n  from_port   = 1024\n  to_port     = 65535\n}\n' },
    { name: 'Azure NSG rule on 443 from Internet', code: 'resource "azurerm_network_security_rule" "https" {\n  direction                  = "Inbound"\n  access                     = "Allow"\n  protocol                   = "Tcp"\n  source_address_prefix      = "Internet"\n  destination_port_range     = "443"\n}\n' },
    { name: 'GKE private endpoint', code: 'resource "google_container_cluster" "g" {\n  private_cluster_config {\n    enable_private_endpoint = true\n  }\n}\n' },
    { name: 'EKS private only', code: 'resource "aws_eks_cluster" "c" {\n  vpc_config {\n    endpoint_public_access = false\n  }\n}\n' },
    { name: 'AKS with authorised ranges', code: 'resource "azurerm_kubernetes_cluster" "k" {\n  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }\n}\n' },
    { name: 'OVH cluster with IP restrictions', code: 'resource "ovh_cloud_project_kube" "k" {\n  name = "k"\n}\n\nresource "ovh_cloud_project_kube_iprestrictions" "r" {\n  kube_id = ovh_cloud_project_kube.k.id\n  ips     = ["203.0.113.0/24"]\n}\n' },
    { name: 'Scaleway group dropping by default', code: 'resource "scaleway_instance_security_group" "s" {\n  inbound_default_policy = "drop"\n\n  inbound_rule {\n    action   = "accept"\n    port     = 443\n    ip_range = "0.0.0.0/0"\n  }\n}\n' },
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
        { text: '"0.0.0.0/0"', line: 13, message: 'opens PostgreSQL (5432), VNC (5900), WinRM (5985), WinRM over HTTPS (5986) to the whole internet' },
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
        { text: 'resource "scaleway_instance_security_group" "s"', line: 1, message: 'accepts inbound traffic on every port from anywhere by default' },
        { text: 'inbound_rule', line: 4, message: 'opens SSH (22) to any address' },
      ],
      output: 'resource "scaleway_instance_security_group" "s" {\n  inbound_default_policy = "drop"\n\n  name = "s"\n\n  inbound_rule {\n    action = "accept"\n    port   = 22\n  }\n}\n',
    },
    {
      name: 'EKS public endpoint with default CIDRs, GKE authorised network 0.0.0.0/0',
      code: 'resource "aws_eks_cluster" "c" {\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n  }\n}\n\nresource "google_container_cluster" "g" {\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = "0.0.0.0/0"\n    }\n  }\n}\n',
      errors: [
        { text: 'vpc_config', line: 2, message: 'aws_eks_cluster.c exposes its Kubernetes API to the whole internet: the public endpoint is on and public_access_cidrs defaults to 0.0.0.0/0' },
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
  ],
});
