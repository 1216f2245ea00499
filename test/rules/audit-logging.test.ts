import rule from '../../rules/audit-logging';
import { testRule } from '../harness/rule-tester';

const trail = (body: string): string =>
  `resource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "logs"\n${body}}\n`;
const goodTrail = '  is_multi_region_trail      = true\n  enable_log_file_validation = true\n';

testRule(rule, {
  valid: [
    { name: 'complete trail', code: trail(goodTrail) },
    {
      name: 'flags from variables without default',
      code: `variable "multi" {}\n\n${trail('  is_multi_region_trail      = var.multi\n  enable_log_file_validation = var.multi\n')}`,
    },
    {
      name: 'EKS with audit logs',
      code: 'resource "aws_eks_cluster" "c" {\n  name                      = "c"\n  enabled_cluster_log_types = ["api", "audit"]\n}\n',
    },
    {
      name: 'EKS log types from a variable',
      code: 'variable "types" {}\n\nresource "aws_eks_cluster" "c" {\n  enabled_cluster_log_types = var.types\n}\n',
    },
    {
      name: 'VPC with a flow log',
      code: 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_flow_log" "f" {\n  vpc_id          = aws_vpc.v.id\n  traffic_type    = "ALL"\n  log_destination = "arn:aws:s3:::flow"\n}\n',
    },
    {
      name: 'VPC next to a flow log on a VPC id from a variable',
      code: 'variable "vpc" {}\n\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_flow_log" "f" {\n  vpc_id = var.vpc\n}\n',
    },
    {
      name: 'SQL server with a separate auditing policy',
      code: 'resource "azurerm_mssql_server" "s" {\n  name = "s"\n}\n\nresource "azurerm_mssql_server_extended_auditing_policy" "a" {\n  server_id = azurerm_mssql_server.s.id\n}\n',
    },
    {
      name: 'AKS diagnostic setting with kube-audit',
      code: 'resource "azurerm_kubernetes_cluster" "k" {\n  name = "k"\n}\n\nresource "azurerm_monitor_diagnostic_setting" "d" {\n  target_resource_id = azurerm_kubernetes_cluster.k.id\n\n  enabled_log {\n    category = "kube-audit-admin"\n  }\n}\n',
    },
    {
      name: 'GKE with default logging',
      code: 'resource "google_container_cluster" "g" {\n  name            = "g"\n  logging_service = "logging.googleapis.com/kubernetes"\n}\n',
    },
  ],
  invalid: [
    {
      name: 'trail turned off',
      code: trail(`${goodTrail}  enable_logging             = false\n`),
      errors: [{ text: 'false', line: 6, message: 'aws_cloudtrail.main turns logging off: enable_logging is false' }],
      output: trail(`${goodTrail}  enable_logging             = true\n`),
    },
    {
      name: 'single-region trail without validation',
      code: trail(''),
      errors: [
        {
          text: 'resource "aws_cloudtrail" "main"',
          line: 1,
          message:
            'aws_cloudtrail.main has no recording in every region and no log file validation: is_multi_region_trail and enable_log_file_validation are not set and default to false',
        },
      ],
      output:
        'resource "aws_cloudtrail" "main" {\n  is_multi_region_trail      = true\n  enable_log_file_validation = true\n\n  name           = "main"\n  s3_bucket_name = "logs"\n}\n',
    },
    {
      name: 'EKS without log types',
      code: 'resource "aws_eks_cluster" "c" {\n  name     = "c"\n  role_arn = "arn"\n}\n',
      errors: [{ text: 'resource "aws_eks_cluster" "c"', line: 1, message: 'aws_eks_cluster.c has no control-plane audit logs' }],
      output:
        'resource "aws_eks_cluster" "c" {\n  enabled_cluster_log_types = ["api", "audit", "authenticator"]\n\n  name     = "c"\n  role_arn = "arn"\n}\n',
    },
    {
      name: 'EKS log types without audit',
      code: 'resource "aws_eks_cluster" "c" {\n  enabled_cluster_log_types = ["api"]\n}\n',
      errors: [{ text: '["api"]', line: 2, message: 'lacks "audit"' }],
      output: 'resource "aws_eks_cluster" "c" {\n  enabled_cluster_log_types = ["api", "audit"]\n}\n',
    },
    {
      name: 'GKE logging off',
      code: 'resource "google_container_cluster" "g" {\n  name            = "g"\n  logging_service = "none"\n}\n',
      errors: [{ text: '"none"', line: 3, message: 'turns control-plane logging off' }],
      output:
        'resource "google_container_cluster" "g" {\n  name            = "g"\n  logging_service = "logging.googleapis.com/kubernetes"\n}\n',
    },
    {
      name: 'VPC without flow log',
      code: 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      errors: [{ text: 'resource "aws_vpc" "v"', line: 1, message: 'aws_vpc.v has no flow log' }],
      output: null,
    },
    {
      name: 'Azure flow log off and activity log profile missing categories',
      code: 'resource "azurerm_network_watcher_flow_log" "f" {\n  enabled = false\n}\n\nresource "azurerm_monitor_log_profile" "p" {\n  categories = ["Write"]\n}\n',
      errors: [
        { text: 'false', line: 2, message: 'turns flow logs off' },
        { text: '["Write"]', line: 6, message: 'lacks "Action", "Delete"' },
      ],
      output:
        'resource "azurerm_network_watcher_flow_log" "f" {\n  enabled = true\n}\n\nresource "azurerm_monitor_log_profile" "p" {\n  categories = ["Write", "Action", "Delete"]\n}\n',
    },
    {
      name: 'SQL server without auditing and auditing policy turned off',
      code: 'resource "azurerm_mssql_server" "s" {\n  name = "s"\n}\n\nresource "azurerm_sql_server" "old" {\n  name = "old"\n\n  extended_auditing_policy {\n    retention_in_days = 0\n  }\n}\n\nresource "azurerm_mssql_server_extended_auditing_policy" "a" {\n  server_id = azurerm_sql_server.old.id\n  enabled   = false\n}\n',
      errors: [
        { text: 'resource "azurerm_mssql_server" "s"', line: 1, message: 'azurerm_mssql_server.s has no auditing' },
        { text: 'false', line: 15, message: 'turns auditing off' },
      ],
      output:
        'resource "azurerm_mssql_server" "s" {\n  name = "s"\n}\n\nresource "azurerm_sql_server" "old" {\n  name = "old"\n\n  extended_auditing_policy {\n    retention_in_days = 0\n  }\n}\n\nresource "azurerm_mssql_server_extended_auditing_policy" "a" {\n  server_id = azurerm_sql_server.old.id\n  enabled   = true\n}\n',
    },
    {
      name: 'AKS diagnostic setting without audit categories',
      code: 'resource "azurerm_kubernetes_cluster" "k" {\n  name = "k"\n}\n\nresource "azurerm_monitor_diagnostic_setting" "d" {\n  target_resource_id = azurerm_kubernetes_cluster.k.id\n\n  enabled_log {\n    category = "kube-apiserver"\n  }\n}\n',
      errors: [
        {
          text: 'resource "azurerm_monitor_diagnostic_setting" "d"',
          line: 5,
          message: 'sends no control-plane audit log of azurerm_kubernetes_cluster.k',
        },
      ],
      output: null,
    },
  ],
});
