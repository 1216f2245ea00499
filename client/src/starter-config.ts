/** The text `snclint: Create Starter Configuration` writes; kept in one place so the configuration work can replace it. */

/** File name of the repository's configuration. */
export const CONFIG_FILE = '.snclint.yml';

/** A minimal, commented starting point: every line is optional. */
export const STARTER_CONFIG = `# snclint configuration: what the editor and the snclint command both follow.
# Rule choices live here, in the repository, not in editor settings.
# \`snclint --init\` writes a longer starter listing every rule.

# Stop looking for .snclint.yml files in the folders above this one.
# root: true

# recommended (default) or strict (warnings become errors).
extends: recommended

# Per-rule level: error, warning, info or off.
# rules:
#   non-eu-region: error

# regions:
#   policy: eu          # eu (default), eea, fr, or a list of country codes: [FR, DE]
#   preferred:          # the region fixes propose, per cloud
#     aws: eu-west-3

# Files never linted (globs relative to this file, as in .gitignore).
# ignore:
#   - "vendor/"
`;
