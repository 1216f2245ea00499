/** The commented `.snclint.yml` that `snclint --init` writes. */
import type { RuleMeta } from '../engine/rule-meta';

/** The starter configuration, listing every rule at its default level. */
export function starterConfig(rules: readonly RuleMeta[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const ruleLines = rules.map((r) => `  # ${`${r.id}:`.padEnd(width + 1)} ${r.severity.padEnd(7)} # ${r.title}`);
  return `# snclint configuration: https://cyber.gouv.fr/secnumcloud checks for Terraform and Kubernetes.
# Editors validate this file with the JSON Schema shipped in the snclint package.

# Stop looking for .snclint.yml files in the folders above this one.
root: true

# recommended: every rule at its default level; strict: warnings become errors.
extends: recommended

# Per-rule level: error, warning, info or off. Uncomment to change one.
rules:
${ruleLines.join('\n')}

regions:
  # Where data may live: eu (default), eea, fr, or a list of ISO country codes such as [FR, DE].
  policy: eu
  # Region names of your own clouds (OpenStack, private regions) and the country they are in.
  # custom:
  #   RegionOne: FR
  # The region quick fixes propose, per cloud.
  # preferred:
  #   aws: eu-west-3
  #   azure: francecentral
  #   gcp: europe-west9

# Files never linted (globs relative to this file, as in .gitignore).
ignore:
  - "**/.terraform/**"

# Settings for some files only.
# overrides:
#   - files: ["sandbox/**"]
#     rules:
#       non-eu-region: warning

# Terraform variables files to evaluate with (like terraform -var-file), relative to this file.
# terraform:
#   varFiles: [env/prod.tfvars]

# Endpoint hosts (or domains) run by a qualified provider under EU control: providers whose
# endpoints are all on them are not reported by extraterritorial-provider.
# qualifiedEndpoints: [cloud.example.eu]

# Files larger than this many bytes are skipped with a notice (default 5 MB).
# maxFileSize: 5242880

# To accept a risk on purpose, write above or at the end of the line:
#   # snclint:ignore <rule>[,<rule>] [until=YYYY-MM-DD] -- <reason>
# or, on a whole Kubernetes object, the annotation snclint/ignore: "<rule> -- <reason>".
`;
}
