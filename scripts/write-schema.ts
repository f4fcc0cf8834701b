/** Writes docs/plan.schema.json from the zod schema (npm run schema). */
import { writeFileSync } from 'node:fs';
import { planJsonSchemaText } from '../shared/plan/json-schema';

writeFileSync(new URL('../docs/plan.schema.json', import.meta.url), planJsonSchemaText());
console.log('wrote docs/plan.schema.json');
