/** Loading a submission: the import policy, compile errors, and the forms of export the contract accepts. */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSubmission } from '../../graders/sandbox/bundle.ts';
import { at, grade, part, submissionOf, tempDir } from '../helpers.ts';

const reference = readFileSync(at('reference', 'index.ts'), 'utf8');

describe('the import policy', () => {
  it.each([
    ["import { readFileSync as used } from 'node:fs';", 'node:fs'],
    ["import used from 'child_process';", 'child_process'],
    ["import { z as used } from 'zod';", 'zod'],
    ["import used from '/etc/passwd';", '/etc/passwd'],
  ])('refuses %s with file:line:col', async (line, name) => {
    // The import is used: TypeScript drops unused imports before they are resolved.
    const result = await bundleSubmission(submissionOf({ 'index.ts': `${line}\nexport const leak = used;\n${reference}` }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(new RegExp(`^index\\.ts:1:\\d+: import of '${name.replace(/\//g, '\\/')}' is not allowed in a submission`));
      expect(result.frame).toContain(line);
    }
  });

  it('refuses a relative import that climbs out of the folder, such as the reference', async () => {
    const root = tempDir();
    const dir = join(root, 'student');
    mkdirSync(dir);
    writeFileSync(join(root, 'secret.ts'), 'export const answer = 42;\n');
    writeFileSync(join(dir, 'index.ts'), "import { answer } from '../secret';\nexport const a = answer;\n");
    const result = await bundleSubmission(dir);
    expect(result.ok ? '' : result.message).toMatch(/index\.ts:1:\d+: import of '\.\.\/secret' is not allowed in a submission: it leads outside/);
  });

  it('refuses a symlink inside the folder that points outside it', async () => {
    const root = tempDir();
    const dir = join(root, 'student');
    mkdirSync(dir);
    writeFileSync(join(root, 'outside.ts'), 'export const leaked = 1;\n');
    symlinkSync(join(root, 'outside.ts'), join(dir, 'helper.ts'));
    writeFileSync(join(dir, 'index.ts'), "import { leaked } from './helper';\nexport const a = leaked;\n");
    const result = await bundleSubmission(dir);
    expect(result.ok ? '' : result.message).toMatch(/import of '\.\/helper' is not allowed.*outside/);
  });

  it("allows the submission's own files", async () => {
    const result = await bundleSubmission(at('test', 'submissions', 'correct', 'several-files'));
    expect(result.ok).toBe(true);
  });
});

describe('the nesting limit', () => {
  it('counts code only: brackets in comments, strings and template text never refuse a file', async () => {
    const source = readFileSync(at('reference', 'index.ts'), 'utf8');
    const noise = `// ${'('.repeat(300)}\n/* ${'['.repeat(300)} */\nexport const art = "${'{'.repeat(300)}" + \`${'('.repeat(300)}\`;\n`;
    const bundled = await bundleSubmission(submissionOf({ 'index.ts': noise + source }));
    expect(bundled.ok, bundled.ok ? '' : bundled.message).toBe(true);
  });

  it('still refuses code nested past the limit, inside a template expression too', async () => {
    const deep = `export const x = \`\${${'('.repeat(300)}1${')'.repeat(300)}}\`;\n`;
    const bundled = await bundleSubmission(submissionOf({ 'index.ts': deep }));
    expect(bundled.ok).toBe(false);
    if (!bundled.ok) expect(bundled.message).toMatch(/nests brackets more than 256 levels deep/);
  });
});

describe('a submission that cannot be loaded', () => {
  it('a syntax error scores 0 everywhere, with file:line:col and the code frame', async () => {
    const report = await grade(submissionOf({ 'index.ts': 'export function linearForward(x) {\n  return [x,, ;\n}\n' }));
    expect(report.score).toBe(0);
    expect(report.loadError).toMatch(/^index\.ts:2:\d+: /);
    expect(report.loadError).toContain('   2 |   return [x,, ;');
    for (const p of report.parts) expect([p.status, p.message.startsWith('does not compile: index.ts:2:')]).toEqual(['error', true]);
  });

  it('an error thrown while loading is reported for every part', async () => {
    const report = await grade(submissionOf({ 'index.ts': "throw new Error('oops at load time');\nexport {};\n" }));
    expect(report.score).toBe(0);
    expect(report.loadError).toMatch(/loading the submission threw Error: oops at load time \(at index\.ts:1:\d+\)/);
  });
});

describe('what a missing function costs', () => {
  it('only its own part, with the names that were found', async () => {
    const withoutSvm = reference.replace('export function svmLoss', 'function svmLoss');
    const report = await grade(submissionOf({ 'index.ts': withoutSvm }));
    expect(part(report, 'svm')).toMatchObject({ score: 0, status: 'error' });
    expect(part(report, 'svm').message).toBe('svmLoss or svm_loss is not exported (found: linearBackward, linearForward, predict, train)');
    expect(part(report, 'forward').score).toBe(20);
    expect(part(report, 'backward').score).toBe(25);
  });
});

describe("the bundler's time", () => {
  it('a bundling over its limit is stopped; one stopped with it, under way in the same bundler, is bundled again and gets its own verdict', async () => {
    // Repeated exports: esbuild's time grows with their square (minutes at 16,000, seconds at 4,000).
    const repeated = (n: number) => submissionOf({ 'index.ts': 'export const again: number = 1;\n'.repeat(n) });
    const [stopped, beside] = await Promise.all([bundleSubmission(repeated(16_000), 2), bundleSubmission(repeated(4_000), 240)]);
    expect(stopped).toEqual({ ok: false, message: expect.stringMatching(/^bundling the submission took longer than 2 s and was stopped/) });
    // Its own error, found by a fresh bundler, not "the bundler crashed".
    expect(beside.ok).toBe(false);
    if (!beside.ok) expect(beside.message).toMatch(/^index\.ts:2:14: Multiple exports with the same name "again"/);
  }, 240_000);
});
