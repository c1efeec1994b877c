/**
 * The similarity report's speed on a made-up class: `count` submissions built from the correct
 * solutions of test/submissions/correct, each disguised (renamed, comments dropped, literals
 * changed, relaid out, functions shuffled) and every tenth an exact copy of the one before.
 * Every solution is shared by a large part of the class, so far more pairs share code than in a
 * real class: a heavy case. `npm run bench` calls benchSimilarity; run alone it takes the count
 * as its argument: `npx tsx scripts/bench-similarity.ts 300`.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seededRandom } from '../graders/random.ts';
import { disguise, renameTo } from '../graders/similarity/disguise.ts';
import { DEFAULT_FINGERPRINT_SETTINGS } from '../graders/similarity/fingerprint.ts';
import { compareClass, writeSimilarityReports } from '../graders/similarity/run.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORRECT = join(ROOT, 'test', 'submissions', 'correct');

/** Top-level declarations in another order, as a student who copied might reorder them. */
function shuffleDeclarations(text: string, random: () => number): string {
  const chunks = text.split(/\n(?=(?:export )?(?:function|const|type|interface) )/);
  for (let i = chunks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [chunks[i], chunks[j]] = [chunks[j], chunks[i]];
  }
  return chunks.join('\n');
}

function writeClass(dir: string, count: number): void {
  const random = seededRandom(7);
  const families = readdirSync(CORRECT).filter((name) => statSync(join(CORRECT, name)).isDirectory());
  for (let i = 0; i < count; i++) {
    const student = join(dir, `student${String(i).padStart(4, '0')}`);
    if (i % 10 === 9) {
      cpSync(join(dir, `student${String(i - 1).padStart(4, '0')}`), student, { recursive: true });
      continue;
    }
    const family = join(CORRECT, families[i % families.length]);
    mkdirSync(student, { recursive: true });
    for (const file of readdirSync(family)) {
      const text = readFileSync(join(family, file), 'utf8');
      const disguised = disguise(shuffleDeclarations(text, random), {
        rename: renameTo(`s${i}_`),
        dropComments: random() < 0.5,
        changeLiterals: random() < 0.5,
        reflow: random() < 0.3,
      });
      writeFileSync(join(student, file), disguised);
    }
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (path: string) => `${(statSync(path).size / 1e6).toFixed(1)} MB`;

/** Builds the class, compares it and writes the reports; one line with the times. */
export async function benchSimilarity(count: number): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'nngrade-similarity-bench-'));
  try {
    const classDir = join(root, 'class');
    writeClass(classDir, count);
    const start = performance.now();
    const comparison = await compareClass({ classDir, starterDir: join(ROOT, 'starter'), settings: DEFAULT_FINGERPRINT_SETTINGS });
    const compared = performance.now();
    const [json, html] = await writeSimilarityReports(join(root, 'out'), comparison, { classFolder: 'class', starter: 'starter/' });
    const written = performance.now();
    const pairs = (count * (count - 1)) / 2;
    return (
      `similarity of ${count} submissions: compared in ${seconds(compared - start)} ` +
      `(${comparison.report.pairs.length} of ${pairs} pairs share code), ` +
      `reports written in ${seconds(written - compared)} (json ${megabytes(json)}, html ${megabytes(html)}); total ${seconds(written - start)}`
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void benchSimilarity(Number(process.argv[2] ?? 300)).then((line) => process.stdout.write(`${line}\n`));
}
