/** `<out>/intake.json`: each student's intake decision, validated by the schema in graders/intake/schema.ts. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Intake } from '../intake/index.ts';
import { IntakeFileSchema } from '../intake/schema.ts';
import { json } from './files.ts';

export async function writeIntakeJson(out: string, sources: string[], intake: Pick<Intake, 'decisions' | 'warnings'>): Promise<string> {
  const file = IntakeFileSchema.parse({ sources, warnings: intake.warnings, students: intake.decisions });
  await mkdir(out, { recursive: true });
  const path = join(out, 'intake.json');
  await writeFileAtomic(path, json(file));
  return path;
}
