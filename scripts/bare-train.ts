/**
 * The bare counterpart that `npm run bench` sets the grader beside: a plain node process that
 * imports a bundled submission, loads the digits and trains, with no grader, sandbox or report.
 * It imports nothing of the grader but the digits' loader and the seeded Math.random, so its
 * start-up is what a student's own script would pay. Prints the training's own time as JSON.
 * A trusted folder only.
 *   node <compiled bare-train> <bundle.cjs> <seed> <batchSize> <epochs> <lr>
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { loadDigits } from '../graders/data/digits.ts';
import { seededRandom } from '../graders/random.ts';

const [bundle, seed, batchSize, epochs, lr] = process.argv.slice(2);
if (!bundle || !lr) throw new Error('usage: node bare-train.mjs <bundle.cjs> <seed> <batchSize> <epochs> <lr>');
// The bundle is CommonJS (the sandbox wraps it in a function of its own); required as it is.
const student = createRequire(import.meta.url)(resolve(bundle));
const train = student.train ?? student.default?.train ?? student.default?.default?.train;
const digits = loadDigits();
Math.random = seededRandom(Number(seed));
const started = performance.now();
train(digits.train.x, digits.train.y, { batchSize: Number(batchSize), epochs: Number(epochs), lr: Number(lr) });
process.stdout.write(`${JSON.stringify({ trainMs: performance.now() - started })}\n`);
