/** Writes rules/config.schema.json, the published schema of .snclint.yml (`npm run schema`). */
import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchema } from '../server/src/config/json-schema';
import { KNOWN_RULES } from './presets';

/** Where the schema is published in the package. */
export const CONFIG_SCHEMA_PATH = path.join(__dirname, 'config.schema.json');

/** The schema file's expected text. */
export function configSchemaText(): string {
  return JSON.stringify(configJsonSchema(KNOWN_RULES), null, 2) + '\n';
}

if (require.main === module) fs.writeFileSync(CONFIG_SCHEMA_PATH, configSchemaText());
