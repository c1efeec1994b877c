/**
 * The homework: a linear classifier for the 8x8 digits, written without any ML framework.
 *
 * Fill in the three functions marked TODO (linearForward, linearBackward, svmLoss) and the weight
 * update inside `train`. Everything else in this file already works. Keep the exported names and
 * types: the grader calls these functions directly and compares what they return with the
 * instructor's solution.
 *
 * Rules: this folder may hold more .ts files, imported with relative imports ('./helpers');
 * no node builtins, no packages; all randomness must come from Math.random.
 */

// ---------------------------------------------------------------------------------------------
// The contract.

/** One row of a matrix: a plain array of numbers, or a Float64Array. */
export type Row = number[] | Float64Array;
/** A matrix is a list of rows: m[i][j] is row i, column j. */
export type Matrix = Row[];
/** A vector: a plain array of numbers, or a Float64Array. */
export type Vector = number[] | Float64Array;
/** What the forward pass keeps for the backward pass: its inputs x, w and b. */
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];
export interface TrainOptions {
  /** Samples per mini-batch (default 256); the last batch of an epoch may be smaller. */
  batchSize?: number;
  /** Passes over the training set (default 100). */
  epochs?: number;
  /** Learning rate (default 5e-3). */
  lr?: number;
  /** Called once after each epoch with the epoch number (from 1) and the epoch's mean loss. */
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/** The digits have ten classes, 0 to 9. */
const CLASSES = 10;

/**
 * Linear layer, forward pass: out = x @ w + b.
 *
 *   x    B x I   a batch of B inputs with I features each (I = 64 pixels for the digits)
 *   w    I x C   one column of weights per class (C = 10)
 *   b    C       one bias per class, added to every row
 *   out  B x C   out[n][c] = sum over k of x[n][k] * w[k][c], plus b[c]
 *
 * Return [out, cache] where cache = [x, w, b]: linearBackward needs x (and the shapes) later.
 */
export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  // TODO: compute out (B x C) and return [out, [x, w, b]].
  throw new Error('not implemented');
}

/**
 * Linear layer, backward pass. Given ds = dLoss/dout (B x C) and the cache of the forward pass,
 * return [dw, db]:
 *
 *   dw   I x C   dw[k][c] = sum over the batch n of x[n][k] * ds[n][c]   (that is x^T @ ds)
 *   db   C       db[c]    = sum over the batch n of ds[n][c]
 *
 * Both are sums over the batch, never averages.
 */
export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  // TODO: compute dw (I x C) and db (C) from ds and the x kept in the cache.
  throw new Error('not implemented');
}

/**
 * Multiclass SVM (hinge) loss with margin 1, and its gradient with respect to the scores.
 *
 *   scores      B x C   the output of linearForward
 *   trueLabels  B       the true class y_n of each row, 0..C-1
 *
 * For each row n, with s = scores[n] and y = trueLabels[n], every wrong class c (c != y) adds
 *   max(0, s[c] - s[y] + 1)
 * to the loss; the true class itself adds nothing. The loss is the SUM of these over the whole
 * batch, not the mean.
 *
 * The gradient ds (B x C): ds[n][c] = 1 for every wrong class c with s[c] - s[y] + 1 > 0,
 * 0 for the other wrong classes, and ds[n][y] = -(the number of wrong classes that scored 1).
 *
 * Why the sum: the homework's learning rate 5e-3 was chosen for the summed loss. With it the
 * classifier reaches about 90% test accuracy; dividing the loss and the gradient by the batch
 * size makes every step B times smaller, and training stalls near 77%.
 *
 * Return [loss, ds].
 */
export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  // TODO: compute the summed loss and ds (B x C) as described above.
  throw new Error('not implemented');
}

// ---------------------------------------------------------------------------------------------
// Training: already written, except the weight update.

/** A sample of the standard normal distribution N(0, 1), made from two Math.random draws. */
function standardNormal(): number {
  const u = 1 - Math.random(); // in (0, 1], so log(u) stays finite
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Mini-batch gradient descent on the SVM loss.
 *
 *   x  N x 64  the training images, raw pixel values 0..16 (no normalisation)
 *   y  N       their labels, 0..9
 *
 * Returns [W, b] with W 64 x 10 and b 10.
 */
export function train(x: Matrix, y: number[], options: TrainOptions = {}): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const samples = x.length;
  const inputs = x[0].length;

  // Initialisation: W from N(0, 1), b all ones.
  const W: number[][] = [];
  for (let k = 0; k < inputs; k++) {
    const row: number[] = [];
    for (let c = 0; c < CLASSES; c++) row.push(standardNormal());
    W.push(row);
  }
  const b: number[] = new Array<number>(CLASSES).fill(1);

  // The order in which the samples are visited, shuffled again at the start of every epoch.
  const order: number[] = [];
  for (let n = 0; n < samples; n++) order.push(n);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    // Shuffle: swap each position with a random earlier (or the same) one, using Math.random.
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }

    let epochLoss = 0;
    for (let start = 0; start < samples; start += batchSize) {
      // The next mini-batch: at most batchSize samples, in the shuffled order.
      const batch = order.slice(start, start + batchSize);
      const batchX: Matrix = batch.map((n) => x[n]);
      const batchY: number[] = batch.map((n) => y[n]);

      // Forward pass, loss, backward pass.
      const [scores, cache] = linearForward(batchX, W, b);
      const [loss, ds] = svmLoss(scores, batchY);
      const [dW, db] = linearBackward(ds, cache);
      epochLoss += loss;

      // TODO: the gradient descent step. Move every weight against its gradient:
      //   W[k][c] -= lr * dW[k][c]   for every k, c
      //   b[c]    -= lr * db[c]      for every c
      // Until you write it, W and b never change and the classifier stays at its random start.
    }

    // The epoch's mean loss: the summed loss of all its batches over the number of samples.
    onEpoch?.(epoch, epochLoss / samples);
  }

  return [W, b];
}
