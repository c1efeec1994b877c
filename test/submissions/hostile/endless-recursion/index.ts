// linearForward recurses without end.
function deeper(n: number): number {
  return deeper(n + 1) + 1;
}

export function linearForward(): number {
  return deeper(0);
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
