/** The command tunes V8 for a short run, only on the V8 the flags were measured on, with flags that V8 knows. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { SHORT_RUN_FLAGS, tuneForShortRun, tunedFor } from '../server/src/cli/tiering';

describe('cli tiering flags', () => {
  it('applies to V8 11 only', () => {
    assert.equal(tunedFor('11.3.244.8-node.38'), true);
    assert.equal(tunedFor('12.4.254.21-node.33'), false);
    assert.equal(tunedFor('10.2.154.26-node.26'), false);
    assert.equal(tunedFor('111.0.0'), false);
  });

  it('leaves the defaults alone on another V8', () => {
    assert.equal(tuneForShortRun('12.0.0'), false);
  });

  it('names flags that this V8 accepts without a word on stderr', function () {
    if (!tunedFor(process.versions.v8)) this.skip();
    for (const flag of SHORT_RUN_FLAGS) {
      const run = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      assert.equal(run.status, 0, flag);
      assert.equal(run.stderr, '', flag);
    }
    // And a flag it does not know would be seen: the check above can fail.
    const unknown = spawnSync(process.execPath, ['--no-such-v8-flag-here', '-e', '0'], { encoding: 'utf8' });
    assert.notEqual(unknown.status === 0 && unknown.stderr === '', true);
  });
});
