// Writes docs/access.md from the permission catalogue.
import { writeFileSync } from 'node:fs';
import { accessMarkdown } from '../src/access/doc.ts';

writeFileSync(new URL('../docs/access.md', import.meta.url), accessMarkdown());
