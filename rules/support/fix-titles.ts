/**
 * Fix titles several rules share, by fix id: a rule that offers one spreads it into its
 * `meta.fixes`. The values a title shows (attribute names, literals, region codes) are code,
 * written the same in every language.
 */

/** `Set encrypted = true`: one Terraform argument and the literal it gets. */
export const SET_ATTRIBUTE = { 'set-attribute': 'Set {{attribute}} = {{value}}' } as const;
/** `Set a = true, b = true`: several Terraform arguments at once. */
export const SET_ATTRIBUTES = { 'set-attributes': 'Set {{assignments}}' } as const;
/** `Add encrypt_at_rest { enabled = true }`: a block written out. */
export const ADD_BLOCK = { 'add-block': 'Add {{block}}' } as const;
/** `Set privileged: false`: a YAML field and its value. */
export const SET_FIELD = { 'set-field': 'Set {{field}}: {{value}}' } as const;
/** `Add encrypted: "true"`: a YAML field that is not written yet. */
export const ADD_FIELD = { 'add-field': 'Add {{field}}: {{value}}' } as const;
/** `Set ssl-redirect to "true"`: a setting named in words (an annotation, a flag). */
export const SET_TO = { 'set-to': 'Set {{field}} to {{value}}' } as const;
/** `Set it to "redirect-to-https"`: the value the finding points at. */
export const SET_IT = { 'set-it': 'Set it to {{value}}' } as const;
/** `Replace with eu-west-3`: a region inside the policy. */
export const REPLACE_REGION = { 'replace-region': 'Replace with {{region}}' } as const;
