/**
 * The type-check process: reads a JSON list of submission folders on stdin and writes one JSON
 * line per folder on stdout as soon as that folder is checked. It runs under a heap cap and a
 * time limit set by the grader (graders/typecheck.ts), which kills it when it goes over, so a
 * pathological submission costs at most its own warnings. With --warm (a process started ahead
 * of need) it first warms the compiler up, then waits for its list.
 *
 * The same file is the entry of the process's V8 startup snapshot (built by scripts/launch.mjs,
 * the compiler bundled in): there the compiler is loaded, its library parsed and the checker
 * warmed up once, at build time, and a process started from the snapshot begins at `serve`.
 */
import { startupSnapshot } from 'node:v8';
import { saveCompilerCodeCache } from '../typescript.ts';
import { READY_LINE } from './limits.ts';
import { readLibrary, typecheckFolder, warmUp } from './program.ts';

/** Says the compiler is ready, then checks the folders listed on stdin, one line each. */
async function serve(): Promise<void> {
  // The compiler is loaded and its library read: from here each folder has its own time
  // (graders/typecheck.ts).
  process.stdout.write(`${READY_LINE}\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const dirs = JSON.parse(Buffer.concat(chunks).toString('utf8')) as string[];
  for (const dir of dirs) {
    let warnings: string[] = [];
    try {
      warnings = typecheckFolder(dir);
    } catch {
      // A file that breaks the compiler (its stack, say) gets no warnings; the others still do.
    }
    process.stdout.write(`${JSON.stringify({ dir, warnings })}\n`);
  }
  // Now that the parser and the checker have run, V8's cache holds them compiled for the next start.
  saveCompilerCodeCache();
}

if (startupSnapshot?.isBuildingSnapshot()) {
  // The warm-up parses the library too.
  warmUp();
  startupSnapshot.setDeserializeMainFunction(() => void serve());
} else {
  if (process.argv.includes('--warm')) {
    try {
      warmUp();
    } catch {
      // the folders are checked all the same, only more slowly
    }
  }
  try {
    readLibrary();
  } catch {
    // read again, and failing again, by the first folder's check
  }
  void serve();
}
