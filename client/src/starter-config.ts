/** The text `snclint: Create Starter Configuration` writes; kept in one place so the configuration work can replace it. */

/** File name of the repository's configuration. */
export const CONFIG_FILE = '.snclint.yml';

/** A minimal, commented starting point: every line is optional. */
export const STARTER_CONFIG = `# snclint configuration: what the editor and the snclint command both follow.
# Rule choices live here, in the repository, not in editor settings.

# Where data may live: eu (default), eea, fr, or a list of country codes.
# regionPolicy: eu

# Region offered by fixes, per cloud.
# preferredRegions:
#   aws: eu-west-3

# Per-rule severity: error, warning, info or off.
# rules:
#   non-eu-region: error
`;
