// linearForward returns a row of 1e8 numbers outside the heap (800 MB of Float64Array).
export function linearForward(x: unknown, w: unknown, b: unknown): [Float64Array[], unknown[]] {
  return [[new Float64Array(1e8)], [x, w, b]];
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
