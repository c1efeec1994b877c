// linearForward asks for 4 GB outside the heap, 256 MB at a time (typed arrays of two kinds).
const kept: unknown[] = [];

export function linearForward(): never {
  for (let i = 0; i < 8; i++) kept.push(new Uint8Array(256 * 1024 * 1024).fill(1));
  for (let i = 0; i < 8; i++) kept.push(new Float64Array(32 * 1024 * 1024).fill(1));
  throw new Error(`allocated all ${kept.length} chunks: 4 GB outside the heap`);
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
