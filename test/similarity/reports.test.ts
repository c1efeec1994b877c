/** similarity.json and similarity.html as a user opens them. */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disguise, renameTo } from '../../graders/similarity/disguise.ts';
import { DEFAULT_FINGERPRINT_SETTINGS } from '../../graders/similarity/fingerprint.ts';
import { parseSimilarityJson, writeSimilarityJson } from '../../graders/similarity/report-json.ts';
import { compareClass, writeSimilarityReports } from '../../graders/similarity/run.ts';
import { at, tempDir } from '../helpers.ts';

const HOSTILE_NAME = 'eve<img src=x onerror=alert(1)>';
const HOSTILE_COMMENT = '// </pre><script>alert("owned")</script>';

/** A class of four: loops, a disguised copy of it carrying a script in a comment, map-reduce, snake-case. */
function hostileClass(): string {
  const dir = tempDir();
  for (const name of ['loops', 'map-reduce', 'snake-case']) cpSync(at('test', 'submissions', 'correct', name), join(dir, name), { recursive: true });
  mkdirSync(join(dir, HOSTILE_NAME));
  const loops = readFileSync(at('test', 'submissions', 'correct', 'loops', 'index.ts'), 'utf8');
  writeFileSync(join(dir, HOSTILE_NAME, 'index.ts'), `${HOSTILE_COMMENT}\n${disguise(loops, { rename: renameTo('e'), dropComments: true })}`);
  return dir;
}

async function reportsOf(classDir: string) {
  const out = join(tempDir(), 'out');
  const comparison = await compareClass({ classDir, starterDir: at('starter'), settings: DEFAULT_FINGERPRINT_SETTINGS });
  await writeSimilarityReports(out, comparison, { classFolder: classDir, starter: 'starter/' });
  return { json: readFileSync(join(out, 'similarity.json'), 'utf8'), html: readFileSync(join(out, 'similarity.html'), 'utf8'), comparison };
}

describe('similarity reports', () => {
  it('similarity.json validates and ranks the pairs by score, highest first, with the copy on top', async () => {
    const { json } = await reportsOf(hostileClass());
    const report = parseSimilarityJson(json);
    expect(report.submissions).toEqual([HOSTILE_NAME, 'loops', 'map-reduce', 'snake-case']);
    expect(report.pairs.length).toBeGreaterThanOrEqual(4);
    const scores = report.pairs.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect([report.pairs[0].a, report.pairs[0].b, report.pairs[0].score]).toEqual([HOSTILE_NAME, 'loops', 1]);
    expect(report.pairs[0].matches[0]).toMatchObject({ aFile: 'index.ts', bFile: 'index.ts' });
    expect(report.k).toBe(DEFAULT_FINGERPRINT_SETTINGS.k);
  });

  it('an unsorted report is refused on write, and no file is left', async () => {
    const { comparison } = await reportsOf(hostileClass());
    const out = tempDir();
    const unsorted = { ...comparison.report, pairs: [...comparison.report.pairs].reverse() };
    await expect(writeSimilarityJson(out, unsorted)).rejects.toThrow(/sorted by score/);
    expect(existsSync(join(out, 'similarity.json'))).toBe(false);
  });

  it('similarity.html escapes student text: a script in a comment or a folder name never runs', async () => {
    const { html } = await reportsOf(hostileClass());
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(html).toContain('eve&lt;img src=x onerror=alert(1)&gt;');
    // And even if escaping ever failed, the page forbids scripts.
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
  });

  it('similarity.html is self-contained: it loads nothing', async () => {
    const { html } = await reportsOf(hostileClass());
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
  });

  it('similarity.html shows each top pair side by side with the copied lines highlighted', async () => {
    const { html } = await reportsOf(hostileClass());
    const top = html.slice(html.indexOf('id="pair-1"'), html.indexOf('id="pair-2"'));
    expect(top).toContain('<h2>1. eve&lt;img src=x onerror=alert(1)&gt; &amp; loops: 1.00</h2>');
    // Both sides: the copy's renamed code and the original's.
    expect(top).toContain('e0');
    expect(top).toContain('linearForward');
    const highlighted = (top.match(/class="line m\d+"/g) ?? []).length;
    expect(highlighted).toBeGreaterThan(200); // loops has 130 lines, nearly all of them copied, on both sides
  });
});
