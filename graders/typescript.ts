/**
 * The TypeScript compiler, for the modules that need it (the type check's own process, the
 * similarity report's scanner); the grader never loads it. Loaded with require rather than
 * import: importing its CommonJS from an ES module first scans all 9 MB of it for the names it
 * exports, 0.3 s on every start.
 */
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

const ts: typeof TypeScript = createRequire(import.meta.url)('typescript');
export default ts;
