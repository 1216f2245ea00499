/** The language server's lint worker thread (bundled as server/out/lint-worker.js, started by the server). */
import { parentPort } from 'node:worker_threads';
import { serveLints } from './lsp/lint-worker';

if (parentPort) serveLints(parentPort);
