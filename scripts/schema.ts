/** `npm run schema`: writes docs/report.schema.json, the JSON Schema of report.json, from its zod schema. */
import { fileURLToPath } from 'node:url';
import writeFileAtomic from 'write-file-atomic';
import { reportJsonSchema } from '../graders/report/schema.ts';
import { runCli } from './cli.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../docs/report.schema.json', import.meta.url));

void runCli('schema', async () => {
  writeFileAtomic.sync(SCHEMA_PATH, reportJsonSchema());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
});
