// digits homework - still working on it

export function linearForward(x: number[][], w: number[][], b: number[]): [number[][], [number[][], number[][], number[]]] {
  const out = x.map((row) =>
    b.map((bias, c) => {
      let s = bias;
      for (let k = 0; k < row.length; k++) s += row[k] * w[k][c];
      return s;
    }),
  );
  return [out, [x, w, b]];
}

export function linearBackward(
  ds: number[][],
  cache: [number[][], number[][], number[]],
): [number[][], number[]] {
  // TODO
  throw new Error('not implemented');
}

export function svmLoss(scores: number[][], trueLabels: number[]): [number, number[][]] {
  let loss = 0;
  const ds = scores.map((s, n) => {
    const y = trueLabels[n];
    const g = s.map(() => 0);
    for (let c = 0; c < s.length; c++) {
      if (c !== y && s[c] - s[y] + 1 > 0) {
        loss += s[c] - s[y] + 1;
        g[c] = 1;
        g[y] -= 1;
      }
    }
    return g;
  });
  return [loss, ds];
}

export function train(
  x: number[][],
  y: number[],
  options?: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void },
): [number[][], number[]] {
  // TODO
  throw new Error('not implemented');
}
