/**
 * The student kit: built by `npm run kit` in a copy of the project that has a hidden set in
 * fixtures/hidden (as the instructor's machine has), it holds what a student needs and none of
 * the reference's code nor the hidden values; unpacked on a "fresh machine" (a temporary folder
 * with node_modules linked in place of `npm install`), `npm run grade -- homework` grades.
 */
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { UntrustedZip } from '../../graders/intake/zip.ts';
import { ClosureError, kitClosure } from '../../graders/kit/closure.ts';
import { ReportSchema } from '../../graders/report/schema.ts';
import { ROOT, at, runScript, tempDir } from '../helpers.ts';
import { hiddenFixtureSet } from '../gradescope/hidden-values.ts';

const hidden = hiddenFixtureSet(9090);
let project: string;
let kit: string;
let zipPath: string;

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

async function unzipInto(zip: string, dir: string): Promise<void> {
  const opened = await UntrustedZip.open(zip, { maxEntries: 10_000, maxEntryBytes: 2 ** 26, maxTotalBytes: 2 ** 28 });
  for (const file of opened.files) expect(await opened.unpack(file, dir)).toBeUndefined();
  opened.close();
}

/** The bodies of the reference's functions that are longer than a few lines, whitespace collapsed. */
function referenceBodies(): string[] {
  const source = ts.createSourceFile('index.ts', readFileSync(at('reference', 'index.ts'), 'utf8'), ts.ScriptTarget.ES2022, true);
  const bodies: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body as ts.Node)) {
      const text = (node.body as ts.Block).getText(source);
      if (text.split('\n').length > 4) bodies.push(text.replace(/\s+/g, ' '));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return bodies;
}

beforeAll(async () => {
  // The instructor's project, hidden set included; the real fixtures/hidden is never read.
  project = tempDir('nngrade-project-');
  for (const name of ['package.json', 'package-lock.json', 'graders', 'scripts', 'reference', 'starter']) cpSync(at(name), join(project, name), { recursive: true });
  cpSync(at('fixtures'), join(project, 'fixtures'), { recursive: true, filter: (path) => !path.startsWith(at('fixtures', 'hidden')) });
  cpSync(hidden.dir, join(project, 'fixtures', 'hidden'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));

  const build = await runScript('kit', [], {}, project);
  expect(build.stderr).toBe('');
  expect(build.exitCode).toBe(0);
  kit = join(project, 'dist', 'student-kit');
  zipPath = join(project, 'dist', 'student-kit.zip');
});

describe('npm run kit', () => {
  it('holds the starter as homework/, the public fixtures, the digits with their licence, a README, and its own package.json and lock', () => {
    const files = listFiles(kit);
    for (const name of ['README.md', 'HOMEWORK.md', 'homework/index.ts', 'package.json', 'package-lock.json', 'fixtures/digits.csv.gz', 'fixtures/DIGITS.md', 'scripts/grade.ts', 'scripts/launch.mjs', 'graders/grade.ts', 'graders/sandbox/harness.ts', 'graders/typecheck/worker.ts']) {
      expect(files).toContain(name);
    }
    for (const part of ['forward', 'backward', 'svm']) expect(files).toContain(`fixtures/public/${part}.json`);
    expect(readFileSync(join(kit, 'homework', 'index.ts'), 'utf8')).toBe(readFileSync(at('starter', 'index.ts'), 'utf8'));
    expect(readFileSync(join(kit, 'fixtures', 'DIGITS.md'), 'utf8')).toMatch(/License/);
    const readme = readFileSync(join(kit, 'README.md'), 'utf8');
    expect(readme).toContain('npm install\nnpm run grade -- homework\n');
    const homework = readFileSync(join(kit, 'HOMEWORK.md'), 'utf8');
    expect(homework).toContain('`homework/index.ts` is your template');
    expect(homework).not.toContain('in this folder');

    const pkg = JSON.parse(readFileSync(join(kit, 'package.json'), 'utf8'));
    const projectPkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));
    expect(pkg.scripts.grade).toBe('NODE_EXTRA_CA_CERTS= exec node scripts/launch.mjs scripts/grade.ts');
    expect(pkg.scripts.check).toBe(projectPkg.scripts.check);
    expect(pkg.scripts.prepare).toBe('node scripts/launch.mjs --build');
    expect(pkg.devDependencies).toBeUndefined();
    for (const [name, range] of Object.entries(pkg.dependencies)) expect(projectPkg.dependencies[name], name).toBe(range);
  });

  it('leaves out the reference, the hidden fixtures, the tests and the samples', () => {
    expect(listFiles(kit).filter((f) => /^(reference|test|submissions|starter|docs|dist|reports)\/|^fixtures\/hidden\//.test(f))).toEqual([]);
  });

  it("ships none of the reference's function bodies", () => {
    const bodies = referenceBodies();
    expect(bodies.length).toBeGreaterThan(5);
    for (const file of listFiles(kit)) {
      const text = readFileSync(join(kit, file), 'latin1').replace(/\s+/g, ' ');
      for (const body of bodies) expect(text.includes(body), `${file} holds a body of reference/index.ts`).toBe(false);
    }
  });

  it("ships none of the hidden fixtures' values", () => {
    // Computed outputs carry full precision: 12+ significant digits never match by chance.
    const values = Object.values(hidden.files).flatMap((text) => text.match(/-?\d+\.\d{11,}(?:e[+-]?\d+)?/g) ?? []);
    expect(values.length).toBeGreaterThan(1000);
    // Each value has a point with a digit before it and 11 or more after. Indexed by those 11
    // digits, a file is searched only for the values whose digits follow one of its own points:
    // the same values are found as by searching every file for every value, at a fraction of the cost.
    const byDigits = new Map<string, string[]>();
    for (const value of new Set(values)) {
      const digits = value.slice(value.indexOf('.') + 1, value.indexOf('.') + 12);
      byDigits.set(digits, [...(byDigits.get(digits) ?? []), value]);
    }
    for (const file of listFiles(kit)) {
      const text = readFileSync(join(kit, file), 'latin1');
      expect(Object.values(hidden.files)).not.toContain(text);
      const candidates = new Set([...text.matchAll(/(?<=\d)\.(\d{11})/g)].flatMap((point) => byDigits.get(point[1]) ?? []));
      expect([...candidates].filter((v) => text.includes(v)), file).toEqual([]);
    }
  });

  it('zips the same files under one student-kit/ folder', async () => {
    const dir = tempDir();
    await unzipInto(zipPath, dir);
    expect(readdirSync(dir)).toEqual(['student-kit']);
    const files = listFiles(kit);
    expect(listFiles(join(dir, 'student-kit'))).toEqual(files);
    for (const file of files) expect(readFileSync(join(dir, 'student-kit', file)).equals(readFileSync(join(kit, file))), file).toBe(true);
  });

  it("has a lock file that matches its package.json and holds none of the project's development tools", async () => {
    const lock = JSON.parse(readFileSync(join(kit, 'package-lock.json'), 'utf8'));
    expect(Object.keys(lock.packages).filter((p) => /node_modules\/(vitest|vite|@vitest\/|@types\/)/.test(p))).toEqual([]);
    const ls = await execa('npm', ['ls', '--package-lock-only', '--all'], { cwd: kit, reject: false });
    expect(ls.stderr).toBe('');
    expect(ls.exitCode).toBe(0);
  });

  it('installs and checks the homework with its own commands on a fresh machine', async () => {
    const machine = tempDir('nngrade-student-');
    await unzipInto(zipPath, machine);
    const home = join(machine, 'student-kit');
    // In place of `npm install`: no network in the tests.
    symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'));
    const run = await execa('npm', ['run', 'grade', '--', 'homework'], { cwd: home, reject: false, env: { NO_COLOR: '1' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/homework {2}0\/100 {2}\(public fixtures\)/);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(home, 'reports', 'homework', 'report.json'), 'utf8')));
    expect(report).toMatchObject({ score: 0, fixtures: 'public' });
    // Without the reference, backward runs its golden cases only.
    expect(report.parts.find((p) => p.id === 'backward')!.tests).toHaveLength(readFileSync(join(home, 'fixtures', 'public', 'backward.json'), 'utf8').match(/"name"/g)!.length);
    expect(existsSync(join(home, 'reference'))).toBe(false);
  });

  it('refuses to build when a module the kit needs imports the reference', async () => {
    const error = await kitClosure(ROOT, ['scripts/fixtures.ts']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClosureError);
    expect((error as Error).message).toBe("graders/fixtures/generate.ts imports reference/, which the student kit must not ship: move what it needs into graders/");
  });
});
