// HW3 linear SVM. I left my debugging prints in, they help me see what training does.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out: number[][] = [];
  for (let n = 0; n < x.length; n++) {
    const row: number[] = [];
    for (let c = 0; c < b.length; c++) {
      let s = 0;
      for (let k = 0; k < w.length; k++) s += x[n][k] * w[k][c];
      row.push(s + b[c]);
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw: number[][] = [];
  for (let k = 0; k < w.length; k++) {
    const row: number[] = [];
    for (let c = 0; c < w[0].length; c++) {
      let s = 0;
      for (let n = 0; n < ds.length; n++) s += x[n][k] * ds[n][c];
      row.push(s);
    }
    dw.push(row);
  }
  const db: number[] = [];
  for (let c = 0; c < w[0].length; c++) {
    let s = 0;
    for (let n = 0; n < ds.length; n++) s += ds[n][c];
    db.push(s);
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const y = trueLabels[n];
    const g: number[] = new Array(scores[n].length).fill(0);
    for (let c = 0; c < g.length; c++) {
      if (c === y) continue;
      const m = scores[n][c] - scores[n][y] + 1;
      if (m > 0) {
        loss += m;
        g[c] = 1;
        g[y] -= 1;
      }
    }
    ds.push(g);
  }
  return [loss, ds];
}

function randn(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function norm(m: Matrix): number {
  let s = 0;
  for (const r of m) for (const v of r) s += v * v;
  return Math.sqrt(s);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, lr = 5e-3, onEpoch } = options;
  const epochs = 100;
  console.log(`train: ${x.length} samples, ${x[0].length} features, batchSize=${batchSize} epochs=${epochs} lr=${lr}`);
  const W: number[][] = [];
  for (let k = 0; k < x[0].length; k++) W.push(Array.from({ length: 10 }, randn));
  const b: number[] = new Array(10).fill(1);
  console.log('initial |W| =', norm(W).toFixed(3), 'b =', b);
  const order = x.map((_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let epochLoss = 0;
    let correct = 0;
    let batches = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      epochLoss += loss;
      batches++;
      scores.forEach((row, n) => {
        let best = 0;
        for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
        if (best === y[ids[n]]) correct++;
      });
      console.log(`  epoch ${epoch} batch ${batches}: size=${ids.length} loss=${loss.toFixed(2)} |dW|=${norm(dW).toFixed(2)}`);
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    console.log(`epoch ${epoch}/${epochs}: mean loss ${(epochLoss / x.length).toFixed(4)}, train acc ${((100 * correct) / x.length).toFixed(1)}%`);
    console.log('  |W| =', norm(W).toFixed(3), 'b =', b.map((v) => v.toFixed(3)).join(' '));
    onEpoch?.(epoch, epochLoss / x.length);
  }
  console.log('done.');
  return [W, b];
}
