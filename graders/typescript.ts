/**
 * The TypeScript compiler, for the modules that need it (the type check's own process, the
 * similarity report's scanner); the grader never loads it.
 *
 * Loaded as CommonJS, not imported: importing its CommonJS from an ES module first scans all 9 MB
 * of it for the names it exports (0.3 s). And compiled from V8's code cache when there is one
 * (.nngrade-cache/v8/, written by the type check once it has run, so it holds the parser and
 * checker already compiled): 0.2 s less per start. On Node 22+, Node's own compile cache does
 * the same. A cache V8 rejects (another Node, another compiler) is simply written anew.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type TypeScript from 'typescript';
import { cachePath, keepInCache } from './cache/store.ts';

const CACHE_DIR = cachePath('v8');
const require = createRequire(import.meta.url);

interface Loaded {
  ts: typeof TypeScript;
  /** Writes V8's code cache for the compiler, when it had none or V8 refused the one it had. */
  saveCodeCache(): void;
}

function load(): Loaded {
  const enableCompileCache = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (enableCompileCache) {
    enableCompileCache(CACHE_DIR);
    return { ts: require('typescript'), saveCodeCache: () => {} };
  }
  const file = require.resolve('typescript');
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const key = createHash('sha256').update(`${file}\0${size}\0${mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 24);
  const cacheFile = join(CACHE_DIR, `typescript-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as typeof TypeScript };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    ts: module.exports,
    saveCodeCache: () => {
      if (cachedData && !script.cachedDataRejected) return;
      // Where it cannot be written, the compiler is compiled afresh each time.
      keepInCache(cacheFile, script.createCachedData());
    },
  };
}

const loaded = load();
const ts = loaded.ts;
export default ts;
export const saveCompilerCodeCache = loaded.saveCodeCache;
