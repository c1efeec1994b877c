// Never finishes loading: an endless loop at the top level.
while (true) {}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearForward, no as linearBackward, no as svmLoss, no as train };
