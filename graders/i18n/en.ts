/**
 * Every message a student reads, in English. ru.ts must provide the same keys (the type checks
 * it), so a message added here without its translation does not compile.
 */
export const en = {
  // values as they are described in messages
  nothing: 'nothing',
  theString: (json: string) => `the string ${json}`,

  /** A golden case's name as stored in the fixtures: English already. */
  caseName: (name: string) => name,

  // comparisons
  notMatrix: (name: string, rows: number, cols: number, got: string) => `${name} should be a ${rows}x${cols} matrix (a list of rows), got ${got}`,
  notRow: (name: string, index: number, cols: number, got: string) => `${name}[${index}] should be a row of ${cols} numbers, got ${got}`,
  raggedShape: (rows: number, widths: string) => `${rows} rows of ${widths} entries`,
  wrongShape: (name: string, shape: string, rows: number, cols: number) => `${name} is ${shape}, expected ${rows}x${cols}`,
  notVector: (name: string, length: number, got: string) => `${name} should be a list of ${length} numbers, got ${got}`,
  wrongLength: (name: string, got: number, length: number) => `${name} has ${got} entries, expected ${length}`,
  mismatch: (where: string, want: string, got: string) => `${where}: expected ${want}, got ${got}`,
  moreDiffer: (first: string, misses: number, total: number) => `${first} (${misses} of ${total} entries differ)`,
  or: ' or ',

  // the contract
  notExported: (fn: string, also: string, found: string) => `${fn}${also} is not exported (found: ${found})`,
  noFunctions: 'no functions',
  returnedInstead: (fn: string, got: string, expected: string) => `${fn} returned ${got}; expected ${expected}`,
  anArrayOf: (n: number) => `an array of ${n}`,
  aFloat64ArrayOf: (n: number) => `a Float64Array of ${n}`,
  anObjectWithKeys: (keys: string) => `an object with keys ${keys || '(none)'}`,

  // passes
  outMatches: (shape: string) => `out matches (${shape})`,
  gradientsMatch: (shape: string) => `dw and db match (${shape})`,
  lossMatches: (shape: string) => `loss and ds match (${shape})`,
  allCasesMatch: (n: number) => `all ${n} cases match`,
  casesFailed: (failed: number, total: number, name: string, message: string) => `${failed} of ${total} cases failed; first: ${name}: ${message}`,

  // training
  trainCase: (epochs: number) => `test accuracy after ${epochs} epochs`,
  notFinite: (name: string, value: string, index: number) => `${name} holds ${value} at ${index}: training diverged or never set it`,
  accuracyReached: (percent: string, correct: number, total: number) => `test accuracy ${percent} (${correct}/${total})`,
  fullCreditFrom: (percent: string) => `full credit from ${percent}`,
  noneBelow: (full: string, zero: string) => `full credit from ${full}, none below ${zero}`,
  epochCallsNote: (calls: number, epochs: number) => `note: onEpoch was called ${calls} times for ${epochs} epochs`,

  // running
  threw: (fn: string, what: string) => `${fn} threw ${what}`,
  thrownAt: (text: string, location: string) => `${text} (at ${location})`,
  notAnError: (shown: string) => `${shown} (not an Error)`,
  indescribable: 'a value that cannot be described',
  resultTooLarge: (limit: number) => `reading the returned value failed: the returned value holds more than ${limit} numbers`,
  resultTooDeep: 'reading the returned value failed: the returned value is nested too deeply',
  resultUnreadable: (message: string) => `reading the returned value failed: ${message}`,
  notAFunction: (name: string) => `${name} is not a function`,
  timedOut: (seconds: number, fn: string) => `timed out after ${seconds} s in ${fn} (an endless loop, or far too slow?)`,
  diedDuring: (reason: string, fn: string) => `${reason} during ${fn}`,
  notRun: (reason: string) => `not run: ${reason}`,
  sandboxDidNotStart: (reason: string) => `the sandbox did not start: it ${reason}`,
  loadTimedOut: (seconds: number) => `loading the submission timed out after ${seconds} s (code at the top level of a file runs when it loads: an endless loop there?)`,
  loadDied: (reason: string) => `loading the submission ${reason}`,
  loadThrew: (what: string) => `loading the submission threw ${what}`,
  outOfTurn: 'the sandbox answered out of turn',
  outOfMemory: (mb: number) => `ran out of memory (${mb} MB)`,
  stackOverflow: 'overflowed the stack (endless recursion?)',
  killedBy: (signal: string) => `was killed by ${signal}`,
  exitedWith: (code: string) => `exited with code ${code}`,
  closedChannel: 'closed its channel to the grader',
  timedOutShort: 'timed out',

  // loading and folders
  doesNotCompile: (message: string) => `does not compile: ${message}`,
  importRefused: (path: string) => `import of '${path}' is not allowed in a submission: import only files of your own folder, with './'`,
  importLeavesFolder: (path: string) => `import of '${path}' is not allowed in a submission: it leads outside the submission's folder`,
  cannotRead: (path: string) => `cannot read '${path}'`,
  cannotReadFolder: (path: string) => `cannot read the folder ${path}`,
  fileTooLarge: (name: string, mib: string, limit: number) => `${name} is ${mib} MiB; a submission's source files may be at most ${limit} MiB each`,
  nestedTooDeep: (name: string, limit: number) => `${name} nests brackets more than ${limit} levels deep: a submission may not nest deeper`,
  entryLeavesFolder: "index.ts is a link to a file outside the submission's folder: submit the file itself",
  bundlerCrashed: 'the bundler crashed on this code: simplify it (deep nesting or an enormous expression?)',
  indexIsFolder: 'index.ts is a folder, not a file: the submission needs an index.ts file',
  emptyFolder: 'the folder is empty: nothing was submitted',
  noIndex: (shown: string) => `no index.ts in the folder (found: ${shown}): the submission's entry file must be named index.ts`,
  andMore: (n: number) => `, and ${n} more`,

  // hints: what a classic mistake looks like from the numbers
  hints: {
    'bias-forgotten': 'out is off by exactly b in every row: is the bias b added to x @ w?',
    'bias-by-sample': 'row n of out has b[n] added instead of b[c] for column c: the bias belongs to the class (column), not to the sample (row)',
    'dw-transposed': 'dw has the right values but is transposed: dw must be I x C (the shape of w), that is x^T @ ds',
    'dw-averaged': 'dw is the expected one divided by the batch size: dw is a sum over the batch, not a mean',
    'db-wrong-axis': 'db holds one sum per sample: db[c] sums column c of ds over the batch (the rows), giving one value per class',
    'db-averaged': 'db is the expected one divided by the batch size: db is a sum over the batch, not a mean',
    'svm-averaged': 'loss and ds are the expected ones divided by the batch size: this homework sums the loss over the batch (see the README: the mean trains too slowly with lr 5e-3)',
    'svm-true-class-counted': 'the loss is too large by exactly 1 per sample: the true class must be left out of the hinge sum (its margin s[y] - s[y] + 1 is always 1)',
    'svm-minus-one': 'ds at the true class is -1: it must be minus the number of classes inside the margin (each of them pulls the true score down)',
    'svm-no-true-gradient': 'ds at the true class is 0: it must be minus the number of classes inside the margin, since the true score appears in every one of their margins',
    'train-no-update': 'the loss is the same in every epoch: W and b are never updated (W -= lr * dW, b -= lr * db)',
    'train-ascent': 'the loss grows epoch after epoch: the update climbs the loss (W += lr * dW) instead of descending it (W -= lr * dW)',
    'train-averaged-loss': 'training is slow because svmLoss averages over the batch: with the summed loss the same lr reaches about 90%',
  },
  hintLabel: 'hint',

  // numerical gradient checks
  svmGradientAgrees: 'numerical check: your ds is the exact gradient of your own loss, so look at how the loss itself is defined',
  backwardGradientAgrees: 'numerical check: your dw and db are the exact gradients of your own linearForward, so compare the formulas of both with the contract',
  gradientCheckDisagrees: (entry: string, analytic: string, numeric: string, of: string) => `numerical check: your ${entry} is ${analytic}, but ${of} changes at a rate of ${numeric} there (central differences)`,
  ofYourLoss: 'your own svmLoss',
  ofYourForward: 'sum(out * ds) from your own linearForward',

  // self-check
  nextToFix: (part: string, message: string) => `Next to fix: ${part}: ${message}`,
  allDone: 'Every part passes on the public fixtures. Submit when you are ready.',
  typeWarnings: (n: number) => `${n} type warning${n === 1 ? '' : 's'} (they cost no points):`,
  watching: 'watching for changes; Ctrl-C stops',

  // terminal
  couldNotLoad: 'could not load:',
  reportAt: (path: string) => `report: ${path}`,
  unchangedNote: (path: string) => `${path} (unchanged since the last run; --force regrades)`,
  fixturesNote: (set: string) => `(${set} fixtures)`,
  tableStudent: 'student',
  tableTotal: 'total',
  reportsIn: (out: string) => `reports in ${out} (summary.html, summary.csv, summary.json, one folder per student)`,
  skippedNote: (n: number) => ` (${n} unchanged since the last run, not regraded; --force regrades)`,
  gradedQuiet: (graded: number, total: number, note: string, out: string) => `graded ${graded} of ${total} submissions${note}; reports in ${out}`,
  lossCurve: 'loss per epoch',

  // live progress while one submission is graded (a terminal only)
  progressGrading: (seconds: string) => `grading… ${seconds} s`,
  progressEpoch: (epoch: number, epochs: number, loss: string, seconds: string) => `training: epoch ${epoch} of ${epochs}, loss ${loss} (${seconds} s)`,
} as const;

/** The shape every language provides: the same keys, messages as plain strings or functions. */
export type Messages = {
  [K in keyof typeof en]: (typeof en)[K] extends (...args: infer A) => string ? (...args: A) => string : (typeof en)[K] extends string ? string : { [H in keyof (typeof en)[K]]: string };
};
export type HintId = keyof typeof en.hints;
