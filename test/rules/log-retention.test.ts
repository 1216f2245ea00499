import rule from '../../rules/log-retention';
import { testRule } from '../harness/rule-tester';

const bucket =
  'resource "aws_s3_bucket" "logs" {\n  bucket = "my-logs"\n}\n\nresource "aws_s3_bucket_logging" "site" {\n  bucket        = aws_s3_bucket.site.id\n  target_bucket = aws_s3_bucket.logs.id\n}\n\n';

testRule(rule, {
  valid: [
    {
      name: 'a try() fallback for a setting a module input leaves out is the module default, not judged',
      code: 'variable "settings" {\n  default = {}\n}\n\nresource "azurerm_network_watcher_flow_log" "f" {\n  retention_policy {\n    enabled = try(var.settings.retention.enabled, true)\n    days    = try(var.settings.retention.days, 10)\n  }\n}\n',
    },
    { name: 'log group kept a year', code: 'resource "aws_cloudwatch_log_group" "a" {\n  retention_in_days = 365\n}\n' },
    { name: 'log group never expiring (0)', code: 'resource "aws_cloudwatch_log_group" "a" {\n  retention_in_days = 0\n}\n' },
    { name: 'log group without retention never expires', code: 'resource "aws_cloudwatch_log_group" "a" {\n  name = "a"\n}\n' },
    {
      name: 'retention from a variable without default',
      code: 'variable "days" {}\n\nresource "aws_cloudwatch_log_group" "a" {\n  retention_in_days = var.days\n}\n',
    },
    {
      name: 'log profile retention turned off keeps logs',
      code: 'resource "azurerm_monitor_log_profile" "p" {\n  retention_policy {\n    enabled = false\n    days    = 10\n  }\n}\n',
    },
    {
      name: 'GCP bucket with 400 days',
      code: 'resource "google_logging_project_bucket_config" "b" {\n  bucket_id      = "_Default"\n  retention_days = 400\n}\n',
    },
    {
      name: 'short expiration on a bucket that receives no logs',
      code: 'resource "aws_s3_bucket" "tmp" {\n  bucket = "tmp"\n}\n\nresource "aws_s3_bucket_lifecycle_configuration" "tmp" {\n  bucket = aws_s3_bucket.tmp.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    expiration {\n      days = 7\n    }\n  }\n}\n',
    },
    {
      name: 'disabled lifecycle rule on a log bucket',
      code: `${bucket}resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n\n  rule {\n    id     = "expire"\n    status = "Disabled"\n\n    expiration {\n      days = 30\n    }\n  }\n}\n`,
    },
  ],
  invalid: [
    {
      name: 'CloudWatch log group kept 30 days',
      code: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "app"\n  retention_in_days = 30\n}\n',
      errors: [
        {
          text: '30',
          line: 3,
          message: 'aws_cloudwatch_log_group.app keeps logs 30 days (retention_in_days), below the 180 days required',
        },
      ],
      output: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "app"\n  retention_in_days = 180\n}\n',
    },
    {
      name: 'short retention from a variable default: reported on the use, no fix',
      code: 'variable "days" {\n  default = 14\n}\n\nresource "aws_cloudwatch_log_group" "app" {\n  retention_in_days = var.days\n}\n',
      errors: [{ text: 'var.days', line: 6, message: 'keeps logs 14 days (retention_in_days = var.days), below' }],
      output: null,
    },
    {
      name: 'Log Analytics workspace with the 30-day default',
      code: 'resource "azurerm_log_analytics_workspace" "main" {\n  name = "main"\n  sku  = "PerGB2018"\n}\n',
      errors: [
        { text: 'resource "azurerm_log_analytics_workspace" "main"', line: 1, message: 'retention_in_days is not set and defaults to 30' },
      ],
      output:
        'resource "azurerm_log_analytics_workspace" "main" {\n  retention_in_days = 180\n\n  name = "main"\n  sku  = "PerGB2018"\n}\n',
    },
    {
      name: 'log profile kept 30 days',
      code: 'resource "azurerm_monitor_log_profile" "p" {\n  retention_policy {\n    enabled = true\n    days    = 30\n  }\n}\n',
      errors: [{ text: '30', line: 4, message: '(retention_policy.days)' }],
      output: 'resource "azurerm_monitor_log_profile" "p" {\n  retention_policy {\n    enabled = true\n    days    = 180\n  }\n}\n',
    },
    {
      name: 'SQL security alert policy and storage queue logging',
      code: 'resource "azurerm_mssql_server_security_alert_policy" "a" {\n  state          = "Enabled"\n  retention_days = 20\n}\n\nresource "azurerm_storage_account" "s" {\n  queue_properties {\n    logging {\n      delete                = true\n      retention_policy_days = 10\n    }\n  }\n}\n',
      errors: [
        { text: '20', line: 3, message: 'azurerm_mssql_server_security_alert_policy.a keeps logs 20 days' },
        { text: '10', line: 10, message: '(queue_properties.logging.retention_policy_days)' },
      ],
      output:
        'resource "azurerm_mssql_server_security_alert_policy" "a" {\n  state          = "Enabled"\n  retention_days = 180\n}\n\nresource "azurerm_storage_account" "s" {\n  queue_properties {\n    logging {\n      delete                = true\n      retention_policy_days = 180\n    }\n  }\n}\n',
    },
    {
      name: 'GCP logging bucket with the 30-day default',
      code: 'resource "google_logging_project_bucket_config" "main" {\n  bucket_id = "_Default"\n}\n',
      errors: [{ text: 'resource "google_logging_project_bucket_config" "main"', line: 1 }],
      output: 'resource "google_logging_project_bucket_config" "main" {\n  retention_days = 180\n\n  bucket_id = "_Default"\n}\n',
    },
    {
      name: 'lifecycle configuration expiring an access-log bucket after 30 days',
      code: `${bucket}resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    expiration {\n      days = 30\n    }\n  }\n}\n`,
      errors: [
        {
          text: '30',
          line: 18,
          message:
            'aws_s3_bucket_lifecycle_configuration.logs deletes the logs in aws_s3_bucket.logs (written by aws_s3_bucket_logging.site) after 30 days',
        },
      ],
      output: `${bucket}resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    expiration {\n      days = 180\n    }\n  }\n}\n`,
    },
    {
      name: 'inline lifecycle rule of a CloudTrail bucket',
      code: 'resource "aws_s3_bucket" "trail" {\n  bucket = "trail"\n\n  lifecycle_rule {\n    enabled = true\n\n    expiration {\n      days = 90\n    }\n  }\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = aws_s3_bucket.trail.id\n}\n',
      errors: [{ text: '90', line: 8, message: 'written by aws_cloudtrail.main' }],
      output:
        'resource "aws_s3_bucket" "trail" {\n  bucket = "trail"\n\n  lifecycle_rule {\n    enabled = true\n\n    expiration {\n      days = 180\n    }\n  }\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = aws_s3_bucket.trail.id\n}\n',
    },
  ],
});
