/** The JSON Schema of `.snclint.yml` / `.snclint.json`, built from the same tables the validator uses. */
import type { RuleMeta } from '../engine/rule-meta';
import { PRESET_NAMES } from './presets';
import type { ConfigVocabulary } from './vocabulary';

type Schema = { readonly [k: string]: unknown };

const LEVEL: Schema = { enum: ['error', 'warning', 'info', 'off'], description: 'error, warning, info, or off to disable the rule.' };
const COUNTRY: Schema = { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code, such as FR or DE.' };
// A section whose entries are all commented out (as in the starter) is null in YAML: an empty mapping.
const MAPPING = ['object', 'null'];
const GLOBS: Schema = { type: 'array', items: { type: 'string', minLength: 1 } };

function optionSchema(meta: RuleMeta): Schema {
  const props: Record<string, Schema> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) {
    const base: Schema =
      spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : spec.enum ? { enum: [...spec.enum] } : { type: spec.type };
    props[name] = { ...base, description: spec.description };
  }
  return { type: 'object', additionalProperties: false, properties: props };
}

function ruleSchema(meta: RuleMeta): Schema {
  const level = { ...LEVEL, markdownDescription: `**${meta.title}** (default: \`${meta.severity}\`)\n\n${meta.description}` };
  return {
    anyOf: [
      level,
      {
        type: 'object',
        additionalProperties: false,
        properties: { level: LEVEL, options: optionSchema(meta) },
        markdownDescription: level.markdownDescription,
      },
    ],
  };
}

function layer({ rules, regions }: ConfigVocabulary): Record<string, Schema> {
  return {
    extends: { enum: [...PRESET_NAMES], description: 'recommended: every rule at its default level; strict: warnings become errors.' },
    rules: {
      type: MAPPING,
      description: 'Level (and options) per rule.',
      additionalProperties: false,
      properties: Object.fromEntries(rules.map((r) => [r.id, ruleSchema(r)])),
    },
    regions: {
      type: MAPPING,
      additionalProperties: false,
      properties: {
        policy: {
          description: 'Where data may live: eu (default), eea, fr, or a list of country codes.',
          anyOf: [{ enum: ['eu', 'eea', 'fr'] }, { type: 'array', minItems: 1, items: COUNTRY }],
        },
        custom: { type: MAPPING, description: 'Region names of your own clouds, with their country.', additionalProperties: COUNTRY },
        preferred: {
          type: MAPPING,
          description: 'The region quick fixes propose, per cloud.',
          additionalProperties: false,
          properties: Object.fromEntries(regions.providers.map((p) => [p, { type: 'string', minLength: 1 }])),
        },
      },
    },
  };
}

/** The schema, for editors (VS Code's jsonValidation, the YAML extension's yamlValidation), from the rules' vocabulary. */
export function configJsonSchema(vocabulary: ConfigVocabulary): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'snclint configuration (.snclint.yml, .snclint.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      root: { type: 'boolean', description: 'Stop looking for configuration files in the folders above.' },
      ...layer(vocabulary),
      ignore: { ...GLOBS, description: 'Files never linted: globs relative to this file, as in .gitignore.' },
      overrides: {
        type: 'array',
        description: 'Settings for the files matching some globs, applied in order.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { anyOf: [{ type: 'string', minLength: 1 }, GLOBS] }, ...layer(vocabulary) },
        },
      },
      qualifiedEndpoints: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description:
          'Endpoint hosts (or domain suffixes) operated by a qualified provider under EU control: extraterritorial-provider does not report provider configurations whose endpoints are all on them.',
      },
      maxFileSize: {
        type: 'integer',
        minimum: 1,
        description: 'Files larger than this many bytes are skipped with a notice (default 5242880, 5 MB).',
      },
      terraform: {
        type: MAPPING,
        additionalProperties: false,
        properties: { varFiles: { ...GLOBS, description: 'Terraform variables files (like terraform -var-file), relative to this file.' } },
      },
    },
  };
}
