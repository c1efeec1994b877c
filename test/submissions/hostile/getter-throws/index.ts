// linearForward returns an object whose getter throws.
export function linearForward(x: unknown, w: unknown, b: unknown): unknown {
  return {
    get out(): never {
      throw new Error('getter: no reading');
    },
    cache: [x, w, b],
  };
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
