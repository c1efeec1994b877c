/** How many predictions equal their labels. */
export function countCorrect(predicted: number[], labels: number[]): number {
  return predicted.filter((p, i) => p === labels[i]).length;
}

/** The grader's own prediction from a student's W and b: the class with the largest score. */
export function predictClasses(x: number[][], w: ArrayLike<number>[], b: ArrayLike<number>): number[] {
  return x.map((row) => {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < b.length; c++) {
      let score = b[c];
      for (let k = 0; k < row.length; k++) score += row[k] * w[k][c];
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  });
}
