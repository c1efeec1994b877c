// digits linear classifier -- hw3

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;

export function linearForward(x: Matrix, w: Matrix, b: Vector) {
  var out: number[][] = [];
  for (var i = 0; i < x.length; i++) {
    out[i] = [];
    for (var j = 0; j < b.length; j++) {
      var sum = 0;
      for (var k = 0; k < w.length; k++) sum = sum + x[i][k] * w[k][j];
      out[i][j] = sum + b[j];
    }
  }
  return [out, [x, w, b]] as [Matrix, [Matrix, Matrix, Vector]];
}

export function linearBackward(ds: Matrix, cache: [Matrix, Matrix, Vector]) {
  var x = cache[0];
  var w = cache[1];
  var dw: number[][] = [];
  var db: number[] = [];
  for (var k = 0; k < w.length; k++) {
    dw[k] = [];
    for (var j = 0; j < w[0].length; j++) {
      dw[k][j] = 0;
      for (var i = 0; i < ds.length; i++) dw[k][j] = dw[k][j] + x[i][k] * ds[i][j];
    }
  }
  for (var j = 0; j < w[0].length; j++) {
    db[j] = 0;
    for (var i = 0; i < ds.length; i++) db[j] = db[j] + ds[i][j];
  }
  return [dw, db] as [Matrix, Vector];
}

export function svmLoss(scores: Matrix, trueLabels: number[]) {
  var loss = 0;
  var ds: number[][] = [];
  for (var i = 0; i < scores.length; i++) {
    ds[i] = [];
    var yi = trueLabels[i];
    var cnt = 0;
    for (var j = 0; j < scores[i].length; j++) {
      ds[i][j] = 0;
      if (j == yi) continue;
      var margin = scores[i][j] - scores[i][yi] + 1;
      if (margin > 0) {
        loss = loss + margin;
        ds[i][j] = 1;
        cnt = cnt + 1;
      }
    }
    ds[i][yi] = -cnt;
  }
  return [loss, ds] as [number, Matrix];
}

function randn() {
  var u = 1 - Math.random();
  var v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(x: Matrix, y: number[], options?: any) {
  options = options || {};
  var batchSize = options.batchSize || 256;
  var epochs = options.epochs || 100;
  var lr = options.lr || 5e-3;
  var W: number[][] = [];
  for (var k = 0; k < x[0].length; k++) {
    W[k] = [];
    for (var j = 0; j < 10; j++) W[k][j] = randn();
  }
  var b = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  var order: number[] = [];
  for (var i = 0; i < x.length; i++) order[i] = i;

  for (var epoch = 1; epoch <= epochs; epoch++) {
    for (var i = order.length - 1; i > 0; i--) {
      var r = Math.floor(Math.random() * (i + 1));
      var tmp = order[i];
      order[i] = order[r];
      order[r] = tmp;
    }
    var epochLoss = 0;
    for (var start = 0; start < x.length; start = start + batchSize) {
      var bx: Matrix = [];
      var by: number[] = [];
      for (var i = start; i < start + batchSize && i < x.length; i++) {
        bx.push(x[order[i]]);
        by.push(y[order[i]]);
      }
      var f = linearForward(bx, W, b);
      var l = svmLoss(f[0], by);
      var g = linearBackward(l[1], f[1]);
      epochLoss = epochLoss + l[0];
      for (var k = 0; k < W.length; k++) for (var j = 0; j < 10; j++) W[k][j] = W[k][j] - lr * g[0][k][j];
      for (var j = 0; j < 10; j++) b[j] = b[j] - lr * g[1][j];
    }
    if (options.onEpoch) options.onEpoch(epoch, epochLoss / x.length);
  }
  return [W, b] as [Matrix, Vector];
}
