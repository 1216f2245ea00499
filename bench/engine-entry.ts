/** What the benchmark needs from the engine, bundled on the fly by bench/run.mjs (the engine is TypeScript). */
export { RULES } from '../rules';
export { DEFAULT_SETTINGS } from '../server/src/config/settings';
export { lint } from '../server/src/lint/linter';
export { SourceFile, languageOf } from '../server/src/engine/source';
