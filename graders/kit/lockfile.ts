/**
 * The student kit's package-lock.json: the project's lock cut down to what the kit's dependencies
 * need, so that the kit installs exactly the versions the course tested, and nothing of the
 * project's development tools. It walks the lock's tree the way npm resolves a package (from the
 * requiring package's own node_modules up to the top), keeps what it reaches, and recomputes the
 * `optional` and `peer` flags for the smaller tree (there are no dev dependencies left).
 */
import * as z from 'zod';

const LockPackageSchema = z
  .object({
    version: z.string().optional(),
    dependencies: z.record(z.string(), z.string()).optional(),
    optionalDependencies: z.record(z.string(), z.string()).optional(),
    peerDependencies: z.record(z.string(), z.string()).optional(),
    peerDependenciesMeta: z.record(z.string(), z.object({ optional: z.boolean().optional() }).loose()).optional(),
    dev: z.boolean().optional(),
    optional: z.boolean().optional(),
    devOptional: z.boolean().optional(),
    peer: z.boolean().optional(),
  })
  .loose();

export const LockfileSchema = z
  .object({
    name: z.string().optional(),
    version: z.string().optional(),
    lockfileVersion: z.union([z.literal(2), z.literal(3)]),
    requires: z.boolean().optional(),
    packages: z.record(z.string(), LockPackageSchema),
  })
  .loose();

export type Lockfile = z.infer<typeof LockfileSchema>;
type LockPackage = z.infer<typeof LockPackageSchema>;

export class LockfileError extends Error {}

type Edge = 'required' | 'optional' | 'peer';

/** Where npm finds `name` for the package at `from`: its own node_modules, then each parent's. */
function resolveLocation(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

function edgesOf(pkg: LockPackage): Array<[string, Edge]> {
  const optionalPeers = new Set(Object.entries(pkg.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([name]) => name));
  return [
    ...Object.keys(pkg.dependencies ?? {}).map((n): [string, Edge] => [n, 'required']),
    ...Object.keys(pkg.optionalDependencies ?? {}).map((n): [string, Edge] => [n, 'optional']),
    ...Object.keys(pkg.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n)).map((n): [string, Edge] => [n, 'peer']),
  ];
}

/** Locations reachable from the root through edges of the kinds `follow` allows. */
function reachable(lock: Lockfile, rootDependencies: string[], follow: (edge: Edge) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue: Array<[string, string, Edge]> = rootDependencies.map((name) => ['', name, 'required']);
  while (queue.length > 0) {
    const [from, name, edge] = queue.shift()!;
    if (!follow(edge)) continue;
    const location = resolveLocation(lock.packages, from, name);
    if (location === undefined) {
      if (edge === 'required' && from === '') throw new LockfileError(`package-lock.json has no entry for ${name}: run npm install in the project first`);
      continue; // an optional or peer package the lock leaves out
    }
    if (seen.has(location)) continue;
    seen.add(location);
    for (const [dep, kind] of edgesOf(lock.packages[location])) queue.push([location, dep, kind]);
  }
  return seen;
}

/** The project's lock cut down to `dependencies` (name -> range), for a package of `name` and `version`. */
export function pruneLockfile(lock: Lockfile, root: { name: string; version: string; dependencies: Record<string, string>; engines?: Record<string, string> }): Lockfile {
  const top = Object.keys(root.dependencies);
  const all = reachable(lock, top, () => true);
  const withoutOptional = reachable(lock, top, (edge) => edge !== 'optional');
  const withoutPeer = reachable(lock, top, (edge) => edge !== 'peer');
  const packages: Lockfile['packages'] = {
    '': { name: root.name, version: root.version, dependencies: root.dependencies, ...(root.engines ? { engines: root.engines } : {}) },
  };
  for (const location of [...all].sort()) {
    const { dev: _dev, optional: _optional, devOptional: _devOptional, peer: _peer, ...pkg } = lock.packages[location];
    packages[location] = {
      ...pkg,
      ...(withoutOptional.has(location) ? {} : { optional: true }),
      ...(withoutPeer.has(location) ? {} : { peer: true }),
    };
  }
  return { name: root.name, version: root.version, lockfileVersion: lock.lockfileVersion, requires: true, packages };
}
