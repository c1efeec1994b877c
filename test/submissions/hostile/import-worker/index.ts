// A computed import of worker_threads, then a worker that writes a file.
export async function linearForward(): Promise<unknown> {
  const name = 'node:' + 'worker_threads';
  const { Worker } = await import(name);
  const code = "require('node:fs').writeFileSync('/tmp/nngrade-escape-import-worker', 'escaped')";
  const worker = new Worker(code, { eval: true });
  await new Promise((resolve) => worker.on('exit', resolve));
  return 'worker done';
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
