/** Validates SARIF logs against the official SARIF 2.1.0 JSON Schema (test/fixtures/sarif, see its README). */
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;

// The schema's "language" pattern is not valid with the u flag (a stray "]"), so patterns run without it.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

/** The schema violations of a SARIF log, as "path: message" lines; empty when valid. */
export function sarifErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

// `npx tsx test/harness/sarif-validator.ts FILE...` validates SARIF files from the command line.
if (require.main === module) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const errors = sarifErrors(JSON.parse(fs.readFileSync(file, 'utf8')));
    failed ||= errors.length > 0;
    process.stdout.write(
      errors.length
        ? `${file}: ${errors.length} schema errors\n${errors.join('\n')}\n`
        : `${file}: valid SARIF 2.1.0 (schema ${path.basename('sarif-schema-2.1.0.json')})\n`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}
