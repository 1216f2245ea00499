import rule from '../../rules/module-not-installed';
import { testRule } from '../harness/rule-tester';

const manifest = (...entries: { Key: string; Source: string; Version?: string; Dir: string }[]): string =>
  JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, ...entries] });
const VPC = { Key: 'vpc', Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws', Version: '5.8.1', Dir: '.terraform/modules/vpc' };
const INSTALLED_VPC = {
  '.terraform/modules/modules.json': manifest(VPC),
  '.terraform/modules/vpc/main.tf': 'variable "name" {\n  default = ""\n}\n',
};

testRule(rule, {
  valid: [
    {
      name: 'a local call',
      code: 'module "net" {\n  source = "./net"\n}\n',
      siblings: { 'net/main.tf': 'variable "x" {\n  default = 1\n}\n' },
    },
    {
      name: 'a registry call installed at a version its constraint accepts',
      code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.8"\n}\n',
      siblings: INSTALLED_VPC,
    },
    {
      name: 'OpenTofu records its own registry host',
      code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = ">= 5.0"\n}\n',
      siblings: {
        ...INSTALLED_VPC,
        '.terraform/modules/modules.json': manifest({ ...VPC, Source: 'registry.opentofu.org/terraform-aws-modules/vpc/aws' }),
      },
    },
    {
      name: 'a source built from a variable is not known: nothing is said',
      code: 'variable "src" {}\n\nmodule "m" {\n  source = var.src\n}\n',
    },
    {
      name: 'a version constraint snclint cannot read says nothing',
      code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "latest"\n}\n',
      siblings: INSTALLED_VPC,
    },
    {
      name: 'a module called by another linted module is not a root: its own calls are installed for the root',
      code: 'module "app" {\n  source = "./app"\n}\n',
      siblings: {
        'app/main.tf': 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
        '.terraform/modules/modules.json': manifest(
          { Key: 'app', Source: './app', Dir: 'app' },
          { ...VPC, Key: 'app.vpc', Dir: '.terraform/modules/app.vpc' },
        ),
        '.terraform/modules/app.vpc/main.tf': 'variable "name" {\n  default = ""\n}\n',
      },
    },
    {
      name: 'a local module called with count = 0 is still not a root',
      code: 'variable "enabled" {\n  default = false\n}\n\nmodule "db" {\n  source = "./db"\n  count  = var.enabled ? 1 : 0\n}\n',
      siblings: { 'db/main.tf': 'module "store" {\n  source = "acme/store/azurerm"\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'registry, git and GitHub calls with no modules.json: one info finding for the root module',
      code: 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n\nmodule "dns" {\n  source = "git::https://example.com/dns.git?ref=v1.0.0"\n}\n\nmodule "logs" {\n  source = "github.com/acme/logs"\n}\n\nmodule "tags" {\n  source = "s3::https://s3-eu-west-3.amazonaws.com/acme/tags.zip"\n}\n',
      errors: [
        {
          text: 'module "vpc"',
          line: 1,
          severity: 'info',
          message:
            '4 module calls with non-local sources (module.vpc, module.dns, module.logs and 1 more) are not followed: no .terraform/modules/modules.json lists them. Run terraform init (or tofu init) to make them checkable.',
        },
      ],
      output: null,
    },
    {
      name: 'a call added after init',
      code: 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n\nmodule "eks" {\n  source = "terraform-aws-modules/eks/aws"\n}\n',
      siblings: INSTALLED_VPC,
      errors: [
        {
          text: 'module "eks"',
          line: 5,
          severity: 'info',
          message:
            '1 module call with a non-local source (module.eks) is not followed: .terraform/modules/modules.json does not list it, or its folder is missing.',
        },
      ],
      output: null,
    },
    {
      name: 'a version constraint raised after init',
      code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 6.0"\n}\n',
      siblings: INSTALLED_VPC,
      errors: [{ text: '"~> 6.0"', line: 3, severity: 'warning', message: 'module.vpc asks for version ~> 6.0, but 5.8.1 is installed' }],
      output: null,
    },
    {
      name: 'a source changed after init',
      code: 'module "vpc" {\n  source = "acme/vpc/aws"\n}\n',
      siblings: INSTALLED_VPC,
      errors: [
        {
          text: '"acme/vpc/aws"',
          line: 2,
          severity: 'warning',
          message: 'module.vpc calls acme/vpc/aws, but registry.terraform.io/terraform-aws-modules/vpc/aws is installed',
        },
      ],
      output: null,
    },
    {
      name: 'a module listed twice',
      code: 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
      siblings: { ...INSTALLED_VPC, '.terraform/modules/modules.json': manifest({ ...VPC, Dir: '.terraform/modules/vpc-old' }, VPC) },
      errors: [{ text: 'module "vpc"', line: 1, severity: 'warning', message: 'module.vpc is installed twice' }],
      output: null,
    },
  ],
});
