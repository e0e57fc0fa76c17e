import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { accessMarkdown } from '../../src/access/doc.ts';

it('docs/access.md is generated from the current permission catalogue (npm run docs:access)', () => {
  assert.equal(readFileSync(new URL('../../docs/access.md', import.meta.url), 'utf8'), accessMarkdown());
});
