/**
 * Runs one of the project's TypeScript entry points as JavaScript compiled once, instead of
 * through tsx on every start: `node scripts/launch.mjs scripts/grade.ts <args>`.
 *
 * The entry is bundled by esbuild (packages stay external, loaded from node_modules) into
 * .nngrade-cache/build/, beside a manifest of the files it was built from and a hash of their
 * contents. Each start hashes those files again (a few milliseconds) and rebuilds only when one
 * changed, so an edit, a `git pull` or a fresh student kit never runs stale code. `npm install`
 * builds the commands ahead (the `prepare` script runs `--build`); without that the first run
 * builds. Where the cache cannot be written (a read-only install), the entry runs through tsx.
 *
 * Plain JavaScript because it is what makes the TypeScript runnable.
 */
import { createHash } from 'node:crypto';
import module from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.nngrade-cache', 'build');
/** Bump when the build options below change: every cached build is then rebuilt. */
const BUILD_FORMAT = 4;
/** Read by esbuild while bundling but not listed among the inputs it reports; the lock file stands for node_modules. */
const ALSO_READ = ['tsconfig.json', 'package-lock.json'];
const BANNER = [
  "import { createRequire as __nngradeRequire } from 'node:module';",
  "import { fileURLToPath as __nngradePath } from 'node:url';",
  'const require = __nngradeRequire(import.meta.url);',
  'const __filename = __nngradePath(import.meta.url);',
  "const __dirname = __nngradePath(new URL('.', import.meta.url));",
].join(' ');
/** Left to node_modules at run time. */
const EXTERNAL = ['esbuild', 'typescript', 'tsx', 'vitest', 'playwright-core'];
/** The commands `npm install` builds ahead (those present: the student kit has two). */
const PREBUILT = ['scripts/grade.ts', 'scripts/check.ts', 'scripts/similarity.ts', 'scripts/gradescope-run.ts', 'graders/typecheck/worker.ts'];

const slashed = (path) => path.split(sep).join('/');
const cacheName = (entry) => slashed(entry).replace(/\.ts$/, '').replace(/[^\w-]+/g, '_');

/** A hash of every input's path and content: what decides whether a build is current. */
function inputsHash(inputs) {
  const hash = createHash('sha256').update(`${BUILD_FORMAT}\0${ROOT}\0`);
  for (const input of inputs) {
    hash.update(input).update('\0');
    try {
      hash.update(readFileSync(join(ROOT, input)));
    } catch {
      hash.update('\0missing\0');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Each module's `import.meta.url` stays the URL of its source file, so that paths found from it
 * (fixtures, the harness, package.json) mean the same compiled as they do under tsx.
 */
const sourceUrls = {
  name: 'nngrade-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
    // An optional module that is absent here (reference/ in the student kit) stays a dynamic
    // import that fails at run time, which the code around it expects.
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const path = resolve(args.resolveDir, args.path);
      try {
        statSync(path);
        return undefined;
      } catch {
        return { path: pathToFileURL(path).href, external: true };
      }
    });
  },
};

/**
 * The external packages are CommonJS: imported from an ES module, Node first scans each whole
 * file for the names it exports (50 ms for esbuild's API, 300 ms for the compiler). Required
 * instead, through a small CommonJS module of the bundle, they load as plain CommonJS.
 */
const requireExternals = {
  name: 'nngrade-require-externals',
  setup(build) {
    const filter = new RegExp(`^(${EXTERNAL.join('|')})$`);
    build.onResolve({ filter }, (args) => (args.namespace === 'nngrade-required' ? { path: args.path, external: true } : { path: args.path, namespace: 'nngrade-required' }));
    build.onLoad({ filter: /.*/, namespace: 'nngrade-required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

function writeAtomically(path, text) {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

/** Bundles one entry into the cache; returns its manifest. */
async function build(entry) {
  const { build: esbuild } = await import('esbuild');
  const name = cacheName(entry);
  const output = `${name}.${Date.now().toString(36)}${process.pid.toString(36)}.mjs`;
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    // Packages are bundled too: resolving and loading some hundred module files costs a grader
    // start 0.2 s. The compilers stay outside (large, and loaded only by what needs them).
    external: EXTERNAL,
    // Bundled CommonJS packages call require() for Node's builtins, and some name their own file.
    banner: { js: BANNER },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: join(CACHE, output),
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [sourceUrls, requireExternals],
  });
  mkdirSync(CACHE, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // Files of packages are stood for by the lock file: hashing them all would slow every start.
  const own = Object.keys(result.metafile.inputs).map(slashed).filter((input) => !input.startsWith('node_modules/'));
  const inputs = [...new Set([...own, ...ALSO_READ])].sort();
  const manifest = { entry: slashed(entry), output, inputs, hash: inputsHash(inputs) };
  writeAtomically(join(CACHE, `${name}.json`), `${JSON.stringify(manifest, null, 1)}\n`);
  removeOldBuilds(name, output);
  return manifest;
}

/** Earlier builds of the same entry, once they are old enough that no run can still be loading them. */
function removeOldBuilds(name, keep) {
  const hourAgo = Date.now() - 3600_000;
  for (const file of readdirSync(CACHE)) {
    if (!file.startsWith(`${name}.`) || file === `${name}.json` || file.startsWith(keep)) continue;
    try {
      if (statSync(join(CACHE, file)).mtimeMs < hourAgo) rmSync(join(CACHE, file), { force: true });
    } catch {
      // another run removed it first
    }
  }
}

/** The compiled entry, built now when there is none or its sources changed; undefined when the cache cannot be written. */
export async function compiledEntry(entry) {
  const name = cacheName(entry);
  try {
    const manifest = JSON.parse(readFileSync(join(CACHE, `${name}.json`), 'utf8'));
    const output = join(CACHE, manifest.output);
    if (manifest.entry === slashed(entry) && existsSync(output) && inputsHash(manifest.inputs) === manifest.hash) return output;
  } catch {
    // no build yet, or an unreadable one: build
  }
  try {
    return join(CACHE, (await build(entry)).output);
  } catch (error) {
    const code = error?.code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return undefined;
    throw error;
  }
}

async function run(entry, args) {
  const compiled = await compiledEntry(entry);
  process.argv = [process.argv[0], join(ROOT, entry), ...args];
  if (compiled) {
    // Node 22+ keeps the compiled code of every module between runs; Node 20 has no such cache.
    module.enableCompileCache?.(join(ROOT, '.nngrade-cache', 'v8'));
    if (process.env.NNGRADE_DEBUG) process.setSourceMapsEnabled(true);
    await import(pathToFileURL(compiled).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, entry)).href);
}

/**
 * `--print <entry>`: the compiled file's path, built if needed (the benchmark runs it bare).
 * `--build`: compile every command present ahead of use (npm install's `prepare`). */
async function buildAll() {
  for (const entry of PREBUILT) {
    try {
      statSync(join(ROOT, entry));
    } catch {
      continue;
    }
    if (!(await compiledEntry(entry))) {
      process.stderr.write(`nngrade: cannot write ${relative(process.cwd(), CACHE)}: the commands will run through tsx, more slowly\n`);
      return;
    }
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [entry, ...args] = process.argv.slice(2);
  if (entry === '--build') await buildAll();
  else if (entry === '--print') process.stdout.write(`${(await compiledEntry(args[0])) ?? ''}\n`);
  else if (!entry || !entry.endsWith('.ts')) {
    process.stderr.write(`${basename(process.argv[1])}: give the entry point to run, e.g. node scripts/launch.mjs scripts/grade.ts\n`);
    process.exitCode = 2;
  } else await run(entry, args);
}
