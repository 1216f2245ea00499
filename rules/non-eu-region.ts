/** non-eu-region: data and its copies stay in regions inside the European Union (or the team's chosen area). */
import { defineRule } from '../server/src/lint/rule';
import { LocationJudge, checkTerraformRegions } from './support/region-terraform';
import { checkKubernetesRegions } from './support/k8s-regions';
import { REPLACE_REGION, SET_ATTRIBUTE } from './support/fix-titles';

export default defineRule({
  meta: {
    id: 'non-eu-region',
    title: 'Keep data and its copies in regions inside the European Union',
    description:
      'Reports locations outside the allowed area (the EU by default) on every major cloud: provider ' +
      'regions and zones (AWS, Google Cloud and the S3NS universe, OpenStack/OVHcloud, Scaleway, Outscale ' +
      'with its api block, Oracle, IBM, Alibaba), resource locations (AWS availability zones and zone ' +
      'lists, Azure display and canonical names, Google regions, zones, multi-regions and dual-regions, ' +
      'OVHcloud in its three naming schemes, regions lists and order datacenters, Outscale subregions, ' +
      'Hetzner locations, datacenters and network zones, Scaleway and Exoscale zones), the s3, gcs and ' +
      'azurerm state backends, copies that leave the area (S3 replication destinations, DynamoDB replicas, ' +
      'backup copy actions, RDS and snapshot copies through another provider configuration, Azure ' +
      'geo-redundant pairs, GCS dual-region members), and Kubernetes workloads pinned to a region label. A ' +
      'literal location the tables do not know is reported once, as info.',
    rationale:
      'SecNumCloud 19.2 requires tenant data (19.2.b) and technical data such as identities, logs, ' +
      'configuration and Terraform state (19.2.d) to be stored and processed within the European Union, ' +
      'and 12.5.d requires backups to follow the same location rules as the data. A resource or a copy in ' +
      'a region outside it puts the data under another jurisdiction. The United Kingdom, Switzerland and ' +
      'Norway are not in the EU; a multi-region location is inside only if every member is.',
    remediation:
      'Deploy to a region inside the EU, such as eu-west-3 (Paris) on AWS, francecentral on Azure or ' +
      'europe-west9 on Google Cloud, and keep replicas, backup copies and geo-redundant pairs there too. A ' +
      'team chooses its preferred regions and its policy (eu, eea, fr or a list of countries) in ' +
      '.snclint.yml, and declares private region names (an OpenStack RegionOne) under customRegions.',
    severity: 'error',
    requirements: ['19.2.b', '19.2.d', '12.5.d'],
    fixable: true,
    covers: [
      'provider region and zone: aws, google, google-beta (with universe_domain = "s3nsapis.fr"), ' +
        'openstack, scaleway, outscale, oci, ibm, alicloud',
      'resource locations: aws_* region, azurerm_* and azapi_* location (nested too), google_* ' +
        'region/zone/location/data_locations, ovh_* and openstack_* region, scaleway_* region/zone, ' +
        'outscale_* subregion_name, ibm_* region/zone, hcloud_* location/datacenter, exoscale_* zone',
      'terraform backends s3 (AWS and S3-compatible endpoints of Scaleway, OVHcloud, Outscale), gcs and ' +
        'azurerm (through the bucket or account defined in the module)',
      'copies: aws_s3_bucket_replication_configuration and legacy replication_configuration, ' +
        'aws_backup_plan copy_action, aws_dynamodb_table replica and aws_dynamodb_table_replica, ' +
        'aws_db_instance read replicas, aws_rds_cluster replication, ' +
        'aws_db_instance_automated_backups_replication, aws_ebs_snapshot_copy, aws_ami_copy',
      'azurerm_storage_account geo-redundant replication (GRS, RA-GRS, GZRS, RA-GZRS) and the paired region',
      'Kubernetes nodeSelector and nodeAffinity on region and zone labels, StorageClass allowedTopologies ' +
        'and zone or zones parameters',
    ],
    limits:
      'A location that comes from a variable without default, the environment (AWS_REGION, GOOGLE_REGION) ' +
      'or another resource is unknown and never reported. Google "global" and "europe" locations give no ' +
      'residency guarantee and are reported as info. Where a managed service keeps metadata or support ' +
      "data (control planes, global DNS) is a matter of the provider's contract, not of configuration.",
    messages: {
      'region-outside': '{{subject}} uses region {{region}}{{via}}, outside {{area}}.',
      'store-region-outside': '{{subject}} is {{store}}, which uses region {{region}}{{via}}, outside {{area}}.',
      'location-outside': '{{subject}} uses location {{region}}{{via}}, outside {{area}}.',
      'store-location-outside': '{{subject}} is {{store}}, which uses location {{region}}{{via}}, outside {{area}}.',
      'code-in-region-outside': '{{subject}} uses location {{code}} in region {{region}}{{via}}, outside {{area}}.',
      'store-code-in-region-outside':
        '{{subject}} is {{store}}, which uses location {{code}} in region {{region}}{{via}}, outside ' + '{{area}}.',
      'code-in-location-outside': '{{subject}} uses location {{code}} in location {{region}}{{via}}, outside {{area}}.',
      'store-code-in-location-outside':
        '{{subject}} is {{store}}, which uses location {{code}} in location {{region}}{{via}}, outside ' + '{{area}}.',
      unknown:
        '{{subject}} uses location "{{code}}", which the region tables do not know: whether it lies inside ' +
        '{{area}} cannot be verified. Declare it under customRegions in .snclint.yml.',
      'store-unknown':
        '{{subject}} is {{store}}, which uses location "{{code}}", which the region tables do not know: ' +
        'whether it lies inside {{area}} cannot be verified. Declare it under customRegions in .snclint.yml.',
      uncertain: '{{subject}} uses location {{code}}{{via}}, which gives no guarantee that data stays inside {{area}} ' + '({{notes}}).',
      'store-uncertain':
        '{{subject}} is {{store}}, which uses location {{code}}{{via}}, which gives no guarantee that data ' +
        'stays inside {{area}} ({{notes}}).',
      'geo-pair': "{{resource}} keeps geo-redundant copies ({{kind}}) in {{code}}'s paired region {{region}}, outside {{area}}.",
      'scheduled-region': '{{object}} is scheduled in region {{region}}, outside {{area}}.',
      'scheduled-code': '{{object}} is scheduled in {{code}}, in region {{region}}, outside {{area}}.',
      'volumes-region': '{{object}} places volumes in region {{region}}, outside {{area}}.',
      'volumes-code': '{{object}} places volumes in {{code}}, in region {{region}}, outside {{area}}.',
    },
    fixes: { ...REPLACE_REGION, ...SET_ATTRIBUTE },
    examples: {
      good: [
        { language: 'terraform', code: 'provider "aws" {\n  region = "eu-west-3"\n}\n' },
        {
          language: 'terraform',
          title: 'An Azure display name inside the EU and a GCS bucket in the EU multi-region',
          code: 'resource "azurerm_resource_group" "rg" {\n  name     = "rg"\n  location = "France Central"\n}\n\nresource "google_storage_bucket" "data" {\n  name     = "data"\n  location = "EU"\n}\n',
        },
        {
          language: 'yaml',
          code:
            'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    ' +
            'topology.kubernetes.io/region: eu-central-1\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
      bad: [
        { language: 'terraform', code: 'provider "aws" {\n  region = "us-east-1"\n}\n' },
        {
          language: 'terraform',
          title: 'A GCS dual-region that includes London',
          code: 'resource "google_storage_bucket" "data" {\n  name     = "data"\n  location = "EUR5"\n}\n',
        },
        {
          language: 'yaml',
          code:
            'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    ' +
            'topology.kubernetes.io/region: us-east-1\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
    },
  },
  check(ctx) {
    const judge = new LocationJudge(ctx);
    for (const mod of ctx.terraform) checkTerraformRegions(judge, ctx, mod);
    checkKubernetesRegions(ctx);
  },
});
