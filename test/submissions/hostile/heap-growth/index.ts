// linearForward keeps every array it makes: the heap grows until it runs out.
const kept: number[][] = [];

export function linearForward(): never {
  for (;;) kept.push(new Array(1_000_000).fill(1.5));
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
