/**
 * The HTML pages as a reader sees them: real reports (graded samples and a mutant) rendered to
 * files and opened from disk in a headless browser. The pages must load with no console error and
 * no request, show what the report says (score, hints, loss curve, confusion matrix, digits),
 * link the summary to every feedback page, show student text as text, and speak Russian when
 * asked. Screenshots are saved in the temporary folder beside the pages.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDigits } from '../../graders/data/digits.ts';
import { htmlText } from '../../graders/i18n/html.ts';
import { setLanguage } from '../../graders/i18n/index.ts';
import { writeFeedbackPage, writeSummaryPage } from '../../graders/report/html/write.ts';
import type { Report } from '../../graders/report/schema.ts';
import { at, gradeOnce, part, submissionOf, tempDir } from '../helpers.ts';
import { MUTANTS, mutate } from '../mutants.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const GREEN = 'rgb(26, 127, 55)';
const RED = 'rgb(207, 34, 46)';
/** Markup a student could put in a folder name or provoke into a message: it must stay text. */
const MARKUP_NAME = `<img src=x onerror="document.title='pwned'">`;
const MARKUP_TEXT = `<script>document.title = 'pwned'</script>`;

const digits = loadDigits();

/** Runs inside the page; declared here because the project's type check has no DOM library. */
declare function getComputedStyle(element: unknown): { backgroundColor: string; borderTopColor: string };

interface Train {
  correct: number;
  losses: number[];
  predictions: number[];
}
const train = (report: Report) => part(report, 'train').details as unknown as Train;

/** Opens a page from disk in a fresh tab and collects everything that would mean a broken or leaky page. */
async function open(browser: Browser, path: string): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()}`));
  page.on('request', (request) => !request.url().startsWith('file:') && problems.push(`network request: ${request.url()}`));
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, problems };
}

describe('the HTML pages in a browser', () => {
  if (!existsSync(CHROMIUM)) {
    it('needs the browser', (context) => {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it ('apt-get install -y chromium' in .ci/run) to test the HTML pages in a browser`);
      context.skip(`${CHROMIUM} is missing: 'apt-get install -y chromium' runs these tests`);
    });
    return;
  }

  const out = tempDir('nngrade-html-');
  let browser: Browser;
  let reports: Record<'alice' | 'bob' | 'carol' | 'mutant' | 'markup', Report>;

  beforeAll(async () => {
    const mutant = MUTANTS.find((m) => m.hint === 'svm-true-class-counted')!;
    const [alice, bob, carol, mutated] = await Promise.all([
      gradeOnce(at('submissions', 'alice')),
      gradeOnce(at('submissions', 'bob')),
      gradeOnce(at('submissions', 'carol')),
      gradeOnce(submissionOf({ 'index.ts': mutate(mutant) })),
    ]);
    // A report whose name, message and hint hold markup, as a hostile submission could arrange.
    const markup: Report = structuredClone(bob);
    markup.student = MARKUP_NAME;
    const failed = markup.parts.find((p) => p.id === 'svm')!.tests.find((t) => !t.passed)!;
    Object.assign(failed, { message: MARKUP_TEXT, hint: MARKUP_TEXT, hintId: 'markup-in-hint' });
    reports = {
      alice: { ...alice, student: 'alice' },
      bob: { ...bob, student: 'bob' },
      carol: { ...carol, student: 'carol' },
      mutant: { ...mutated, student: 'true class counted' },
      markup,
    };
    setLanguage('en');
    for (const report of Object.values(reports)) await writeFeedbackPage(out, report, digits);
    await writeSummaryPage(out, Object.values(reports));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });

  afterAll(async () => {
    setLanguage('en');
    await browser?.close();
  });

  it('a correct submission: full score, its loss curve, matrix and digits', async () => {
    const { page, problems } = await open(browser, join(out, 'alice', 'feedback.html'));
    const { losses, correct, predictions } = train(reports.alice);
    expect(await page.locator('#total-score').innerText()).toContain('100 / 100');
    expect(await page.locator('#failures').innerText()).toContain(htmlText().noFailures);

    const path = await page.locator('#loss path.loss-line').getAttribute('d');
    expect(path?.match(/[ML]/g)?.length).toBe(losses.length);

    const diagonal = await page.locator('table.confusion td.diag').allInnerTexts();
    expect(diagonal.map(Number).reduce((a, b) => a + b, 0)).toBe(correct);
    const cells = await page.locator('table.confusion td').allInnerTexts();
    expect(cells).toHaveLength(100);
    expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(predictions.length);
    expect(problems).toEqual([]);
  });

  it('a submission with mistakes: hints highlighted, evidence, red digits where the model is wrong', async () => {
    const { page, problems } = await open(browser, join(out, 'bob', 'feedback.html'));
    expect(await page.locator('#total-score').innerText()).toContain(`${reports.bob.score} / ${reports.bob.maxScore}`);

    const failedTests = reports.bob.parts.flatMap((p) => p.tests.filter((t) => !t.passed));
    const shown = await page.locator('#failures li.failed-test').allInnerTexts();
    expect(shown).toHaveLength(failedTests.length);
    for (const [i, test] of failedTests.entries()) expect(shown[i]).toContain(test.message);
    const hint = page.locator('#failures .hint[data-hint-id="svm-averaged"]');
    expect(await hint.innerText()).toContain(failedTests.find((t) => t.hintId === 'svm-averaged')!.hint);
    expect(await hint.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    expect(await page.locator('#failures .evidence').innerText()).toContain(part(reports.bob, 'svm').evidence!);

    const { predictions, correct } = train(reports.bob);
    const colours = await page.locator('figure.digit').evaluateAll((figures) => figures.map((f) => getComputedStyle(f).borderTopColor));
    expect(colours).toHaveLength(25);
    const expected = predictions.slice(0, 25).map((p, i) => (p === digits.test.y[i] ? GREEN : RED));
    expect(colours).toEqual(expected);
    expect(colours).toContain(RED);
    expect(await page.locator('figure.digit').first().innerText()).toContain(htmlText().digitCaption(predictions[0], digits.test.y[0]));
    expect(await page.locator('figure.digit').first().locator('rect').count()).toBeGreaterThan(10);
    const diagonal = await page.locator('table.confusion td.diag').allInnerTexts();
    expect(diagonal.map(Number).reduce((a, b) => a + b, 0)).toBe(correct);

    const screenshot = join(out, 'bob-feedback.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it('an unfinished submission: says there is no curve and no predictions instead of drawing them', async () => {
    const { page, problems } = await open(browser, join(out, 'carol', 'feedback.html'));
    expect(await page.locator('#loss').innerText()).toContain(htmlText().noLosses);
    expect(await page.locator('.no-predictions').innerText()).toBe(htmlText().noPredictions);
    expect(await page.locator('table.confusion').count()).toBe(0);
    expect(await page.locator('figure.digit').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("a mutant's page names its mistake", async () => {
    const { page, problems } = await open(browser, join(out, 'true class counted', 'feedback.html'));
    expect(await page.locator('#failures .hint[data-hint-id="svm-true-class-counted"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('markup in a name, message or hint is shown as text and never runs', async () => {
    const { page, problems } = await open(browser, join(out, MARKUP_NAME, 'feedback.html'));
    expect(await page.locator('h1').innerText()).toContain(MARKUP_NAME);
    expect(await page.locator('#failures').innerText()).toContain(MARKUP_TEXT);
    expect(await page.locator('#failures .hint[data-hint-id="markup-in-hint"]').innerText()).toContain(MARKUP_TEXT);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(problems).toEqual([]);
  });

  it('the summary: histogram, pass rates, frequent mistakes, and links to every feedback page', async () => {
    const { page, problems } = await open(browser, join(out, 'summary.html'));
    const all = Object.values(reports);
    const counts = await page.locator('#histogram rect.bin').evaluateAll((bins) => bins.map((b) => Number(b.getAttribute('data-count'))));
    expect(counts).toHaveLength(10);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(counts[9]).toBe(all.filter((r) => r.score >= 90).length);

    const passed = await page.locator('#pass-rates g.pass-rate').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-part'), Number(r.getAttribute('data-passed'))]));
    expect(Object.fromEntries(passed)).toEqual(Object.fromEntries(['forward', 'backward', 'svm', 'train'].map((id) => [id, all.filter((r) => part(r, id).status === 'passed').length])));

    const times = (id: string) => all.flatMap((r) => r.parts.flatMap((p) => p.tests)).filter((t) => !t.passed && t.hintId === id).length;
    const averaged = page.locator('#mistakes tr[data-hint-id="svm-averaged"]');
    expect(Number(await averaged.locator('td.times').innerText())).toBe(times('svm-averaged'));
    expect(await page.locator('#mistakes tr.mistake').first().getAttribute('data-hint-id')).toBe('svm-averaged');
    expect(await page.locator('#mistakes tr[data-hint-id="svm-true-class-counted"]').count()).toBe(1);
    expect(await page.locator('#mistakes tr[data-hint-id="markup-in-hint"] .hint-text').innerText()).toBe(MARKUP_TEXT);

    const links = await page.locator('#students a').evaluateAll((anchors) => anchors.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']));
    expect(links.map(([name]) => name).sort()).toEqual(all.map((r) => r.student).sort());
    for (const [name, href] of links) expect(existsSync(fileURLToPath(new URL(href, page.url()))), `${name}: ${href}`).toBe(true);
    expect(await page.locator('script, img').count()).toBe(0);

    const screenshot = join(out, 'summary.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);

    await page.locator('#students a', { hasText: MARKUP_NAME }).click();
    await page.waitForURL(/feedback\.html$/);
    expect(await page.locator('h1').innerText()).toContain(MARKUP_NAME);
  });

  it('speaks Russian after setLanguage("ru")', async () => {
    setLanguage('ru');
    const ru = join(out, 'ru');
    await writeFeedbackPage(ru, reports.bob, digits);
    await writeSummaryPage(ru, [reports.bob]);
    const expected = htmlText();
    setLanguage('en');

    const feedback = await open(browser, join(ru, 'bob', 'feedback.html'));
    let page = feedback.page;
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('#parts h2').innerText()).toBe(expected.partsHeading);
    expect(expected.partsHeading).toMatch(/[а-я]/);
    expect(await page.locator('figure.digit').first().innerText()).toContain(expected.digitCaption(train(reports.bob).predictions[0], digits.test.y[0]));
    expect(await page.locator('#loss svg .axis-title').allTextContents()).toContain(expected.lossAxisEpoch);
    await page.screenshot({ path: join(out, 'bob-feedback-ru.png'), fullPage: true });
    expect(feedback.problems).toEqual([]);

    const summary = await open(browser, join(ru, 'summary.html'));
    page = summary.page;
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('h1').innerText()).toBe(expected.summaryTitle);
    expect(summary.problems).toEqual([]);
  });
});
