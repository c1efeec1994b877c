// A computed import of child_process, then a shell that writes a file.
export async function linearForward(): Promise<unknown> {
  const name = 'node:' + 'child_process';
  const { spawnSync } = await import(name);
  const run = spawnSync('/bin/sh', ['-c', 'echo escaped > /tmp/nngrade-escape-import-child-process']);
  return `spawned: ${run.status}`;
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
