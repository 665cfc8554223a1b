/** Writes schema/stage-sync.schema.json from the schema data (run by `npm run bundle`). */
import { writeFileSync } from 'node:fs';
import { specFileJsonSchema } from '../src/schema/spec-file-schema.ts';

const SPEC_SCHEMA_PATH = 'schema/stage-sync.schema.json';

writeFileSync(
  new URL(`../${SPEC_SCHEMA_PATH}`, import.meta.url),
  `${JSON.stringify(specFileJsonSchema(), null, 2)}\n`,
);
