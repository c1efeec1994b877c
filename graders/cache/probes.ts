/**
 * The answers of the machine probes (does `unshare ... node -e 0` run here? does `prlimit`?),
 * remembered in .nngrade-cache/probes.json so that a run does not spawn a node per probe on every
 * start. An answer is keyed by the probe, the node binary (path and version), the user and the
 * probed command's file (path, size and modification time), and kept a day: installing or
 * removing unshare, changing user or upgrading node probes again. Where the cache cannot be read
 * or written, every probe simply runs.
 */
import { readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import * as z from 'zod';
import { cachePath, keepInCache } from './store.ts';

const CACHE_FILE = cachePath('probes.json');
const KEEP_MS = 24 * 3600_000;

const CacheSchema = z.record(z.string(), z.object({ works: z.boolean(), at: z.number() }));
type ProbeCache = z.infer<typeof CacheSchema>;

let cache: ProbeCache | undefined;

function readCache(): ProbeCache {
  if (cache) return cache;
  try {
    cache = CacheSchema.parse(JSON.parse(readFileSync(CACHE_FILE, 'utf8')));
  } catch {
    cache = {};
  }
  return cache;
}

/** Where it cannot be written, the probes simply run again next time. */
function writeCache(entries: ProbeCache): void {
  keepInCache(CACHE_FILE, JSON.stringify(entries));
}

/** The command's file on PATH, as path, size and modification time; "absent" when there is none. */
function commandIdentity(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const stat = statSync(join(dir, command), { throwIfNoEntry: false });
    if (stat?.isFile()) return `${join(dir, command)}:${stat.size}:${stat.mtimeMs}`;
  }
  return 'absent';
}

/** The probe's answer from the cache when it is fresh, else probed now and remembered. */
export function cachedProbe(command: string, args: string[], probe: () => boolean): boolean {
  const key = JSON.stringify([process.execPath, process.version, process.getuid?.() ?? '', commandIdentity(command), command, ...args]);
  const entries = readCache();
  const known = entries[key];
  if (known && Date.now() - known.at < KEEP_MS) return known.works;
  const works = probe();
  entries[key] = { works, at: Date.now() };
  writeCache(entries);
  return works;
}
