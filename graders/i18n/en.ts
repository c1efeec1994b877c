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
  accuracyReached: (percent: string, correct: number, total: number) => `test accuracy ${percent} (${correct}/${total})`,
  fullCreditFrom: (percent: string) => `full credit from ${percent}`,
  noneBelow: (full: string, zero: string) => `full credit from ${full}, none below ${zero}`,
  epochCallsNote: (calls: number, epochs: number) => `note: onEpoch was called ${calls} times for ${epochs} epochs`,

  // train: non-finite values, onEpoch notes, the update rule on the identical-rows probe
  differsOnRepeat: (where: string) => `the same input sent twice gave two answers (first difference at ${where}): the function keeps something between calls`,
  nonFiniteMiss: (where: string, value: string, want: string) => `${where} is ${value} (expected ${want})`,
  epochNoLossNote: "note: onEpoch got no loss, or NaN (no points lost; call onEpoch(epoch, meanLoss))",
  epochOneArgumentNote: 'note: onEpoch seems to get one argument (no points lost; call onEpoch(epoch, meanLoss), epoch first)',
  cacheHoldsOut: 'the cache holds out where it should hold x: the cache is [x, w, b], the inputs linearBackward needs',
  randomnessCase: 'randomness from Math.random: two seeds, two trainings',
  sameForTwoSeeds: (a: number, b: number) => `48 digits, batchSize 8, 1 epoch: W and b come out exactly the same with Math.random seeded ${a} and ${b}`,
  differsWithSeed: 'another seed of Math.random gives another training',
  startsDiffer: (where: string) => `runs with the same seed of Math.random started from different weights (${where}, whose input is 0, differs between them): train's randomness does not all come from the seeded Math.random`,
  isNonFinite: (where: string, value: string) => `${where} is ${value}`,
  isNotNumber: (where: string, type: string) => `${where} is ${type}, not a number`,
  trainedToNonFinite: (what: string) => `${what}: training diverged or never set it`,
  epochLossNote: (epoch: number, value: string) => `note: onEpoch's loss for epoch ${epoch} was ${value} (no points lost; pass the epoch's summed loss over the number of samples)`,
  epochNumberNote: (call: number, value: string) => `note: onEpoch's call ${call} said epoch ${value} (no points lost; epochs count from 1)`,
  updateFullBatchCase: (rows: number) => `update rule: one full-batch epoch on ${rows} identical rows`,
  updateMiniCase: (count: number, size: number) => `update rule: ${count} mini-batches of ${size}`,
  updateEpochsCase: (epochs: number) => `update rule: ${epochs} epochs`,
  updateRun: (batchSize: number, epochs: number, lr: string) => `batchSize ${batchSize}, epochs ${epochs}, lr ${lr}`,
  updateMiss: (run: string, where: string, want: string, got: string) => `12 identical rows, ${run}: ${where} should be ${want} (exact SGD from your own start), got ${got}`,
  updateSameForBothLr: (run: string, lr: string) => `12 identical rows, ${run}: W and b come out the same as with lr ${lr}`,
  updateFollows: (message: string) => `an earlier check already fails: ${message}`,
  updateFullBatchRight: (rows: number) => `one full-batch epoch on ${rows} identical rows is exactly one SGD step`,
  updateMiniRight: (count: number, size: number) => `one epoch is exactly ${count} SGD steps of ${size} rows`,
  updateEpochsRight: (epochs: number) => `exactly ${epochs} epochs of SGD`,
  updateInconclusive: 'from your starting weights no margin of the test rows is open (or one sits exactly at the hinge), so exact SGD does not move: nothing to compare, no points lost',
  stepRatio: (ratio: string) => `the step is ${ratio} times the expected one`,
  asIfRows: (rows: number, of: number) => `it moved as if ${rows} of the ${of} rows were used`,
  wAgainstB: (ratio: string) => `W moved ${ratio} times as far as b, relative to the expected step`,
  asIfEpochs: (got: number, asked: number) => `it matches ${got} epoch${got === 1 ? '' : 's'} where ${asked} ${asked === 1 ? 'was' : 'were'} asked`,
  epochsIgnored: (calls: number) => `onEpoch was called ${calls} times in every run, whether 1 or 2 epochs were asked: the loop does not read options.epochs`,
  updateRanOtherEpochs: (run: string) => `12 identical rows, ${run}: the loop did not run the epochs asked`,
  asIfBatches: (count: number, size: number, wantCount: number, wantSize: number) => `it matches ${count} batch${count === 1 ? '' : 'es'} of ${size} rows; expected ${wantCount} batches of ${wantSize}`,
  asIfInputsOver: (scale: number) => `it matches training on the pixels divided by ${scale}`,

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
  malformedAnswer: 'sent a malformed answer',
  sandboxCannotStart: (version: string, reason: string) => `the sandbox cannot start on Node ${version}: a test child ${reason}. Nothing was graded; see SECURITY.md ("If the sandbox cannot start")`,
  answerTooLarge: (mb: number) => `sent an answer over ${mb} MiB`,
  answeredTooMuch: (mb: number) => `sent over ${mb} MiB of answers`,
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
  bundlingTimedOut: (seconds: number) => `bundling the submission took longer than ${seconds} s and was stopped: simplify the code (thousands of repeated declarations or exports take the bundler minutes)`,
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
    // the update rule and the mistakes it shows
    'update-none': 'W and b never change: after each batch, W -= lr * dW and b -= lr * db',
    'update-lr-ignored': 'W and b come out the same for two different learning rates: use options.lr (the default only when it is not given)',
    'update-stale': 'each step applies the gradient of the batch before it: compute dW and db for the current batch, then update with them',
    'update-b-frozen': 'W is updated but b never moves: b -= lr * db after each batch too',
    'update-w-frozen': 'b is updated but W never moves: W -= lr * dW after each batch too',
    'update-b-ascent': 'b moves up its gradient (b += lr * db): the bias descends like W, b -= lr * db',
    'update-ascent': 'the update climbs the loss: W -= lr * dW and b -= lr * db, not +=',
    'update-averaged': 'each step is the summed gradient divided by the batch size: this homework steps by lr times the gradient summed over the batch',
    'update-rows-missing': 'an epoch uses fewer rows than it is given: every training row belongs to a batch (check the slice bounds, and hold no rows out)',
    'update-step-size': 'the step is not lr times the gradient: use options.lr as given, unscaled, with one step per batch and exactly options.epochs epochs',
    'update-inputs-scaled': 'the steps of W and b disagree as if the inputs were scaled: train on the pixels as given (0..16), without normalising',
    'update-softmax': 'the steps follow the gradient of softmax cross-entropy: train descends the multiclass SVM (hinge) loss of svmLoss',
    'update-not-hinge': "the step is not along the SVM loss's gradient of the batch: train should step by svmLoss's ds through linearBackward (if those parts fail, fix them first)",
    'update-batches': 'the mini-batches have the wrong size or number: cut each epoch into batches of batchSize rows (the last may be smaller)',
    'update-epochs': 'train runs a different number of epochs than options.epochs: loop exactly epochs times',
    'update-parts-first': 'train steps with your own linearForward, svmLoss and linearBackward, and one of those parts fails: fix it first, then see whether train still differs',
    'dw-is-dx': 'dw is ds @ w^T, the gradient for the input x (B x I): dw is the gradient for w, x^T @ ds (I x C)',
    'cache-holds-out': 'the cache holds the output instead of the input x: return [out, [x, w, b]]',
    'svm-margin-zero': 'the loss is the hinge with margin 0, max(0, s[c] - s[y]): this homework uses margin 1, max(0, s[c] - s[y] + 1)',
    'svm-squared': 'the loss is the squared hinge: this homework sums max(0, s[c] - s[y] + 1) itself, not its square',
    'update-own-random': "train's randomness does not come from Math.random (a generator of its own?): initialise and shuffle with Math.random, which the grader seeds",
    'svm-loss-averaged': 'the loss is the summed one divided by the batch size while ds is summed: the loss is the sum over the batch, not the mean',
    'svm-ds-averaged': 'ds is the exact gradient divided by the batch size while the loss is summed: ds is the gradient of the summed loss, not averaged',
    'bias-subtracted': 'out is off by exactly -2b: the bias is subtracted; out = x @ w + b',
    'float32': 'agrees to about 6 digits only: float32? use number or Float64Array',
    'state-kept': 'the same input twice gave two different answers: something is kept between calls (a buffer never zeroed?); start every call from fresh zeros',
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
  typeCheckGivenUp: (reason: 'time' | 'crash') =>
    `The type check gave up on these files (${reason === 'time' ? 'the compiler took too long over them' : "they made the compiler's process crash, out of memory say"}): type errors, if any, are not listed.`,
  watching: 'watching for changes; Ctrl-C stops',

  // terminal
  couldNotLoad: 'could not load:',
  reportAt: (path: string) => `feedback page: ${path}/feedback.html (open it in a browser; report.json beside it)`,
  unchangedAt: (path: string) => `feedback page: ${path}/feedback.html (unchanged since the last run; --force regrades)`,
  fixturesNote: (set: string) => `(${set} fixtures)`,
  tableStudent: 'student',
  tableTotal: 'total',
  reportsIn: (out: string) => `summary page: ${out}summary.html (open it in a browser); reports in ${out} (summary.csv, summary.json, intake.json, a folder per student with feedback.html)`,
  skippedNote: (n: number) => ` (${n} unchanged since the last run, not regraded; --force regrades)`,
  gradedQuiet: (graded: number, total: number, note: string, out: string) => `graded ${graded} of ${total} submissions${note}; reports in ${out}`,
  lossCurve: 'loss per epoch',

  // intake: how a folder or a zip becomes students (graders/intake/)
  intakeLifted: (folder: string, left?: string) => `took the files inside ${folder}/ (a folder uploaded whole)${left ? `; left beside it: ${left}` : ''}`,
  intakeUnpacked: (zip: string) => `unpacked ${zip}, the zip the student uploaded`,
  intakeGradedAs: (name: string) => `graded ${name} as index.ts: it is the only TypeScript file (name the entry file index.ts)`,
  intakeOlderAttempt: (file: string) => `left out ${file}: an older attempt`,
  intakeLooseBesideFolder: (path: string, folder: string) => `skipped ${path}: the folder ${folder}/ is that student's submission`,
  intakeNotASubmission: (path: string) => `skipped ${path}: a submission is a folder or a .ts file`,
  intakeRenamed: (name: string, as: string) => `two students are named ${name}: this one is ${as}`,
  intakeTooLarge: (size: string, max: string) => `it is ${size}, more than the ${max} allowed per file`,
  intakeTooManyFiles: (n: number) => `more than ${n} files in one submission`,
  intakeTooMuch: (max: string) => `the submission's files pass ${max} in all`,
  intakeUnreadable: (code: string) => `it could not be read (${code})`,
  intakeRefusedLink: 'it is a symbolic link: submit the file itself',
  intakeRefusedSpecial: 'it is not a regular file (a pipe, a device or a socket)',
  intakeChanged: 'it changed while it was being copied',
  intakeLeftOut: (path: string, reason: string) => `${path} left out: ${reason}`,
  intakeMissing: (path: string) => `${path} does not exist: give a submission folder, a folder of them, or a class export .zip`,
  intakeNotAFolder: (path: string) => `${path} is not a folder, a .zip or a .ts file: give a submission folder, a folder of them, or a class export .zip`,
  intakeNothingToGrade: (path: string, why: string) => `${path} holds no submission to grade${why}: give a submission folder (holding index.ts), a folder of them, or a class export .zip`,
  intakeReservedName: (name: string, renamed: string) => `named ${renamed}: ${name} is the name of a file the batch writes`,
  intakeSameName: (name: string, a: string, b: string) => `two submissions are named ${name} (${a} and ${b}): their reports would overwrite each other`,
  intakeLine: (student: string, source: string, files: number, notes: string) => `${student} <- ${source}: ${files} file${files === 1 ? '' : 's'}${notes ? `; ${notes}` : ''}`,
  intakeLineProblem: (student: string, source: string, problem: string) => `${student} <- ${source}: nothing to grade: ${problem}`,
  leftOutOfSnapshot: (notes: string) => ` (${notes})`,

  // outcomes: a reason for every score below full (graders/report/outcome.ts)
  outcomeLabel: {
    full: 'full marks',
    wrong: 'wrong answers',
    'not-implemented': 'not implemented',
    'timed-out': 'timed out',
    crashed: 'crashed',
    'could-not-load': 'could not load',
    'does-not-compile': 'does not compile',
    'no-submission': 'no submission',
  },

  // grades back into the LMS (graders/report/lms.ts)
  lmsWritten: (lms: string, path: string, rows: number) => `${lms === 'moodle' ? 'Moodle grading worksheet' : 'Canvas gradebook import'}: ${path} (${rows} student${rows === 1 ? '' : 's'})`,
  lmsMissing: (lms: string, students: string) => `left out of the ${lms === 'moodle' ? 'Moodle worksheet' : 'Canvas import'}, for want of an id (enter their grades by hand): ${students}`,

  // the self-check: intake notes and what the submission printed (scripts/check.ts)
  intakeNote: (note: string) => `note: ${note}`,
  printedHead: (bytes: number) => `your code printed ${bytes} byte${bytes === 1 ? '' : 's'}; the first lines:`,
  printedRest: (file: string) => `  (cut: all of it, up to 64 KiB, is in ${file})`,

  // live progress while one submission is graded (a terminal only)
  progressGrading: (seconds: string) => `grading… ${seconds} s`,
  progressEpoch: (epoch: number, epochs: number, loss: string, seconds: string) => `training: epoch ${epoch} of ${epochs}, loss ${loss} (${seconds} s)`,
} as const;

/** The shape every language provides: the same keys, messages as plain strings or functions. */
export type Messages = {
  [K in keyof typeof en]: (typeof en)[K] extends (...args: infer A) => string ? (...args: A) => string : (typeof en)[K] extends string ? string : { [H in keyof (typeof en)[K]]: string };
};
export type HintId = keyof typeof en.hints;
