// A computed import of a builtin, then a file written outside the sandbox.
export async function linearForward(): Promise<unknown> {
  const name = 'node:' + 'fs';
  const fs = await import(name);
  fs.writeFileSync('/tmp/nngrade-escape-import-fs-write', 'escaped');
  return 'written';
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
