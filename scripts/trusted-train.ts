/**
 * The `train` of a solution folder, loaded into this process: for the instructor's own tools
 * (calibrate, bench) on trusted folders only. Students' code goes through the sandbox instead.
 */
import { bundleSubmission } from '../graders/sandbox/bundle.ts';
import { UsageError } from './cli.ts';

export type Train = (x: number[][], y: number[], options?: object) => unknown;

export async function loadTrustedTrain(folder: string): Promise<Train> {
  const bundle = await bundleSubmission(folder);
  if (!bundle.ok) throw new UsageError(`${folder}: ${bundle.message}`);
  // The bundle is a CommonJS body (the sandbox wraps it in a function of its own): run it so here.
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', bundle.code)(module, module.exports);
  const holder = (typeof module.exports.train === 'function' ? module.exports : module.exports.default) as Record<string, unknown> | undefined;
  const train = holder?.train;
  if (typeof train !== 'function') throw new UsageError(`${folder} exports no train function`);
  // A class instance's train needs its `this`.
  return (train as Train).bind(holder);
}
