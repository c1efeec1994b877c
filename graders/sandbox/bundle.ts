/**
 * Turns a submission folder into one ESM bundle with esbuild, under the import policy: a
 * submission may import only its own files (relative imports that stay inside its folder once
 * symlinks are resolved). Builtins, packages and absolute paths are refused at bundle time with
 * the file, line and column of the import. Also builds the harness that runs in the child.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { cachePath, keepInCache } from '../cache/store.ts';
import { t } from '../i18n/index.ts';
import { DEFAULT_BUNDLE_SECONDS } from '../rubric.ts';

/** Larger source files are refused before esbuild reads them: a homework fits in a few KiB. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/**
 * Deeper nesting of brackets is refused before esbuild parses it: a few hundred thousand levels
 * crash the bundler's shared service (and every later submission with it), a thousand overflow the
 * type checker's stack, while real code stays within a few dozen.
 */
export const MAX_NESTING = 256;

const LOADERS: Record<string, esbuild.Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx', '.json': 'json' };

/**
 * The deepest nesting of (, [ and { in a file's code. Brackets in comments and in string literals
 * do not count (a comment of 300 parentheses is no reason to refuse a file); a template literal's
 * `${...}` counts as code. A rough lexer: a regular expression literal is read as code, which can
 * only make the count higher, never let a deep file through.
 */
export function bracketDepth(bytes: Uint8Array): number {
  const SLASH = 0x2f, STAR = 0x2a, NEWLINE = 0x0a, BACKSLASH = 0x5c, BACKTICK = 0x60, DOLLAR = 0x24;
  const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d;
  let depth = 0;
  let deepest = 0;
  /** For each `${` open in a template, the depth at which its `}` returns to the template. */
  const templates: number[] = [];
  let i = 0;
  const n = bytes.length;
  const skipString = (quote: number) => {
    for (i++; i < n && bytes[i] !== quote && bytes[i] !== NEWLINE; i++) if (bytes[i] === BACKSLASH) i++;
  };
  /** Reads template text up to its end (false) or to a `${` (true), leaving i on the last byte read. */
  const skipTemplate = (): boolean => {
    for (i++; i < n; i++) {
      if (bytes[i] === BACKSLASH) i++;
      else if (bytes[i] === BACKTICK) return false;
      else if (bytes[i] === DOLLAR && bytes[i + 1] === OPEN_BRACE) {
        i++;
        return true;
      }
    }
    return false;
  };
  const open = () => {
    if (++depth > deepest) deepest = depth;
  };
  for (; i < n; i++) {
    const byte = bytes[i];
    if (byte === SLASH && bytes[i + 1] === SLASH) {
      while (i < n && bytes[i] !== NEWLINE) i++;
    } else if (byte === SLASH && bytes[i + 1] === STAR) {
      for (i += 2; i < n && !(bytes[i] === STAR && bytes[i + 1] === SLASH); i++);
      i++;
    } else if (byte === 0x22 || byte === 0x27) {
      skipString(byte);
    } else if (byte === BACKTICK) {
      if (skipTemplate()) {
        open();
        templates.push(depth);
      }
    } else if (byte === 0x28 || byte === 0x5b || byte === OPEN_BRACE) {
      open();
    } else if (byte === CLOSE_BRACE && templates.length > 0 && templates[templates.length - 1] === depth) {
      templates.pop();
      depth--;
      if (skipTemplate()) {
        open();
        templates.push(depth);
      }
    } else if ((byte === 0x29 || byte === 0x5d || byte === CLOSE_BRACE) && depth > 0) {
      depth--;
    }
  }
  return deepest;
}

export type BundleResult =
  | { ok: true; code: string; sourceMap: string }
  | { ok: false; message: string; frame?: string };

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

function importPolicy(folder: string): esbuild.Plugin {
  return {
    name: 'nngrade-import-policy',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'policy-checked') return undefined;
        const refused = { errors: [{ text: t().importRefused(args.path) }] };
        if (!args.path.startsWith('./') && !args.path.startsWith('../')) return refused;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'policy-checked' });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        let real: string;
        try {
          real = realpathSync(resolved.path);
        } catch {
          return { errors: [{ text: t().cannotRead(args.path) }] };
        }
        if (!isInside(folder, real)) {
          return { errors: [{ text: t().importLeavesFolder(args.path) }] };
        }
        return { path: real };
      });
      build.onLoad({ filter: /.*/ }, (args) => {
        const name = relative(folder, args.path);
        if (!isInside(folder, realpathSync(args.path))) return { errors: [{ text: t().importLeavesFolder(name) }] };
        const size = statSync(args.path).size;
        if (size > MAX_SOURCE_BYTES) return { errors: [{ text: t().fileTooLarge(name, (size / 1024 / 1024).toFixed(1), MAX_SOURCE_BYTES / 1024 / 1024) }] };
        const loader = LOADERS[extname(args.path)];
        if (!loader) return undefined; // esbuild says which files it cannot load
        const contents = readFileSync(args.path);
        if (bracketDepth(contents) > MAX_NESTING) return { errors: [{ text: t().nestedTooDeep(name, MAX_NESTING) }] };
        return { contents, loader };
      });
    },
  };
}

function formatMessage(folder: string, message: esbuild.Message): { message: string; frame?: string } {
  const loc = message.location;
  if (!loc) return { message: message.text };
  // esbuild gives the file relative to the bundle's working folder, the submission's.
  const file = relative(folder, resolve(folder, loc.file)) || loc.file;
  const frame = loc.lineText ? `${String(loc.line).padStart(4)} | ${loc.lineText}\n${' '.repeat(4)} | ${' '.repeat(loc.column)}^` : undefined;
  return { message: `${file}:${loc.line}:${loc.column + 1}: ${message.text}`, frame };
}

/** Bundlings started ahead (startBundling), each waiting for its bundleSubmission. */
const early = new Map<string, Promise<BundleResult>>();

/**
 * Starts bundling a folder now, in the bundler's own process, for the next bundleSubmission of the
 * same folder to take: the grader's own start then overlaps it. For folders that do not change
 * in between (the intake's private snapshots).
 */
export function startBundling(folder: string, seconds = DEFAULT_BUNDLE_SECONDS): void {
  if (!early.has(folder)) early.set(folder, bundleNow(folder, seconds));
}

/** Bundles `<folder>/index.ts` within `seconds`. Never throws for anything the submission contains. */
export function bundleSubmission(folder: string, seconds = DEFAULT_BUNDLE_SECONDS): Promise<BundleResult> {
  const started = early.get(folder);
  early.delete(folder);
  return started ?? bundleNow(folder, seconds);
}

/**
 * The bundler's service is stopped when a bundling outlives its time (some inputs cost esbuild
 * minutes of every core: thousands of repeated exports take time that grows with their square),
 * and a bundling that fails because another's overrun stopped the service under it is started
 * again, unharmed. This settles when the running service is stopped (the bundlings under way in it
 * would never settle by themselves); a new one stands for the next service.
 */
let serviceStopped = stopSignal();

function stopSignal(): { promise: Promise<'stopped for another'>; fire: () => void } {
  let fire = () => {};
  const promise = new Promise<'stopped for another'>((resolve) => {
    fire = () => resolve('stopped for another');
  });
  return { promise, fire };
}

async function stopService(): Promise<void> {
  const stopping = serviceStopped;
  serviceStopped = stopSignal();
  stopping.fire();
  await esbuild.stop();
}

async function bundleNow(folder: string, seconds: number, attempt = 1): Promise<BundleResult> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<'overrun'>((resolve) => {
    timer = setTimeout(() => resolve('overrun'), seconds * 1000);
  });
  const result = await Promise.race([bundleOnce(folder), overrun]);
  clearTimeout(timer);
  if (result === 'overrun') {
    await stopService();
    return { ok: false, message: t().bundlingTimedOut(seconds) };
  }
  // Stopped under it for another submission: this one is not to blame, and is bundled again.
  if (result === 'stopped for another') return attempt < 3 ? bundleNow(folder, seconds, attempt + 1) : { ok: false, message: t().bundlerCrashed };
  return result;
}

async function bundleOnce(folder: string): Promise<BundleResult | 'stopped for another'> {
  let root: string;
  try {
    root = realpathSync(folder);
  } catch {
    return { ok: false, message: t().cannotReadFolder(folder) };
  }
  // A link named index.ts may point anywhere: the entry must be inside the folder too.
  let entry: string;
  try {
    entry = realpathSync(join(root, 'index.ts'));
  } catch {
    return { ok: false, message: t().cannotRead('index.ts') };
  }
  if (!isInside(root, entry)) return { ok: false, message: t().entryLeavesFolder };
  const service = serviceStopped;
  try {
    const building = esbuild.build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      // A CommonJS body that the harness wraps in a function of its own: the module's top-level
      // names stay locals, and `import()`, which a vm context would answer with an error of the
      // grader's realm, becomes a call of the wrapper's `require`, which refuses.
      format: 'cjs',
      supported: { 'dynamic-import': false },
      // The grader's settings, never a tsconfig.json of the submission ("extends": "/etc/passwd").
      tsconfigRaw: {},
      target: 'node20',
      write: false,
      outfile: `${root}/submission.js`,
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [importPolicy(root)],
    });
    const result = await Promise.race([building, service.promise]);
    if (result === 'stopped for another') return result;
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
    return { ok: true, code: js?.text ?? '', sourceMap: map?.text ?? '{}' };
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (Array.isArray(failure.errors) && failure.errors.length > 0) return { ok: false, ...formatMessage(root, failure.errors[0]) };
    // The service was stopped since this bundling began (another's overrun or crash): not this code's doing.
    if (service !== serviceStopped) return 'stopped for another';
    // The bundler's service died on this code: start a fresh one, so the next submission is unharmed.
    await stopService();
    return { ok: false, message: t().bundlerCrashed };
  }
}

let harness: Promise<string> | undefined;
/** The harness's text, once known in this process. */
let harnessText: string | undefined;

const sandboxFile = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The harness built before, with the files it was built from and a hash of their contents and of
 * the bundler's version: a start whose hash matches takes it from here instead of building it.
 */
const HARNESS_CACHE = cachePath('harness.json');

interface Built {
  text: string;
  /** The files read, relative to the project. */
  inputs: string[];
}

/** One of the sandbox's own files, bundled whole and minified, as text. */
async function bundleOwn(name: string, options: esbuild.BuildOptions): Promise<Built> {
  const result = await esbuild.build({ entryPoints: [sandboxFile(name)], absWorkingDir: PROJECT, bundle: true, target: 'node20', minify: true, write: false, metafile: true, logLevel: 'silent', ...options });
  return { text: result.outputFiles![0].text, inputs: Object.keys(result.metafile!.inputs) };
}

function inputsHash(inputs: string[]): string {
  const hash = createHash('sha256').update(`${esbuild.version}\0`);
  for (const input of inputs) {
    hash.update(`${input}\0`);
    try {
      hash.update(readFileSync(join(PROJECT, input)));
    } catch {
      hash.update('\0missing\0');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function buildHarness(): Promise<Built> {
  // The prelude, as one expression whose value is its `install` function, to run inside the vm
  // context: inside a function, so that `prelude` is a local and the submission never sees it.
  const prelude = await bundleOwn('context.ts', { platform: 'neutral', format: 'iife', globalName: 'prelude' });
  const expression = `(function () { ${prelude.text}; return prelude.install; })()`;
  // A CommonJS script: Node runs `--eval` of one without starting its ES module loader, and a
  // child is ready 5 ms sooner.
  const built = await bundleOwn('harness.ts', { platform: 'node', format: 'cjs', define: { PRELUDE_SOURCE: JSON.stringify(expression) } });
  // This file too: the options above decide the harness as much as its sources do.
  const self = relative(PROJECT, sandboxFile('bundle.ts')).split(sep).join('/');
  return { text: built.text, inputs: [...new Set([...prelude.inputs, ...built.inputs, self])].sort() };
}

/** The harness kept built, when it is still that of the sources here. */
function keptHarness(): string | undefined {
  try {
    const cached = JSON.parse(readFileSync(HARNESS_CACHE, 'utf8')) as { inputs: string[]; hash: string; code: string };
    if (Array.isArray(cached.inputs) && typeof cached.code === 'string' && cached.hash === inputsHash(cached.inputs)) return cached.code;
  } catch {
    // none yet, or unreadable
  }
  return undefined;
}

/**
 * The harness at once, without the bundler, where it is kept built (the answer of every later
 * harnessCode then too, read once); undefined where it must be built first.
 */
export function cachedHarnessCode(): string | undefined {
  if (harnessText === undefined && !harness) {
    harnessText = keptHarness();
    if (harnessText !== undefined) harness = Promise.resolve(harnessText);
  }
  return harnessText;
}

/** The harness as one self-contained script (built once per grader process, or taken from the cache). */
export function harnessCode(): Promise<string> {
  harness ??= (async () => {
    harnessText = keptHarness() ?? (await buildAndKeep());
    return harnessText;
  })();
  return harness;
}

async function buildAndKeep(): Promise<string> {
  const built = await buildHarness();
  // Where it cannot be written, the harness is built again next time.
  keepInCache(HARNESS_CACHE, JSON.stringify({ inputs: built.inputs, hash: inputsHash(built.inputs), code: built.text }));
  return built.text;
}
