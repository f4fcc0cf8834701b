/** Writes docs/findings.md from the findings catalogue: `npm run docs:findings`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderFindingsDoc } from '../shared/checks/findings-doc';

const target = fileURLToPath(new URL('../docs/findings.md', import.meta.url));
writeFileSync(target, renderFindingsDoc());
console.log(`Wrote ${target}`);
