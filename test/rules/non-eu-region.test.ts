import rule from '../../rules/non-eu-region';
import { testRule } from '../harness/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'an aws provider pointed at Exoscale object storage in the EU',
      code: 'provider "aws" {\n  region = "de-fra-1"\n\n  endpoints {\n    s3 = "https://sos-de-fra-1.exo.io"\n  }\n}\n',
    },
    {
      name: 'resources that only point at a placed resource: IAM bindings, kubeconfigs, bucket policies',
      code: 'resource "google_artifact_registry_repository_iam_binding" "b" {\n  location   = "US"\n  repository = "images"\n  role       = "roles/artifactregistry.reader"\n}\n\nresource "google_storage_bucket_iam_member" "m" {\n  bucket = "b"\n}\n\nresource "exoscale_sks_kubeconfig" "k" {\n  zone = "ch-gva-2"\n}\n\nresource "exoscale_sos_bucket_policy" "p" {\n  zone = "ch-gva-2"\n}\n\nresource "ovh_cloud_project_kube_nodepool" "n" {\n  availability_zones = ["eu-west-par-a"]\n}\n',
    },
    {
      name: 'every placement argument inside the EU (AWS zones, Outscale api block and subregions, Hetzner, OVHcloud, Scaleway, Exoscale)',
      code: 'resource "aws_instance" "i" {\n  availability_zone = "eu-west-3a"\n}\n\nresource "aws_autoscaling_group" "g" {\n  availability_zones = ["eu-west-3a", "eu-west-3b"]\n}\n\nresource "aws_elasticache_replication_group" "r" {\n  preferred_cache_cluster_azs = ["eu-west-3a"]\n}\n\nresource "aws_subnet" "s" {\n  availability_zone = "euw3-az1"\n}\n\nprovider "outscale" {\n  api {\n    region = "eu-west-2"\n  }\n}\n\nresource "outscale_vm" "vm" {\n  placement_subregion_name = "eu-west-2a"\n}\n\nresource "outscale_load_balancer" "lb" {\n  subregion_names = ["eu-west-2a"]\n}\n\nresource "hcloud_network_subnet" "n" {\n  network_zone = "eu-central"\n}\n\nresource "hcloud_floating_ip" "f" {\n  home_location = "hel1"\n}\n\nresource "ovh_cloud_project_network_private" "p" {\n  regions = ["GRA11", "SBG5"]\n}\n\nresource "ovh_dedicated_server" "d" {\n  plan = [\n    {\n      configuration = [\n        { label = "dedicated_datacenter", value = "gra" },\n        { label = "region", value = "europe" },\n      ]\n    },\n  ]\n}\n\nresource "scaleway_instance_server" "srv" {\n  zone = "fr-par-1"\n}\n\nresource "exoscale_sks_cluster" "k" {\n  zone = "at-vie-1"\n}\n',
    },
    { name: 'EU region', code: 'provider "aws" {\n  region = "eu-west-3"\n}\n' },
    {
      name: 'region from a variable without default is unknown',
      code: 'variable "region" {}\n\nprovider "aws" {\n  region = var.region\n}\n',
    },
    { name: 'region from a resource attribute is unknown', code: 'provider "aws" {\n  region = data.aws_region.current.name\n}\n' },
    {
      name: 'a data source only reads from a region',
      code: 'data "aws_ecrpublic_authorization_token" "token" {\n  region = "us-east-1"\n}\n',
    },
    { name: 'provider without region (environment decides)', code: 'provider "aws" {}\n' },
    {
      name: 'a location the tables do not know is not judged when it comes from a variable',
      code: 'variable "location" {\n  default = "region1"\n}\n\nresource "azurerm_resource_group" "rg" {\n  name     = "rg"\n  location = var.location\n}\n',
    },
    {
      name: 'Azure display name inside the EU',
      code: 'resource "azurerm_resource_group" "rg" {\n  name     = "rg"\n  location = "West Europe"\n}\n',
    },
    {
      name: 'GCS EU multi-region and EUR4 dual-region',
      code: 'resource "google_storage_bucket" "a" {\n  name     = "a"\n  location = "EU"\n}\n\nresource "google_storage_bucket" "b" {\n  name     = "b"\n  location = "EUR4"\n}\n',
    },
    {
      name: 'S3NS universe: its region, zones and global location',
      code: 'provider "google" {\n  universe_domain = "s3nsapis.fr"\n  region          = "u-france-east1"\n  zone            = "u-france-east1-b"\n}\n\nresource "google_kms_key_ring" "k" {\n  name     = "k"\n  location = "global"\n}\n',
    },
    {
      name: 'OVHcloud: OpenStack region, macro-region, S3 region behind an OVH endpoint',
      code: 'terraform {\n  backend "s3" {\n    bucket   = "state"\n    region   = "gra"\n    endpoint = "https://s3.gra.io.cloud.ovh.net"\n  }\n}\n\nprovider "openstack" {\n  region = "GRA11"\n}\n\nresource "ovh_cloud_project_kube" "k" {\n  name   = "k"\n  region = "EU-WEST-PAR"\n}\n\nresource "ovh_cloud_project_database" "db" {\n  engine = "postgresql"\n\n  nodes {\n    region = "SBG"\n  }\n}\n',
    },
    {
      name: 'Scaleway, Outscale, Oracle, IBM, Alibaba, Hetzner, Exoscale in the EU',
      code: 'provider "scaleway" {\n  region = "fr-par"\n  zone   = "fr-par-2"\n}\n\nprovider "outscale" {\n  region = "cloudgouv-eu-west-1"\n}\n\nresource "outscale_vm" "vm" {\n  subregion_name = "cloudgouv-eu-west-1a"\n}\n\nprovider "oci" {\n  region = "eu-paris-1"\n}\n\nprovider "ibm" {\n  region = "eu-de"\n  zone   = "eu-de-2"\n}\n\nprovider "alicloud" {\n  region = "eu-central-1"\n}\n\nresource "hcloud_server" "s" {\n  name       = "s"\n  datacenter = "nbg1-dc3"\n}\n\nresource "exoscale_compute_instance" "i" {\n  zone = "de-fra-1"\n}\n',
    },
    {
      name: 'S3 backend on Scaleway Object Storage',
      code: 'terraform {\n  backend "s3" {\n    bucket = "state"\n    region = "fr-par"\n\n    endpoints = {\n      s3 = "https://s3.fr-par.scw.cloud"\n    }\n  }\n}\n',
    },
    {
      name: 'S3 backend on an endpoint nobody knows is not judged',
      code: 'terraform {\n  backend "s3" {\n    bucket   = "state"\n    region   = "main"\n    endpoint = "https://minio.example.internal"\n  }\n}\n',
    },
    {
      name: 'geo-redundant storage whose pair stays in the EU',
      code: 'resource "azurerm_storage_account" "s" {\n  name                     = "s"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n',
    },
    {
      name: 'DynamoDB replica and S3 replication inside the EU',
      code: 'provider "aws" {\n  region = "eu-west-3"\n}\n\nprovider "aws" {\n  alias  = "backup"\n  region = "eu-central-1"\n}\n\nresource "aws_dynamodb_table" "t" {\n  name = "t"\n\n  replica {\n    region_name = "eu-west-1"\n  }\n}\n\nresource "aws_s3_bucket" "copy" {\n  provider = aws.backup\n  bucket   = "copy"\n}\n\nresource "aws_s3_bucket_replication_configuration" "r" {\n  bucket = "src"\n  role   = "arn:aws:iam::1:role/r"\n\n  rule {\n    status = "Enabled"\n\n    destination {\n      bucket = aws_s3_bucket.copy.arn\n    }\n  }\n}\n',
    },
    {
      name: 'a declared custom OpenStack region',
      code: 'provider "openstack" {\n  region = "RegionOne"\n}\n',
      settings: { customRegions: { RegionOne: 'FR' } },
    },
    {
      name: 'tfvars value overrides a non-EU default',
      code: 'variable "region" {\n  default = "us-east-1"\n}\n\nprovider "aws" {\n  region = var.region\n}\n',
      siblings: { 'terraform.tfvars': 'region = "eu-central-1"\n' },
    },
    {
      name: 'London is allowed when the team lists GB',
      code: 'provider "aws" {\n  region = "eu-west-2"\n}\n',
      settings: { regionPolicy: { countries: ['FR', 'GB'] } },
    },
    { name: 'Oslo counts under the EEA policy', code: 'provider "azurerm" {\n  features {}\n}\n' },
    {
      name: 'NotIn on the region label',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions:\n              - key: topology.kubernetes.io/region\n                operator: NotIn\n                values: [us-east-1]\n  containers: []\n',
    },
    {
      name: 'a region name whose clouds disagree (Outscale eu-west-2 is Paris, AWS eu-west-2 is London)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  nodeSelector:\n    topology.kubernetes.io/region: eu-west-2\n  containers: []\n',
    },
    { name: 'YAML that is not Kubernetes', filename: 'ci.yml', code: 'region: us-east-1\njobs: {}\n' },
    {
      name: 'a declared custom region inside the EU',
      code: 'provider "aws" {\n  region = "us-east-1"\n}\n',
      settings: { customRegions: { 'us-east-1': 'FR' } },
    },
    {
      name: 'a Route 53 latency record names a region without placing data in it',
      code: 'resource "aws_route53_record" "api" {\n  zone_id        = "Z1"\n  name           = "api"\n  type           = "A"\n  set_identifier = "us"\n\n  latency_routing_policy {\n    region = "us-east-1"\n  }\n}\n',
    },
    {
      name: 'zone label of an EU region',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  nodeSelector:\n    topology.kubernetes.io/zone: europe-west9-b\n  containers: []\n',
    },
  ],
  invalid: [
    {
      name: 'an S3 backend on Exoscale SOS outside the EU',
      code: 'terraform {\n  backend "s3" {\n    bucket = "state"\n    region = "ch-gva-2"\n\n    endpoints = {\n      s3 = "https://sos-ch-gva-2.exo.io"\n    }\n  }\n}\n',
      errors: [{ text: '"ch-gva-2"', line: 4, message: 'The S3 backend holding the Terraform state uses region ch-gva-2 (Geneva, CH)' }],
      output: null,
    },
    {
      name: 'an aws provider pointed at Exoscale object storage is judged as Exoscale',
      code: 'locals {\n  zone = "ch-gva-2"\n}\n\nprovider "aws" {\n  region = local.zone\n\n  endpoints {\n    s3 = "https://sos-${local.zone}.exo.io"\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\n',
      errors: [{ text: 'local.zone', line: 6, message: 'provider "aws" uses region ch-gva-2 (Geneva, CH) (evaluated from local.zone)' }],
      output: null,
    },
    {
      name: 'an OVHcloud node pool zone list outside the EU',
      code: 'resource "ovh_cloud_project_kube_nodepool" "n" {\n  availability_zones = ["ca-east-bhs-a"]\n}\n',
      errors: [
        {
          text: '"ca-east-bhs-a"',
          line: 2,
          message: 'ovh_cloud_project_kube_nodepool.n uses location ca-east-bhs-a in region ca-east-bhs',
        },
      ],
      output: null,
    },
    {
      name: 'AWS availability zones outside the EU: a zone, zone lists and cache zones',
      code: 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n}\n\nresource "aws_rds_cluster" "c" {\n  availability_zones = ["eu-west-3a", "us-west-2b"]\n}\n\nresource "aws_elasticache_cluster" "e" {\n  preferred_availability_zones = ["ap-south-1a"]\n}\n\nresource "aws_elasticache_replication_group" "r" {\n  preferred_cache_cluster_azs = ["ca-central-1a"]\n}\n\nresource "aws_launch_template" "t" {\n  placement {\n    availability_zone = "sa-east-1a"\n  }\n}\n',
      errors: [
        { text: '"us-east-1a"', line: 2, message: 'aws_ebs_volume.v uses location us-east-1a in region us-east-1 (N. Virginia, US)' },
        { text: '"us-west-2b"', line: 6, message: 'aws_rds_cluster.c uses location us-west-2b in region us-west-2' },
        { text: '"ap-south-1a"', line: 10, message: 'aws_elasticache_cluster.e uses location ap-south-1a' },
        { text: '"ca-central-1a"', line: 14, message: 'aws_elasticache_replication_group.r uses location ca-central-1a' },
        { text: '"sa-east-1a"', line: 19, message: 'aws_launch_template.t (placement.availability_zone) uses location sa-east-1a' },
      ],
      output: null,
    },
    {
      name: 'Outscale api block and subregion arguments outside the EU',
      code: 'provider "outscale" {\n  api {\n    region = "us-west-1"\n  }\n}\n\nresource "outscale_vm" "vm" {\n  placement_subregion_name = "us-east-2a"\n}\n\nresource "outscale_load_balancer" "lb" {\n  subregion_names = ["ap-northeast-1a"]\n}\n',
      errors: [
        { text: '"us-west-1"', line: 3, message: 'provider "outscale" uses region us-west-1' },
        { text: '"us-east-2a"', line: 8, message: 'outscale_vm.vm uses location us-east-2a in region us-east-2' },
        { text: '"ap-northeast-1a"', line: 12, message: 'outscale_load_balancer.lb uses location ap-northeast-1a' },
      ],
      output: null,
    },
    {
      name: 'Hetzner network zones and home locations outside the EU',
      code: 'resource "hcloud_network_subnet" "n" {\n  network_zone = "us-east"\n}\n\nresource "hcloud_load_balancer" "lb" {\n  network_zone = "ap-southeast"\n}\n\nresource "hcloud_floating_ip" "f" {\n  home_location = "hil"\n}\n\nresource "hcloud_primary_ip" "p" {\n  datacenter = "ash-dc1"\n}\n',
      errors: [
        { text: '"us-east"', line: 2, message: 'hcloud_network_subnet.n uses region us-east (network zone of Ashburn, US)' },
        { text: '"ap-southeast"', line: 6, message: 'hcloud_load_balancer.lb uses region ap-southeast' },
        { text: '"hil"', line: 10, message: 'hcloud_floating_ip.f uses region hil' },
        { text: '"ash-dc1"', line: 14, message: 'hcloud_primary_ip.p uses location ash-dc1 in region ash' },
      ],
      output: null,
    },
    {
      name: 'OVHcloud regions lists and order datacenters outside the EU, in blocks and in lists',
      code: 'resource "ovh_cloud_project_network_private" "p" {\n  regions = ["GRA11", "BHS5"]\n}\n\nresource "ovh_dedicated_server" "d" {\n  plan = [\n    {\n      configuration = [\n        { label = "dedicated_datacenter", value = "bhs" },\n      ]\n    },\n  ]\n}\n\nresource "ovh_vps" "v" {\n  plan {\n    configuration {\n      label = "vps_datacenter"\n      value = "SGP"\n    }\n  }\n}\n',
      errors: [
        { text: '"BHS5"', line: 2, message: 'ovh_cloud_project_network_private.p uses location BHS5 in region ca-east-bhs' },
        { text: '"bhs"', line: 9, message: 'ovh_dedicated_server.d (dedicated_datacenter) uses location bhs in region ca-east-bhs' },
        { text: '"SGP"', line: 19, message: 'ovh_vps.v (vps_datacenter) uses location SGP in region ap-southeast-sgp' },
      ],
      output: null,
    },
    {
      name: 'Scaleway and Exoscale zones outside the policy',
      code: 'resource "scaleway_instance_server" "srv" {\n  zone = "nl-ams-1"\n}\n\nresource "exoscale_sks_cluster" "k" {\n  zone = "ch-dk-2"\n}\n',
      settings: { regionPolicy: 'fr' },
      errors: [
        { text: '"nl-ams-1"', line: 2, message: 'scaleway_instance_server.srv uses location nl-ams-1 in region nl-ams' },
        { text: '"ch-dk-2"', line: 6, message: 'exoscale_sks_cluster.k uses region ch-dk-2' },
      ],
      output: null,
    },
    {
      name: 'zone label and StorageClass zones outside the EU, reported without a fix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    topology.kubernetes.io/zone: us-central1-c\n  containers: []\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: slow\nprovisioner: kubernetes.io/aws-ebs\nparameters:\n  type: io1\n  encrypted: "true"\n  zones: eu-west-3a, us-east-1d\n',
      errors: [
        { text: 'us-central1-c', line: 7, message: 'Pod app is scheduled in us-central1-c, in region us-central1 (Iowa, US)' },
        { text: 'eu-west-3a, us-east-1d', line: 18, message: 'StorageClass slow places volumes in us-east-1d, in region us-east-1' },
      ],
      output: null,
    },
    {
      name: 'provider region literal',
      code: 'provider "aws" {\n  region = "us-east-1"\n}\n',
      errors: [
        {
          text: '"us-east-1"',
          line: 2,
          message: 'provider "aws" uses region us-east-1 (N. Virginia, US), outside the European Union.',
          fixId: 'replace-region',
          fixData: { region: 'eu-west-3' },
        },
      ],
      output: 'provider "aws" {\n  region = "eu-west-3"\n}\n',
    },
    {
      name: 'aliased provider; London is not in the EU',
      code: 'provider "aws" {\n  region = "eu-west-3"\n}\n\nprovider "aws" {\n  alias  = "uk"\n  region = "eu-west-2"\n}\n',
      errors: [{ text: '"eu-west-2"', line: 7, message: 'provider "aws" (alias uk) uses region eu-west-2 (London, GB)' }],
      output: 'provider "aws" {\n  region = "eu-west-3"\n}\n\nprovider "aws" {\n  alias  = "uk"\n  region = "eu-west-3"\n}\n',
    },
    {
      name: 'S3 backend',
      code: 'terraform {\n  backend "s3" {\n    bucket = "state"\n    key    = "prod.tfstate"\n    region = "us-west-2"\n  }\n}\n',
      errors: [{ text: '"us-west-2"', line: 5, message: 'The S3 backend holding the Terraform state uses region us-west-2' }],
      output: 'terraform {\n  backend "s3" {\n    bucket = "state"\n    key    = "prod.tfstate"\n    region = "eu-west-3"\n  }\n}\n',
    },
    {
      name: 'resource-level region argument',
      code: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  region = "ap-southeast-1"\n}\n',
      errors: [{ text: '"ap-southeast-1"', line: 3, message: 'aws_s3_bucket.logs uses region ap-southeast-1 (Singapore, SG)' }],
      output: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  region = "eu-west-3"\n}\n',
    },
    {
      name: 'region from a variable default is reported on the use, without a fix',
      code: 'variable "region" {\n  default = "us-east-1"\n}\n\nprovider "aws" {\n  region = var.region\n}\n',
      errors: [{ text: 'var.region', line: 6, message: '(evaluated from var.region)' }],
      output: null,
    },
    {
      name: 'region from a local and a template',
      code: 'locals {\n  geo = "us"\n}\n\nprovider "aws" {\n  region = "${local.geo}-east-2"\n}\n',
      errors: [{ text: '"${local.geo}-east-2"', line: 6, message: 'us-east-2' }],
      output: null,
    },
    {
      name: 'France-only policy reports Frankfurt',
      code: 'provider "aws" {\n  region = "eu-central-1"\n}\n',
      settings: { regionPolicy: 'fr' },
      errors: [{ text: '"eu-central-1"', line: 2, message: 'outside France' }],
      output: 'provider "aws" {\n  region = "eu-west-3"\n}\n',
    },
    {
      name: 'Terraform JSON syntax',
      filename: 'main.tf.json',
      code: '{\n  "provider": {\n    "aws": {\n      "region": "us-east-1"\n    }\n  }\n}\n',
      errors: [{ text: '"us-east-1"', line: 4 }],
      output: '{\n  "provider": {\n    "aws": {\n      "region": "eu-west-3"\n    }\n  }\n}\n',
    },
    {
      name: 'a literal location the tables do not know is reported once, as info',
      code: 'provider "aws" {\n  region = "region1"\n}\n\nresource "azurerm_application_gateway" "a" {\n  location = "example --West-US"\n}\n\nresource "azurerm_public_ip" "p" {\n  location = "example --West-US"\n}\n',
      errors: [
        { text: '"region1"', line: 2, severity: 'info', message: 'uses location "region1", which the region tables do not know' },
        {
          text: '"example --West-US"',
          line: 6,
          severity: 'info',
          message: 'azurerm_application_gateway.a uses location "example --West-US"',
        },
      ],
      output: null,
    },
    {
      name: 'Azure display name outside the EU, and a nested geo_location',
      code: 'resource "azurerm_cosmosdb_account" "db" {\n  location = "East US"\n\n  geo_location {\n    location = "uksouth"\n  }\n}\n',
      errors: [
        { text: '"East US"', line: 2, message: 'azurerm_cosmosdb_account.db uses region eastus (East US (Virginia), US)' },
        {
          text: '"uksouth"',
          line: 5,
          message: 'azurerm_cosmosdb_account.db (geo_location.location) uses region uksouth (UK South (London), GB)',
        },
      ],
      output:
        'resource "azurerm_cosmosdb_account" "db" {\n  location = "francecentral"\n\n  geo_location {\n    location = "francecentral"\n  }\n}\n',
    },
    {
      name: 'Google: a zone, the US multi-region, a dual-region with London, custom dual-region members, global',
      code: 'resource "google_compute_instance" "vm" {\n  zone = "us-central1-a"\n}\n\nresource "google_storage_bucket" "us" {\n  location = "US"\n}\n\nresource "google_storage_bucket" "eur5" {\n  location = "EUR5"\n}\n\nresource "google_storage_bucket" "custom" {\n  location = "EU"\n\n  custom_placement_config {\n    data_locations = ["EUROPE-WEST1", "US-EAST1"]\n  }\n}\n\nresource "google_kms_key_ring" "k" {\n  location = "global"\n}\n',
      errors: [
        {
          text: '"us-central1-a"',
          line: 2,
          message: 'google_compute_instance.vm uses location us-central1-a in region us-central1 (Iowa, US)',
        },
        { text: '"US"', line: 6, message: "google_storage_bucket.us uses location US (GCS/BigQuery multi-region 'US', US)" },
        { text: '"EUR5"', line: 10, message: 'uses location EUR5 (GCS dual-region europe-west1+europe-west2, BE+GB)' },
        {
          text: '"US-EAST1"',
          line: 17,
          message: 'google_storage_bucket.custom (custom_placement_config.data_locations) uses region us-east1',
        },
        { text: '"global"', line: 22, severity: 'info', message: 'gives no guarantee' },
      ],
      output:
        'resource "google_compute_instance" "vm" {\n  zone = "us-central1-a"\n}\n\nresource "google_storage_bucket" "us" {\n  location = "europe-west9"\n}\n\nresource "google_storage_bucket" "eur5" {\n  location = "europe-west9"\n}\n\nresource "google_storage_bucket" "custom" {\n  location = "EU"\n\n  custom_placement_config {\n    data_locations = ["EUROPE-WEST1", "US-EAST1"]\n  }\n}\n\nresource "google_kms_key_ring" "k" {\n  location = "global"\n}\n',
    },
    {
      name: 'Google provider region and the S3NS universe, where Google regions are unknown',
      code: 'provider "google" {\n  region = "us-east4"\n}\n\nprovider "google" {\n  alias           = "s3ns"\n  universe_domain = "s3nsapis.fr"\n  region          = "europe-west9"\n}\n',
      errors: [
        { text: '"us-east4"', line: 2, message: 'provider "google" uses region us-east4' },
        { text: '"europe-west9"', line: 8, severity: 'info', message: 'provider "google" (alias s3ns) uses location "europe-west9"' },
      ],
      output:
        'provider "google" {\n  region = "europe-west9"\n}\n\nprovider "google" {\n  alias           = "s3ns"\n  universe_domain = "s3nsapis.fr"\n  region          = "europe-west9"\n}\n',
    },
    {
      name: 'OVHcloud: an OpenStack region in Canada and a database node in London',
      code: 'provider "openstack" {\n  region = "BHS5"\n}\n\nresource "ovh_cloud_project_database" "db" {\n  nodes {\n    region = "UK"\n  }\n}\n',
      errors: [
        { text: '"BHS5"', line: 2, message: 'provider "openstack" uses location BHS5 in region ca-east-bhs (Beauharnois' },
        {
          text: '"UK"',
          line: 7,
          message: 'ovh_cloud_project_database.db (nodes.region) uses location UK in region eu-west-eri (Erith/London',
        },
      ],
      output: null,
    },
    {
      name: 'Outscale, Oracle, IBM, Alibaba, Hetzner and Exoscale outside the EU',
      code: 'provider "outscale" {\n  region = "us-east-2"\n}\n\nprovider "oci" {\n  region = "uk-london-1"\n}\n\nprovider "ibm" {\n  region = "us-south"\n}\n\nprovider "alicloud" {\n  region = "cn-hangzhou"\n}\n\nresource "hcloud_server" "s" {\n  location = "ash"\n}\n\nresource "exoscale_compute_instance" "i" {\n  zone = "ch-gva-2"\n}\n',
      errors: [
        { text: '"us-east-2"', line: 2, message: 'USA East' },
        { text: '"uk-london-1"', line: 6, message: 'London, GB' },
        { text: '"us-south"', line: 10, message: 'Dallas, US' },
        { text: '"cn-hangzhou"', line: 14, message: 'Mainland China, CN' },
        { text: '"ash"', line: 18, message: 'hcloud_server.s uses region ash' },
        { text: '"ch-gva-2"', line: 22, message: 'Geneva, CH' },
      ],
      output: null,
    },
    {
      name: 'France-only policy reports Scaleway Amsterdam',
      code: 'provider "scaleway" {\n  region = "nl-ams"\n}\n',
      settings: { regionPolicy: 'fr' },
      errors: [{ text: '"nl-ams"', line: 2, message: 'outside France' }],
      output: null,
    },
    {
      name: 'GCS backend whose bucket is defined in the module, in the US',
      code: 'terraform {\n  backend "gcs" {\n    bucket = "tf-state"\n  }\n}\n\nvariable "state_location" {\n  default = "US"\n}\n\nresource "google_storage_bucket" "state" {\n  name     = "tf-state"\n  location = var.state_location\n}\n',
      errors: [
        {
          text: '"tf-state"',
          line: 3,
          message:
            "The GCS backend holding the Terraform state is google_storage_bucket.state, which uses location US (GCS/BigQuery multi-region 'US', US), outside",
        },
        { text: 'var.state_location', line: 13, message: 'google_storage_bucket.state uses location US' },
      ],
      output: null,
    },
    {
      name: 'azurerm backend whose storage account is in the module, in the UK',
      code: 'terraform {\n  backend "azurerm" {\n    storage_account_name = "tfstate"\n    container_name       = "state"\n  }\n}\n\nlocals {\n  location = "ukwest"\n}\n\nresource "azurerm_storage_account" "state" {\n  name     = "tfstate"\n  location = local.location\n}\n',
      errors: [
        {
          text: '"tfstate"',
          line: 3,
          message:
            'The azurerm backend holding the Terraform state is azurerm_storage_account.state, which uses region ukwest (UK West (Cardiff), GB), outside',
        },
        { text: 'local.location', line: 14, message: 'azurerm_storage_account.state uses region ukwest' },
      ],
      output: null,
    },
    {
      name: 'copies leaving the EU: S3 replication, backup copy, DynamoDB replica, RDS read replica',
      code: 'variable "dr_region" {\n  default = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "us"\n  region = var.dr_region\n}\n\nresource "aws_s3_bucket" "copy" {\n  provider = aws.us\n  bucket   = "copy"\n}\n\nresource "aws_s3_bucket_replication_configuration" "r" {\n  rule {\n    destination {\n      bucket = aws_s3_bucket.copy.arn\n    }\n  }\n}\n\nresource "aws_backup_plan" "p" {\n  rule {\n    copy_action {\n      destination_vault_arn = "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr"\n    }\n  }\n}\n\nresource "aws_dynamodb_table_replica" "t" {\n  provider         = aws.us\n  global_table_arn = aws_dynamodb_table.t.arn\n}\n\nresource "aws_db_instance" "replica" {\n  provider            = aws.us\n  replicate_source_db = aws_db_instance.main.arn\n}\n',
      errors: [
        {
          text: 'var.dr_region',
          line: 7,
          message: 'provider "aws" (alias us) uses region us-east-1 (N. Virginia, US) (evaluated from var.dr_region)',
        },
        {
          text: 'aws_s3_bucket.copy.arn',
          line: 18,
          message:
            'aws_s3_bucket_replication_configuration.r copies data to aws_s3_bucket.copy, which uses region us-east-1 (N. Virginia, US), outside',
        },
        {
          text: '"arn:aws:backup:ca-central-1:123456789012:backup-vault:dr"',
          line: 26,
          message: 'aws_backup_plan.p copies data to a vault, which uses region ca-central-1',
        },
        {
          text: 'aws.us',
          line: 32,
          message: 'aws_dynamodb_table_replica.t replicates a DynamoDB table through aws.us, which uses region us-east-1',
        },
        {
          text: 'aws.us',
          line: 37,
          message: 'aws_db_instance.replica replicates an RDS instance through aws.us, which uses region us-east-1',
        },
      ],
      output: null,
    },
    {
      name: 'DynamoDB global table replica block',
      code: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n\n  replica {\n    region_name = "sa-east-1"\n  }\n}\n',
      errors: [
        { text: '"sa-east-1"', line: 5, message: 'aws_dynamodb_table.t (replica.region_name) uses region sa-east-1 (São Paulo, BR)' },
      ],
      output: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n\n  replica {\n    region_name = "eu-west-3"\n  }\n}\n',
    },
    {
      name: 'geo-redundant storage whose pair lies outside an explicit country list',
      code: 'resource "azurerm_storage_account" "s" {\n  location                 = "westeurope"\n  account_replication_type = "RAGRS"\n}\n',
      settings: { regionPolicy: { countries: ['NL'] } },
      errors: [
        {
          text: '"RAGRS"',
          line: 3,
          message:
            "azurerm_storage_account.s keeps geo-redundant copies (RAGRS) in westeurope's paired region northeurope (North Europe (Ireland), IE)",
        },
      ],
      output:
        'resource "azurerm_storage_account" "s" {\n  location                 = "westeurope"\n  account_replication_type = "LRS"\n}\n',
    },
    {
      name: 'Pod nodeSelector',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    topology.kubernetes.io/region: ap-south-1\n  containers: []\n',
      errors: [{ text: 'ap-south-1', line: 7, message: 'Pod app is scheduled in region ap-south-1 (Mumbai, IN)' }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    topology.kubernetes.io/region: eu-west-3\n  containers: []\n',
    },
    {
      name: 'a name two clouds use for non-EU regions is reported without a fix (AWS and Alibaba both have us-east-1)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    topology.kubernetes.io/region: us-east-1\n  containers: []\n',
      errors: [{ text: 'us-east-1', line: 7 }],
      output: null,
    },
    {
      name: 'Deployment node affinity, required and preferred, second document',
      code: [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: web',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  template:',
        '    spec:',
        '      affinity:',
        '        nodeAffinity:',
        '          requiredDuringSchedulingIgnoredDuringExecution:',
        '            nodeSelectorTerms:',
        '              - matchExpressions:',
        '                  - key: topology.kubernetes.io/region',
        '                    operator: In',
        '                    values: ["eu-west-3", "us-west-1"]',
        '          preferredDuringSchedulingIgnoredDuringExecution:',
        '            - weight: 1',
        '              preference:',
        '                matchExpressions:',
        '                  - key: failure-domain.beta.kubernetes.io/region',
        '                    operator: In',
        '                    values:',
        '                      - sa-east-1',
        '      containers: []',
        '',
      ].join('\n'),
      errors: [
        { text: '"us-west-1"', line: 20, message: 'Deployment web is scheduled in region us-west-1' },
        { text: 'sa-east-1', line: 28 },
      ],
      output: [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: web',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  template:',
        '    spec:',
        '      affinity:',
        '        nodeAffinity:',
        '          requiredDuringSchedulingIgnoredDuringExecution:',
        '            nodeSelectorTerms:',
        '              - matchExpressions:',
        '                  - key: topology.kubernetes.io/region',
        '                    operator: In',
        '                    values: ["eu-west-3", "us-west-1"]',
        '          preferredDuringSchedulingIgnoredDuringExecution:',
        '            - weight: 1',
        '              preference:',
        '                matchExpressions:',
        '                  - key: failure-domain.beta.kubernetes.io/region',
        '                    operator: In',
        '                    values:',
        '                      - eu-west-3',
        '      containers: []',
        '',
      ].join('\n'),
    },
    {
      name: 'StorageClass allowed topologies',
      code: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nparameters:\n  encrypted: "true"\nallowedTopologies:\n  - matchLabelExpressions:\n      - key: topology.kubernetes.io/region\n        values: [ca-central-1]\n',
      errors: [{ text: 'ca-central-1', line: 11 }],
      output:
        'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nparameters:\n  encrypted: "true"\nallowedTopologies:\n  - matchLabelExpressions:\n      - key: topology.kubernetes.io/region\n        values: [eu-west-3]\n',
    },
  ],
});
