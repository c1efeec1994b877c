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
  const mod = await import(`data:text/javascript;base64,${Buffer.from(bundle.code).toString('base64')}`);
  const train = mod.train ?? mod.default?.train;
  if (typeof train !== 'function') throw new UsageError(`${folder} exports no train function`);
  return train;
}
