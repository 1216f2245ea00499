/** What the fuzz target needs from the engine and the test harness, bundled on the fly by bench/fuzz.mjs. */
export { RULES } from '../rules';
export { DEFAULT_SETTINGS } from '../server/src/config/settings';
export { lint } from '../server/src/lint/linter';
export { SourceFile, languageOf } from '../server/src/engine/source';
export { parseHcl } from '../server/src/terraform/parser';
export { parseTerraformJson } from '../server/src/terraform/json';
export { isTerraformPlan, parsePlanJson } from '../server/src/terraform/plan';
export { parseJsonFile, parseYamlFile } from '../server/src/kubernetes/parser';
export { LspClient } from '../test/harness/lsp-client';
