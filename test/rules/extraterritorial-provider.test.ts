import rule from '../../rules/extraterritorial-provider';
import { testRule } from '../harness/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS provider pointed at OVHcloud, Scaleway or Exoscale object storage, the region interpolated',
      code: 'variable "region" {}\n\nprovider "aws" {\n  region = var.region\n\n  endpoints {\n    s3 = "https://s3.${var.region}.perf.cloud.ovh.net"\n  }\n}\n\nprovider "aws" {\n  alias = "scw"\n\n  endpoints {\n    s3 = "https://s3.fr-par.scw.cloud"\n  }\n}\n\nprovider "aws" {\n  alias = "exo"\n\n  endpoints {\n    s3 = "https://sos-${var.region}.exo.io"\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nresource "aws_s3_bucket" "c" {\n  provider = aws.scw\n  bucket   = "c"\n}\n\nresource "aws_s3_bucket" "d" {\n  provider = aws.exo\n  bucket   = "d"\n}\n',
    },
    {
      name: 'a module inheriting an AWS provider pointed at OVHcloud object storage',
      code: 'provider "aws" {\n  endpoints {\n    s3 = "https://s3.gra.io.cloud.ovh.net"\n  }\n}\n\nmodule "store" {\n  source = "./store"\n}\n',
      siblings: { 'store/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' },
    },
    {
      name: 'a module that leaves its provider to callers in the run, all pointing it at OVHcloud object storage',
      filename: 'store/main.tf',
      code: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      siblings: {
        'main.tf':
          'variable "region" {}\n\nprovider "aws" {\n  endpoints {\n    s3 = "https://s3.${var.region}.perf.cloud.ovh.net"\n  }\n}\n\nmodule "store" {\n  source = "./store"\n}\n',
      },
    },
    {
      name: 'OVHcloud and Scaleway resources',
      code: 'resource "ovh_cloud_project_kube" "k" {\n  name = "k"\n}\n\nresource "scaleway_instance_server" "s" {\n  type = "DEV1-S"\n}\n',
    },
    {
      name: 'Google provider on S3NS',
      code: 'provider "google" {\n  universe_domain = "s3nsapis.fr"\n}\n\nresource "google_storage_bucket" "b" {\n  name = "b"\n}\n',
    },
    {
      name: 'AWS provider pointed at Outscale endpoints',
      code: 'provider "aws" {\n  endpoints {\n    ec2 = "https://fcu.eu-west-2.outscale.com"\n    s3  = "https://oos.eu-west-2.outscale.com"\n  }\n}\n\nresource "aws_instance" "i" {\n  ami = "ami-1"\n}\n',
    },
    { name: 'data sources only read', code: 'data "aws_caller_identity" "me" {}\n' },
    {
      name: 'AWS-compatible endpoints the team declares as qualified (qualifiedEndpoints)',
      code: 'provider "aws" {\n  endpoints {\n    s3 = "https://s3.cloud.example.eu"\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      settings: { qualifiedEndpoints: ['cloud.example.eu'] },
    },
  ],
  invalid: [
    {
      name: 'a module whose callers in the run do not all point it at another operator',
      filename: 'store/main.tf',
      code: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      siblings: {
        'main.tf':
          'provider "aws" {\n  endpoints {\n    s3 = "https://s3.gra.io.cloud.ovh.net"\n  }\n}\n\nprovider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n\nmodule "ovh" {\n  source = "./store"\n}\n\nmodule "us" {\n  source    = "./store"\n  providers = { aws = aws.us }\n}\n',
      },
      errors: [
        {
          text: 'resource "aws_s3_bucket" "b"',
          line: 1,
          message: 'aws_s3_bucket.b uses provider "aws", operated by a company whose parent (Amazon.com, Inc., United States)',
        },
      ],
      output: null,
    },
    {
      name: 'an endpoint whose interpolation is in the path, or whose host is not another operator',
      code: 'variable "bucket" {}\n\nprovider "aws" {\n  endpoints {\n    s3 = "https://s3.amazonaws.com/${var.bucket}.cloud.ovh.net"\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      errors: [
        {
          text: 'provider "aws"',
          line: 3,
          message: 'aws_s3_bucket.b uses provider "aws", operated by a company whose parent (Amazon.com, Inc., United States)',
        },
      ],
      output: null,
    },
    {
      name: 'AWS resources without a provider block: reported once, on the first resource',
      code: 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      errors: [
        {
          text: 'resource "aws_s3_bucket" "a"',
          line: 1,
          message:
            '2 resources use provider "aws", operated by a company whose parent (Amazon.com, Inc., United States) is subject to the US CLOUD Act',
          severity: 'info',
        },
      ],
      output: null,
    },
    {
      name: 'one finding per provider configuration, on its block',
      code: 'provider "azurerm" {\n  features {}\n}\n\nprovider "azurerm" {\n  alias = "paris"\n  features {}\n}\n\nresource "azurerm_resource_group" "rg" {\n  name = "rg"\n}\n\nresource "azurerm_resource_group" "fr" {\n  provider = azurerm.paris\n  name     = "fr"\n}\n\nresource "alicloud_oss_bucket" "b" {\n  bucket = "b"\n}\n',
      errors: [
        {
          text: 'provider "azurerm"',
          line: 1,
          message:
            'azurerm_resource_group.rg uses provider "azurerm", operated by a company whose parent (Microsoft Corporation, United States)',
        },
        { text: 'provider "azurerm"', line: 5, message: 'provider "azurerm" (alias paris)' },
        { text: 'resource "alicloud_oss_bucket" "b"', line: 19, message: "China's National Intelligence Law" },
      ],
      output: null,
    },
    {
      name: 'endpoints on a host the team did not declare',
      code: 'provider "aws" {\n  endpoints {\n    s3 = "https://s3.cloud.example.com"\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      settings: { qualifiedEndpoints: ['cloud.example.eu'] },
      errors: [
        {
          text: 'provider "aws"',
          line: 1,
          message: 'aws_s3_bucket.b uses provider "aws", operated by a company whose parent (Amazon.com, Inc., United States)',
          severity: 'info',
        },
      ],
      output: null,
    },
    {
      name: 'Google provider pointed at another universe',
      code: 'provider "google-beta" {\n  universe_domain = "example.com"\n}\n\nresource "google_compute_instance" "vm" {\n  provider = google-beta\n  name     = "vm"\n}\n',
      errors: [{ text: 'provider "google-beta"', line: 1, message: 'Alphabet Inc.' }],
      output: null,
    },
  ],
});
