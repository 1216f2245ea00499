import { strict as assert } from 'node:assert';
import rule from '../../rules/hardcoded-secret';
import { masked } from '../../rules/support/secrets';
import { testRule } from '../harness/rule-tester';

// A key id of the real format, issued to nobody (AWS's own documentation example is a placeholder, tested below).
const KEY = 'AKIAZ4K7Q2M9T3XW8PLN';
const pod = (env: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0\n          env:\n${env}`;

describe('secret masking', () => {
  it('never shows more than four characters', () => {
    assert.equal(masked('Sup3rS3cret!'), '"Su…" (12 characters)');
    assert.equal(masked('abc12'), '"…" (5 characters)');
    assert.equal(masked(KEY), '"AKIA…" (20 characters)');
  });
});

testRule(rule, {
  valid: [
    {
      name: 'container env naming another variable ($VAR, ${VAR}, $(VAR)) is a reference, not a literal',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: DS_PASSWORD\n              value: "$DB_PASSWORD"\n            - name: API_TOKEN\n              value: ${API_TOKEN}\n            - name: DB_SECRET\n              value: $(DB_SECRET_FROM_ENV)\n',
    },
    {
      name: 'a secret name as the key of a lookup',
      code: 'resource "azurerm_redis_cache" "r" {\n  redis_configuration {\n    rdb_storage_connection_string = lookup(var.cfg, "rdb_storage_connection_string", null)\n  }\n}\n',
    },
    {
      name: 'placeholders',
      code: 'module "alb" {\n  source        = "./alb"\n  client_secret = "client_secret"\n  api_key       = "CHANGEME"\n  use_token     = "true"\n  password      = "YOUR_PASSWORD"\n}\n',
    },
    {
      name: 'placeholder env values',
      code: pod(
        '            - name: GOOGLE_API_KEY\n              value: GOOGLE_API_KEY_VAL\n            - name: ETCD_DISCOVERY_TOKEN\n              value: INSERT_ETCD_DISCOVERY_TOKEN\n',
      ),
    },
    {
      name: 'password from a sensitive variable',
      code: 'variable "pw" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_db_instance" "db" {\n  password = var.pw\n}\n',
    },
    { name: 'password from another resource', code: 'resource "aws_db_instance" "db" {\n  password = random_password.db.result\n}\n' },
    {
      name: 'names that only mention secrets',
      code: 'resource "aws_secretsmanager_secret" "s" {\n  name                    = "db-password"\n  recovery_window_in_days = 7\n}\n\nresource "random_password" "p" {\n  length = 24\n}\n\nresource "aws_db_instance" "db" {\n  manage_master_user_password = true\n  password_wo_version         = 1\n}\n',
    },
    {
      name: 'a secret ARN and a path',
      code: 'resource "aws_ecs_task_definition" "t" {\n  secret     = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:db"\n  token_path = "/var/run/token"\n  api_key    = "/run/secrets/api"\n}\n',
    },
    {
      name: 'env from a secretKeyRef',
      code: pod(
        '            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db\n                  key: password\n',
      ),
    },
    {
      name: 'env with an ordinary name',
      code: pod(
        '            - name: LOG_LEVEL\n              value: debug\n            - name: PASSWORD_FILE\n              value: /run/secrets/db\n',
      ),
    },
    {
      name: 'a variable substituted later',
      code: 'resource "kubernetes_deployment" "d" {\n  spec {\n    template {\n      spec {\n        container {\n          env {\n            name  = "DS_PASSWORD"\n            value = "$DB_PASSWORD"\n          }\n        }\n      }\n    }\n  }\n}\n\nmodule "app" {\n  source   = "./app"\n  password = "%APP_PASSWORD%"\n}\n',
    },
    {
      name: 'a single repeated character',
      code: 'resource "aws_db_instance" "db" {\n  password = "xxxxxxxx"\n}\n\nresource "aws_iam_user_login_profile" "u" {\n  password = "yyyyyyyyy"\n}\n',
    },
    {
      name: 'AWS documentation example credentials',
      code: 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n\nresource "aws_instance" "web" {\n  user_data = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"\n}\n',
    },
    {
      name: 'values marked fake',
      code: 'resource "aws_db_instance" "db" {\n  password = "FAKE-Passw0rd"\n}\n\nmodule "app" {\n  source        = "./app"\n  api_key       = "my-dummy-key-123"\n  client_secret = "SAMPLE_SECRET_VALUE_1"\n  token         = "<token-from-console>"\n  secret        = "REDACTED"\n  db_pass       = "placeholder123"\n  auth_token    = "abc-EXAMPLE-def"\n}\n',
    },
    {
      name: 'a PEM block whose body is elided',
      code: 'resource "tls_locally_signed_cert" "c" {\n  ca_private_key_pem = "-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----"\n}\n\nresource "aws_instance" "web" {\n  user_data = <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\n${var.key}\n-----END OPENSSH PRIVATE KEY-----\nEOF\n}\n',
    },
    {
      name: 'a branch Terraform does not take',
      code: 'variable "managed" {\n  default = true\n}\n\nresource "aws_db_instance" "db" {\n  password = var.managed ? null : "Sup3rS3cret!"\n}\n\nresource "aws_db_instance" "other" {\n  password = true ? var.pw : "Sup3rS3cret!"\n}\n\nvariable "pw" {\n  sensitive = true\n}\n',
    },
    {
      name: 'a resource with count = 0 or an empty for_each',
      code: 'resource "aws_db_instance" "legacy" {\n  count    = 0\n  password = "Sup3rS3cret!"\n}\n\nresource "aws_db_instance" "none" {\n  for_each = {}\n  password = "Sup3rS3cret!"\n}\n\nmodule "off" {\n  source   = "./db"\n  count    = 0\n  password = "Sup3rS3cret!"\n}\n',
    },
    {
      name: 'a sentence under a secret name, and a connection string without a password value',
      code: 'resource "aws_ssm_parameter" "p" {\n  password          = "Enter your password here"\n  connection_string = "Server=db;Database=app;User Id=app;Password={your_password};"\n}\n',
    },
    {
      name: 'PWD as a directory and a pass-through flag',
      code: pod('            - name: PWD\n              value: /home/app\n            - name: ALLOW_PASS\n              value: "true"\n'),
    },
    {
      name: 'Secret without data',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\ntype: kubernetes.io/service-account-token\n',
    },
    {
      name: 'Secret whose values are placeholders: base64 of a repeated character, a value to change',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: demo\ndata:\n  PATH: YmJiYmJiYmIK\nstringData:\n  password: changeme\n',
    },
  ],
  invalid: [
    {
      name: 'a secret in a module block that has no instance on its own, created by the call (count from an input)',
      code: 'module "db" {\n  source  = "./db"\n  enabled = true\n}\n\nmodule "off" {\n  source = "./db"\n}\n',
      siblings: {
        'db/main.tf':
          'variable "enabled" {\n  default = false\n}\n\nresource "aws_db_instance" "x" {\n  count    = var.enabled ? 1 : 0\n  password = var.enabled ? "Sup3rS3cret!" : null\n}\n',
      },
      errors: [{ text: 'true', line: 3, message: 'module.db: aws_db_instance.x sets password to a literal value "Su…" (12 characters)' }],
      output: null,
    },
    {
      name: 'literal password in a resource: moved to a sensitive variable',
      code: 'resource "azurerm_mssql_server" "sql" {\n  administrator_login          = "admin"\n  administrator_login_password = "AdminPassword123!"\n}\n',
      errors: [
        {
          text: '"AdminPassword123!"',
          line: 3,
          message: 'azurerm_mssql_server.sql sets administrator_login_password to a literal value "Admi…" (17 characters)',
          fixId: 'move-to-variable',
          fixData: { name: 'sql_administrator_login_password' },
        },
      ],
      output:
        'resource "azurerm_mssql_server" "sql" {\n  administrator_login          = "admin"\n  administrator_login_password = var.sql_administrator_login_password\n}\n\nvariable "sql_administrator_login_password" {\n  type      = string\n  sensitive = true\n}\n',
    },
    {
      name: 'provider access key',
      code: `provider "aws" {\n  region     = "eu-west-3"\n  access_key = "${KEY}"\n}\n`,
      errors: [{ text: `"${KEY}"`, line: 3, message: 'provider "aws" sets access_key to an AWS access key id "AKIA…" (20 characters)' }],
      output: `provider "aws" {\n  region     = "eu-west-3"\n  access_key = var.aws_access_key\n}\n\nvariable "aws_access_key" {\n  type      = string\n  sensitive = true\n}\n`,
    },
    {
      name: 'keys in user data and in a Lambda environment',
      code: `resource "aws_instance" "web" {\n  user_data = <<EOF\n#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${KEY}\nEOF\n}\n\nresource "aws_lambda_function" "f" {\n  environment {\n    variables = {\n      secret_key = "q8Lr2VbT0mWc5NxZ/7HfKpYd3Gs9Ue1Ja6RoQiE4"\n    }\n  }\n}\n`,
      errors: [
        { text: KEY, line: 4, message: 'aws_instance.web sets user_data to an AWS access key id' },
        {
          text: '"q8Lr2VbT0mWc5NxZ/7HfKpYd3Gs9Ue1Ja6RoQiE4"',
          line: 11,
          message: 'aws_lambda_function.f sets secret_key to a literal value "q8Lr…" (40 characters)',
        },
      ],
      output: null,
    },
    {
      name: 'secret-named variable with a default',
      code: 'variable "db_password" {\n  type    = string\n  default = "changeit-now"\n}\n',
      errors: [
        { text: '"changeit-now"', line: 3, message: 'var.db_password has a default that is a literal secret "ch…" (12 characters)' },
      ],
      output: 'variable "db_password" {\n  type    = string\n}\n',
    },
    {
      name: 'a word used as a password is not a placeholder',
      code: pod('            - name: MYSQL_ROOT_PASSWORD\n              value: "supersecret"\n'),
      errors: [
        { text: '"supersecret"', line: 13, message: 'sets MYSQL_ROOT_PASSWORD of container app to a literal value "su…" (11 characters)' },
      ],
      output: null,
    },
    {
      name: 'a password in terraform.tfvars',
      filename: 'terraform.tfvars',
      code: 'region      = "eu-west-3"\ndb_password = "Pa55w0rd-prod"\n',
      siblings: { 'main.tf': 'variable "region" {}\n\nvariable "db_password" {\n  sensitive = true\n}\n' },
      errors: [{ text: '"Pa55w0rd-prod"', line: 2, message: 'terraform.tfvars sets db_password to a literal value "Pa…" (13 characters)' }],
      output: null,
    },
    {
      name: 'env block of a kubernetes_deployment',
      code: 'resource "kubernetes_deployment" "d" {\n  spec {\n    template {\n      spec {\n        container {\n          env {\n            name  = "API_TOKEN"\n            value = "tok-1234567890"\n          }\n        }\n      }\n    }\n  }\n}\n',
      errors: [{ text: '"tok-1234567890"', line: 8, message: 'kubernetes_deployment.d sets API_TOKEN to a literal value' }],
      output: null,
    },
    {
      name: 'a branch the condition is not known for is judged',
      code: 'variable "managed" {\n  type = bool\n}\n\nresource "aws_db_instance" "db" {\n  password = var.managed ? null : "Sup3rS3cret!"\n}\n',
      errors: [{ text: '"Sup3rS3cret!"', line: 6, message: 'aws_db_instance.db sets password to a literal value' }],
      output: null,
    },
    {
      name: 'the branch Terraform takes, and count = 1',
      code: 'resource "aws_db_instance" "db" {\n  count    = 1\n  password = false ? null : "Sup3rS3cret!"\n}\n',
      errors: [{ text: '"Sup3rS3cret!"', line: 3, message: 'aws_db_instance.db sets password to a literal value' }],
      output: null,
    },
    {
      name: 'a password in the connection string of a sensitive variable default',
      code: 'variable "db" {\n  type      = string\n  sensitive = true\n  default   = "Server=tcp:sql.example.net,1433;Database=app;User ID=app;Password=Xk29!vLq7;Encrypt=true"\n}\n',
      errors: [
        {
          text: '"Server=tcp:sql.example.net,1433;Database=app;User ID=app;Password=Xk29!vLq7;Encrypt=true"',
          line: 4,
          message: 'var.db has a default that is a password in a connection string "Xk…" (9 characters)',
        },
      ],
      output: 'variable "db" {\n  type      = string\n  sensitive = true\n}\n',
    },
    {
      name: 'abbreviated names',
      code: 'resource "aws_instance" "web" {\n  tags = {\n    DB_PASS = "Hunter2-prod"\n  }\n}\n\nmodule "app" {\n  source    = "./app"\n  admin_pwd = "Pr0d-2024!"\n}\n',
      errors: [
        { text: '"Hunter2-prod"', line: 3, message: 'aws_instance.web sets DB_PASS to a literal value "Hu…" (12 characters)' },
        { text: '"Pr0d-2024!"', line: 9, message: 'module.app sets admin_pwd to a literal value "Pr…" (10 characters)' },
      ],
      output:
        'resource "aws_instance" "web" {\n  tags = {\n    DB_PASS = "Hunter2-prod"\n  }\n}\n\nmodule "app" {\n  source    = "./app"\n  admin_pwd = var.app_admin_pwd\n}\n\nvariable "app_admin_pwd" {\n  type      = string\n  sensitive = true\n}\n',
    },
    {
      name: 'a value with spaces',
      code: 'module "app" {\n  source     = "./app"\n  passphrase = "correct horse battery staple"\n}\n',
      errors: [
        {
          text: '"correct horse battery staple"',
          line: 3,
          message: 'module.app sets passphrase to a literal value "corr…" (28 characters)',
        },
      ],
      output:
        'module "app" {\n  source     = "./app"\n  passphrase = var.app_passphrase\n}\n\nvariable "app_passphrase" {\n  type      = string\n  sensitive = true\n}\n',
    },
    {
      name: 'Kubernetes Secret with literal data',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  username: YWRtaW4=\n  password: UzNjcjN0IQ==\n',
      errors: [{ text: 'data', line: 5, message: 'Secret db holds 2 literal values in data (username, password)' }],
      output: null,
    },
    {
      name: 'container env values that look like secrets',
      code: pod(
        `            - name: DB_PASSWORD\n              value: "Sup3rS3cret!"\n            - name: UPLOAD\n              value: ${KEY}\n`,
      ),
      errors: [
        {
          text: '"Sup3rS3cret!"',
          line: 13,
          message: 'Deployment api sets DB_PASSWORD of container app to a literal value "Su…" (12 characters)',
        },
        { text: KEY, line: 15, message: 'an AWS access key id' },
      ],
      output: null,
    },
  ],
});
