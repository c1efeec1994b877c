// Prints 20 MB to stdout and 20 MB to stderr while loading.
const line = 'flood '.repeat(170); // 1021 bytes with the newline console adds
for (let i = 0; i < 20_000; i++) console.log(line);
for (let i = 0; i < 20_000; i++) console.error(line);

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearForward, no as linearBackward, no as svmLoss, no as train };
