/** Entry point VS Code's extension host calls to run the bundled extension tests. */
import { join } from 'node:path';
import Mocha from 'mocha';

/** Runs the suite; rejects when a test fails. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: true });
  mocha.addFile(join(__dirname, 'diagnostics.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
  });
}
