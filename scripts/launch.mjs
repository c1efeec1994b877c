/**
 * Runs one of the project's TypeScript entry points as JavaScript compiled once, instead of
 * through tsx on every start: `node scripts/launch.mjs scripts/grade.ts <args>`.
 *
 * The entry is bundled by esbuild (the compilers stay external, loaded from node_modules) into
 * .nngrade-cache/build/, beside a manifest of the files it was built from and a hash of their
 * contents. Each start hashes those files again (a few milliseconds) and rebuilds only when one
 * changed, so an edit, a `git pull` or a fresh student kit never runs stale code. `npm install`
 * builds the commands ahead (the `prepare` script runs `--build`); without that the first run
 * builds. Where the cache cannot be written (a read-only install), the entry runs through tsx.
 *
 * The build is CommonJS (an entry has no top-level await), so that its compiled code can be kept
 * between runs: Node 22 and later keep it themselves (module.enableCompileCache); on Node 20 the
 * launcher compiles the bundle with V8's code cache from .nngrade-cache/v8/ and writes the cache
 * when a run had none (compiling 1.5 MB of bundle took 35 ms of every start).
 *
 * Plain JavaScript because it is what makes the TypeScript runnable.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import module from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.nngrade-cache', 'build');
const V8_CACHE = join(ROOT, '.nngrade-cache', 'v8');
/** Bump when the build options below change: every cached build is then rebuilt. */
const BUILD_FORMAT = 5;
/** Read by esbuild while bundling but not listed among the inputs it reports; the lock file stands for node_modules. */
const ALSO_READ = ['tsconfig.json', 'package-lock.json'];
/** Left to node_modules at run time. */
const EXTERNAL = ['esbuild', 'typescript', 'tsx', 'vitest', 'playwright-core'];
/** The commands `npm install` builds ahead (those present: the student kit has two). */
const PREBUILT = ['scripts/grade.ts', 'scripts/check.ts', 'scripts/similarity.ts', 'scripts/gradescope-run.ts', 'graders/typecheck/worker.ts'];

/**
 * The type check's process (graders/typecheck.ts) starts from a V8 startup snapshot of its own: the
 * compiler loaded, its library parsed and the checker warmed up once, when the snapshot is built,
 * instead of at every start (0.25 s of the processor, taken beside the training). Built by
 * `--build` and, where missing (another Node, a changed compiler), by the first command that type
 * checks; it serves only the Node and the V8 flags it was built with (graders/typecheck/process.json).
 * The commands below find it here and name it to the grader in NNGRADE_TYPECHECK_SNAPSHOT; without
 * one the process loads the compiler itself, as before.
 */
const TYPECHECK_WORKER = 'graders/typecheck/worker.ts';
const TYPECHECKING = ['scripts/grade.ts', 'scripts/check.ts', 'scripts/gradescope-run.ts'];
const SNAPSHOTS = join(ROOT, '.nngrade-cache', 'snapshot');
/** Bump when the snapshot's build changes: every snapshot is then built anew. */
const SNAPSHOT_FORMAT = 1;

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
    build.onLoad({ filter: /\.[cm]?ts$/, namespace: 'file' }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
    // An optional module that is absent here (reference/ in the student kit) becomes one whose
    // import fails at run time as a missing module's does, which the code around it expects.
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const path = resolve(args.resolveDir, args.path);
      try {
        statSync(path);
        return undefined;
      } catch {
        return { path, namespace: 'nngrade-missing' };
      }
    });
    build.onLoad({ filter: /.*/, namespace: 'nngrade-missing' }, (args) => ({
      contents: `throw Object.assign(new Error(${JSON.stringify(`Cannot find module ${args.path}`)}), { code: 'ERR_MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
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
  const output = `${name}.${Date.now().toString(36)}${process.pid.toString(36)}.cjs`;
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    // Packages are bundled too: resolving and loading some hundred module files costs a grader
    // start 0.2 s. The compilers stay outside (large, and loaded only by what needs them).
    external: EXTERNAL,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: join(CACHE, output),
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [sourceUrls],
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

/**
 * Earlier builds of the same entry, and V8's code caches of them (.nngrade-cache/v8/), once they
 * are old enough that no run can still be loading them.
 */
function removeOldBuilds(name, keep) {
  for (const folder of [CACHE, V8_CACHE]) removeOld(folder, (file) => file.startsWith(`${name}.`) && file !== `${name}.json` && !file.startsWith(keep));
}

/** The files of `folder` that `stale` picks, once they are over an hour old. */
function removeOld(folder, stale) {
  const hourAgo = Date.now() - 3600_000;
  let files;
  try {
    files = readdirSync(folder);
  } catch {
    return;
  }
  for (const file of files) {
    if (!stale(file)) continue;
    try {
      if (statSync(join(folder, file)).mtimeMs < hourAgo) rmSync(join(folder, file), { force: true });
    } catch {
      // another run removed it first
    }
  }
}

const unwritable = (error) => ['EACCES', 'EROFS', 'EPERM'].includes(error?.code);

/** The manifest of the entry's current build, built now when there is none or its sources changed; undefined when the cache cannot be written. */
async function currentBuild(entry) {
  const name = cacheName(entry);
  try {
    const manifest = JSON.parse(readFileSync(join(CACHE, `${name}.json`), 'utf8'));
    if (manifest.entry === slashed(entry) && existsSync(join(CACHE, manifest.output)) && inputsHash(manifest.inputs) === manifest.hash) return manifest;
  } catch {
    // no build yet, or an unreadable one: build
  }
  try {
    return await build(entry);
  } catch (error) {
    if (unwritable(error)) return undefined;
    throw error;
  }
}

/** A build's compiled file. */
const compiledFile = (manifest) => join(CACHE, manifest.output);

/** The compiled entry, built now when there is none or its sources changed; undefined when the cache cannot be written. */
export async function compiledEntry(entry) {
  const manifest = await currentBuild(entry);
  return manifest && compiledFile(manifest);
}

/** In the snapshot's build, the compiler is bundled in, a plain module (graders/typescript.ts loads it at run time). */
const inlineCompiler = {
  name: 'nngrade-inline-compiler',
  setup(build) {
    build.onResolve({ filter: /typescript\.ts$/ }, (args) =>
      resolve(args.resolveDir, args.path) === join(ROOT, 'graders', 'typescript.ts') ? { path: 'typescript', namespace: 'nngrade-compiler' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'nngrade-compiler' }, () => ({
      contents: "import ts from 'typescript';\nexport default ts;\nexport function saveCompilerCodeCache() {}\n",
      loader: 'ts',
      resolveDir: ROOT,
    }));
  },
};

/**
 * The type check's snapshot for this Node, built now when there is none; undefined where it
 * cannot be (no type check here, a cache that cannot be written, a Node that failed to build it).
 */
export async function typecheckSnapshot() {
  let flags;
  let compiler;
  try {
    const { memoryMb, v8Flags } = JSON.parse(readFileSync(join(ROOT, 'graders', 'typecheck', 'process.json'), 'utf8'));
    flags = [`--max-old-space-size=${memoryMb}`, ...v8Flags];
    compiler = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
  const manifest = await currentBuild(TYPECHECK_WORKER);
  if (!manifest) return undefined;
  const key = createHash('sha256').update(JSON.stringify([SNAPSHOT_FORMAT, manifest.hash, compiler, flags, process.arch])).digest('hex').slice(0, 16);
  const name = `typecheck.${process.version}.${key}`;
  const blob = join(SNAPSHOTS, `${name}.blob`);
  if (existsSync(blob)) return blob;
  // Tried and failed with this Node: not tried again at every start.
  if (existsSync(`${blob}.failed`)) return undefined;
  try {
    mkdirSync(SNAPSHOTS, { recursive: true });
    await buildSnapshot(blob, flags);
    return blob;
  } catch (error) {
    if (!unwritable(error)) writeAtomically(`${blob}.failed`, `${String(error?.message ?? error)}\n`);
    return undefined;
  }
}

/** Bundles the type check's process with its compiler and has Node write its startup snapshot; throws where Node cannot. */
async function buildSnapshot(blob, flags) {
  const { build: esbuild } = await import('esbuild');
  const script = `${blob}.${process.pid}.cjs`;
  const partial = `${blob}.${process.pid}.partial`;
  try {
    await esbuild({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, TYPECHECK_WORKER)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: script,
      logLevel: 'silent',
      plugins: [inlineCompiler, sourceUrls],
    });
    const { NODE_EXTRA_CA_CERTS: _certificates, ...env } = process.env;
    const made = spawnSync(process.execPath, ['--no-warnings', ...flags, '--snapshot-blob', partial, '--build-snapshot', script], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (made.status !== 0) throw new Error(made.error?.message ?? made.stderr?.toString('utf8') ?? `exit ${made.status}`);
    renameSync(partial, blob);
    // This Node's snapshots of earlier sources.
    const name = basename(blob);
    removeOld(SNAPSHOTS, (file) => file.startsWith(`typecheck.${process.version}.`) && !file.startsWith(name));
  } finally {
    rmSync(script, { force: true });
    rmSync(partial, { force: true });
  }
}


/**
 * Runs a compiled bundle. Node 22+ keeps its compiled code between runs by itself; on Node 20 it
 * is compiled here with V8's code cache, written at the end of a run that had none (or had one V8
 * refused: another Node, other flags), by then holding the functions the run compiled too.
 */
function runCompiled(compiled) {
  const require = module.createRequire(compiled);
  if (module.enableCompileCache || process.env.NNGRADE_DEBUG) {
    module.enableCompileCache?.(V8_CACHE);
    if (process.env.NNGRADE_DEBUG) process.setSourceMapsEnabled(true);
    require(compiled);
    return;
  }
  const cacheFile = join(V8_CACHE, `${basename(compiled)}.${process.version}.${process.arch}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const script = new vm.Script(module.wrap(readFileSync(compiled, 'utf8')), { filename: compiled, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        mkdirSync(V8_CACHE, { recursive: true });
        writeAtomically(cacheFile, script.createCachedData());
      } catch {
        // a read-only install: compiled afresh each time
      }
    });
  }
  const exports = {};
  script.runInThisContext().call(exports, exports, require, { exports, filename: compiled, id: compiled }, compiled, dirname(compiled));
}

async function run(entry, args) {
  const manifest = await currentBuild(entry);
  const compiled = manifest && compiledFile(manifest);
  // The build's hash, which every input's content decides: the grader puts it in each report's
  // fingerprint, so that changed grading code grades again what it graded before.
  if (manifest) process.env.NNGRADE_BUILD = manifest.hash;
  if (TYPECHECKING.includes(slashed(entry))) {
    const snapshot = await typecheckSnapshot();
    if (snapshot) process.env.NNGRADE_TYPECHECK_SNAPSHOT = snapshot;
  }
  process.argv = [process.argv[0], join(ROOT, entry), ...args];
  if (compiled) return runCompiled(compiled);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, entry)).href);
}

/**
 * `--print <entry>`: the compiled file's path, built if needed (the benchmark runs it bare).
 * `--snapshot`: the type check's startup snapshot for this Node, built if needed (empty where none can be).
 * `--build`: compile every command present ahead of use, and the snapshot (npm install's `prepare`). */
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
  await typecheckSnapshot();
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [entry, ...args] = process.argv.slice(2);
  if (entry === '--build') await buildAll();
  else if (entry === '--print') process.stdout.write(`${(await compiledEntry(args[0])) ?? ''}\n`);
  else if (entry === '--snapshot') process.stdout.write(`${(await typecheckSnapshot()) ?? ''}\n`);
  else if (!entry || !entry.endsWith('.ts')) {
    process.stderr.write(`${basename(process.argv[1])}: give the entry point to run, e.g. node scripts/launch.mjs scripts/grade.ts\n`);
    process.exitCode = 2;
  } else await run(entry, args);
}
