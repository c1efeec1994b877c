// linearForward builds a row of 1e8 numbers to return: far more than the heap holds.
export function linearForward(x: unknown, w: unknown, b: unknown): [number[][], unknown[]] {
  const row: number[] = [];
  for (let i = 0; i < 1e8; i++) row.push(0);
  return [[row], [x, w, b]];
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
