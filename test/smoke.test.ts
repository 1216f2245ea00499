import { strict as assert } from 'assert';
import { parseHcl } from '../server/src/terraform/parser';
describe('smoke', () => { it('parses', () => { assert.equal(parseHcl('a = 1\n').body.attributes.length, 1); }); });
