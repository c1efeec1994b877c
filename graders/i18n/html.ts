/**
 * The fixed texts of the HTML pages (feedback.html per student, summary.html per class), in
 * English and Russian. The Russian object is typed to the English one's shape, so a text added in
 * English without its translation does not compile. The language is the run's, from index.ts.
 * The pages escape what these return, so a text here is plain text, never markup.
 */
import { language } from './index.ts';

const htmlEn = {
  // feedback.html
  feedbackTitle: (student: string) => `Feedback: ${student}`,
  totalScore: 'Total score',
  gradedWith: (fixtures: string, seed: number) => `graded with the ${fixtures} fixtures, Math.random seed ${seed}`,
  couldNotLoad: 'Your submission could not be loaded',
  partsHeading: 'Score by part',
  partColumn: 'part',
  functionColumn: 'function',
  statusColumn: 'status',
  pointsColumn: 'points',
  statuses: { passed: 'passed', failed: 'failed', error: 'error', timeout: 'timed out' },
  failuresHeading: 'What failed',
  noFailures: 'Every test passed.',
  hintLabel: 'Hint',
  evidenceLabel: 'Evidence',
  lossHeading: 'Training loss',
  lossAxisEpoch: 'epoch',
  lossAxisLoss: 'mean loss per training digit',
  logScale: 'log scale',
  lossRange: (first: string, firstEpoch: number, last: string, lastEpoch: number) => `from ${first} after epoch ${firstEpoch} to ${last} after epoch ${lastEpoch}`,
  noLosses: 'train reported no losses (onEpoch was never called), so there is no curve to draw.',
  nonFiniteLosses: (count: number) => `${count} epoch(s) reported a loss that is not a finite number; the curve leaves them out.`,
  noPredictionsHeading: 'Your model on the test digits',
  noPredictions: 'train did not return a usable W and b, so there are no predictions on the test digits: no confusion matrix and no digits to show.',
  confusionHeading: 'Confusion matrix on the test digits',
  confusionTrue: 'true label',
  confusionPredicted: 'predicted label',
  confusionNote: (correct: number, total: number) => `Rows are the true digits, columns your model's answers: the diagonal holds the ${correct} of ${total} digits it got right.`,
  digitsHeading: 'The first 25 test digits',
  digitsNote: 'Each digit is drawn from its 8x8 pixels; green when your model got it right, red when it did not.',
  digitCaption: (predicted: number, truth: number) => `predicted ${predicted}, true ${truth}`,
  typeWarningsHeading: 'Type warnings (they cost no points)',

  // summary.html
  summaryTitle: 'Class summary',
  classLine: (students: number, mean: string, median: string) => `${students} students; mean score ${mean}, median ${median}`,
  noReports: 'No reports to summarise.',
  histogramHeading: 'Scores',
  histogramAxisScore: 'score',
  histogramAxisStudents: 'students',
  passRateHeading: 'Pass rate by part',
  passRate: (passed: number, total: number, percent: string) => `${passed} of ${total} (${percent})`,
  mistakesHeading: 'Most frequent mistakes',
  mistakesTimes: 'failed tests',
  mistakesStudents: 'students',
  mistakesId: 'mistake',
  mistakesHint: 'hint',
  noMistakes: 'No failed test named a known mistake.',
  studentsHeading: 'Students',
  studentColumn: 'student',
  totalColumn: 'total',

  // summary.html: reasons (the intake's block)
  reasonColumn: 'why not full',
  zerosHeading: 'Zeros by reason',
  noZeros: 'Nobody scored 0.',
  zeroGroup: (label: string, n: number) => `${label}: ${n}`,
  lossExactlyZero: 'exactly 0 (every training digit beyond the margin)',
  intakeNotesHeading: 'How your upload was taken',
} as const;

/** The shape every language provides: the same keys, texts as plain strings or functions. */
export type HtmlTexts = {
  [K in keyof typeof htmlEn]: (typeof htmlEn)[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : (typeof htmlEn)[K] extends string
      ? string
      : { [S in keyof (typeof htmlEn)[K]]: string };
};

const htmlRu: HtmlTexts = {
  feedbackTitle: (student) => `Отзыв: ${student}`,
  totalScore: 'Итоговый балл',
  gradedWith: (fixtures, seed) => `проверено на тестах ${fixtures}, зерно Math.random ${seed}`,
  couldNotLoad: 'Не удалось загрузить решение',
  partsHeading: 'Баллы по частям',
  partColumn: 'часть',
  functionColumn: 'функция',
  statusColumn: 'статус',
  pointsColumn: 'баллы',
  statuses: { passed: 'пройдена', failed: 'не пройдена', error: 'ошибка', timeout: 'превышено время' },
  failuresHeading: 'Что не прошло',
  noFailures: 'Все тесты пройдены.',
  hintLabel: 'Подсказка',
  evidenceLabel: 'Проверка',
  lossHeading: 'Потери при обучении',
  lossAxisEpoch: 'эпоха',
  lossAxisLoss: 'средние потери на обучающую цифру',
  logScale: 'логарифмическая шкала',
  lossRange: (first, firstEpoch, last, lastEpoch) => `от ${first} после эпохи ${firstEpoch} до ${last} после эпохи ${lastEpoch}`,
  noLosses: 'train не сообщила ни одного значения потерь (onEpoch ни разу не вызвана), поэтому кривую построить нельзя.',
  nonFiniteLosses: (count) => `эпох с потерями, не являющимися конечным числом: ${count}; на кривой их нет.`,
  noPredictionsHeading: 'Ваша модель на тестовых цифрах',
  noPredictions: 'train не вернула пригодные W и b, поэтому предсказаний на тестовых цифрах нет: ни матрицы ошибок, ни цифр.',
  confusionHeading: 'Матрица ошибок на тестовых цифрах',
  confusionTrue: 'истинная метка',
  confusionPredicted: 'предсказанная метка',
  confusionNote: (correct, total) => `Строки — истинные цифры, столбцы — ответы вашей модели: на диагонали ${correct} из ${total} цифр, распознанных верно.`,
  digitsHeading: 'Первые 25 тестовых цифр',
  digitsNote: 'Каждая цифра нарисована по своим 8x8 пикселям; зелёная — модель ответила верно, красная — неверно.',
  digitCaption: (predicted, truth) => `предсказано ${predicted}, верно ${truth}`,
  typeWarningsHeading: 'Предупреждения о типах (баллы за них не снимаются)',

  summaryTitle: 'Сводка по группе',
  classLine: (students, mean, median) => `студентов: ${students}; средний балл ${mean}, медиана ${median}`,
  noReports: 'Нет отчётов для сводки.',
  histogramHeading: 'Баллы',
  histogramAxisScore: 'балл',
  histogramAxisStudents: 'студенты',
  passRateHeading: 'Доля сдавших по частям',
  passRate: (passed, total, percent) => `${passed} из ${total} (${percent})`,
  mistakesHeading: 'Самые частые ошибки',
  mistakesTimes: 'непройденных тестов',
  mistakesStudents: 'студентов',
  mistakesId: 'ошибка',
  mistakesHint: 'подсказка',
  noMistakes: 'Ни один непройденный тест не указал на известную ошибку.',
  studentsHeading: 'Студенты',
  studentColumn: 'студент',
  totalColumn: 'итого',

  // summary.html: reasons (the intake's block)
  reasonColumn: 'почему не полный балл',
  zerosHeading: 'Нули по причинам',
  noZeros: 'Ни у кого нет 0.',
  zeroGroup: (label, n) => `${label}: ${n}`,
  lossExactlyZero: 'ровно 0 (все обучающие цифры за пределами зазора)',
  intakeNotesHeading: 'Как принято ваше решение',
};

/** The page texts of the current language. */
export function htmlText(): HtmlTexts {
  return language() === 'ru' ? htmlRu : (htmlEn as HtmlTexts);
}
