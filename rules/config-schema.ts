/** The published schema of .snclint.yml, written at build time next to the server bundle. */
import * as fs from 'node:fs';
import { configJsonSchema } from '../server/src/config/json-schema';
import { CONFIG_VOCABULARY } from './vocabulary';

/** Where the package publishes the schema (package.json contributes it from there). */
export const CONFIG_SCHEMA_FILE = 'server/out/config.schema.json';

/** The schema file's text, from the rules of this build. */
export function configSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(CONFIG_VOCABULARY), null, 2)}\n`;
}

// esbuild.mjs bundles this file and runs it with the output path, so the schema always matches the rules.
if (require.main === module && process.argv[2]) fs.writeFileSync(process.argv[2], configSchemaText());
