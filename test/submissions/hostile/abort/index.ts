// linearForward aborts the process.
export function linearForward(): never {
  process.abort();
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
