/** Every message a student reads, in Russian: the same keys as en.ts. */
import type { Messages } from './en.ts';

export const ru: Messages = {
  nothing: 'ничего',
  theString: (json) => `строку ${json}`,

  caseName: (name) =>
    name
      .replace('digits batch', 'батч цифр')
      .replace('small scores', 'малые оценки')
      .replace('large scores', 'большие оценки')
      .replace('small', 'малые значения')
      .replace('large', 'большие значения')
      .replace('batch of 1', 'батч из 1 примера')
      .replace('two classes', 'два класса')
      .replace('all-zero scores', 'все оценки нулевые')
      .replace('integer-valued scores', 'целые оценки')
      .replace('random', 'случайный'),

  notMatrix: (name, rows, cols, got) => `${name} должна быть матрицей ${rows}x${cols} (списком строк), получено: ${got}`,
  notRow: (name, index, cols, got) => `${name}[${index}] должна быть строкой из ${cols} чисел, получено: ${got}`,
  raggedShape: (rows, widths) => `${rows} строк по ${widths} элементов`,
  wrongShape: (name, shape, rows, cols) => `${name} имеет размер ${shape}, ожидался ${rows}x${cols}`,
  notVector: (name, length, got) => `${name} должен быть списком из ${length} чисел, получено: ${got}`,
  wrongLength: (name, got, length) => `в ${name} ${got} элементов, ожидалось ${length}`,
  mismatch: (where, want, got) => `${where}: ожидалось ${want}, получено ${got}`,
  moreDiffer: (first, misses, total) => `${first} (отличаются ${misses} из ${total} элементов)`,
  or: ' или ',

  notExported: (fn, also, found) => `${fn}${also} не экспортируется (найдено: ${found})`,
  noFunctions: 'ни одной функции',
  returnedInstead: (fn, got, expected) => `${fn} вернула ${got}; ожидалось ${expected}`,
  anArrayOf: (n) => `массив из ${n} элементов`,
  aFloat64ArrayOf: (n) => `Float64Array из ${n} элементов`,
  anObjectWithKeys: (keys) => `объект с ключами ${keys || '(нет)'}`,

  outMatches: (shape) => `out совпадает (${shape})`,
  gradientsMatch: (shape) => `dw и db совпадают (${shape})`,
  lossMatches: (shape) => `loss и ds совпадают (${shape})`,
  allCasesMatch: (n) => `все ${n} случаев совпадают`,
  casesFailed: (failed, total, name, message) => `не пройдено ${failed} из ${total} случаев; первый: ${name}: ${message}`,

  trainCase: (epochs) => `точность на тесте после ${epochs} эпох`,
  notFinite: (name, value, index) => `в ${name} на позиции ${index} стоит ${value}: обучение разошлось или значение не было задано`,
  accuracyReached: (percent, correct, total) => `точность на тесте ${percent} (${correct}/${total})`,
  fullCreditFrom: (percent) => `полный балл от ${percent}`,
  noneBelow: (full, zero) => `полный балл от ${full}, ниже ${zero} ноль`,
  epochCallsNote: (calls, epochs) => `замечание: onEpoch вызвана ${calls} раз за ${epochs} эпох`,

  threw: (fn, what) => `${fn} выбросила ${what}`,
  thrownAt: (text, location) => `${text} (в ${location})`,
  notAnError: (shown) => `${shown} (не Error)`,
  indescribable: 'значение, которое нельзя описать',
  resultTooLarge: (limit) => `не удалось прочитать результат: в нём больше ${limit} чисел`,
  resultTooDeep: 'не удалось прочитать результат: слишком глубокая вложенность',
  resultUnreadable: (message) => `не удалось прочитать результат: ${message}`,
  notAFunction: (name) => `${name} не является функцией`,
  timedOut: (seconds, fn) => `превышено время ${seconds} с в ${fn} (бесконечный цикл или слишком медленно?)`,
  diedDuring: (reason, fn) => `${reason} во время ${fn}`,
  notRun: (reason) => `не запускался: ${reason}`,
  sandboxDidNotStart: (reason) => `песочница не запустилась: процесс ${reason}`,
  loadTimedOut: (seconds) => `загрузка решения превысила ${seconds} с (код на верхнем уровне файла выполняется при загрузке: нет ли там бесконечного цикла?)`,
  loadDied: (reason) => `при загрузке решения процесс ${reason}`,
  loadThrew: (what) => `загрузка решения выбросила ${what}`,
  outOfTurn: 'песочница ответила не в свою очередь',
  outOfMemory: (mb) => `исчерпал память (${mb} МБ)`,
  stackOverflow: 'переполнил стек (бесконечная рекурсия?)',
  killedBy: (signal) => `был остановлен сигналом ${signal}`,
  exitedWith: (code) => `завершился с кодом ${code}`,
  closedChannel: 'закрыл канал связи с проверяющей программой',
  timedOutShort: 'не уложился во время',

  doesNotCompile: (message) => `не компилируется: ${message}`,
  importRefused: (path) => `импорт '${path}' в решении запрещён: импортируйте только файлы своей папки, через './'`,
  importLeavesFolder: (path) => `импорт '${path}' в решении запрещён: он ведёт за пределы папки решения`,
  cannotRead: (path) => `не удаётся прочитать '${path}'`,
  cannotReadFolder: (path) => `не удаётся прочитать папку ${path}`,
  fileTooLarge: (name, mib, limit) => `${name} занимает ${mib} МиБ; исходный файл решения может занимать не больше ${limit} МиБ`,
  nestedTooDeep: (name, limit) => `в ${name} скобки вложены глубже ${limit} уровней: в решении так глубоко вкладывать нельзя`,
  entryLeavesFolder: 'index.ts — ссылка на файл вне папки решения: сдайте сам файл',
  bundlerCrashed: 'сборщик упал на этом коде: упростите его (слишком глубокая вложенность или огромное выражение?)',
  indexIsFolder: 'index.ts — это папка, а не файл: решению нужен файл index.ts',
  emptyFolder: 'папка пуста: ничего не сдано',
  noIndex: (shown) => `в папке нет index.ts (найдено: ${shown}): главный файл решения должен называться index.ts`,
  andMore: (n) => ` и ещё ${n}`,

  hints: {
    'bias-forgotten': 'out отличается ровно на b в каждой строке: прибавлено ли смещение b к x @ w?',
    'bias-by-sample': 'к строке n матрицы out прибавлено b[n] вместо b[c] для столбца c: смещение относится к классу (столбцу), а не к примеру (строке)',
    'dw-transposed': 'значения dw верные, но матрица транспонирована: dw должна иметь размер I x C (как w), то есть x^T @ ds',
    'dw-averaged': 'dw равна ожидаемой, делённой на размер батча: dw — сумма по батчу, а не среднее',
    'db-wrong-axis': 'в db по одной сумме на пример: db[c] — сумма столбца c матрицы ds по батчу (по строкам), по одному значению на класс',
    'db-averaged': 'db равен ожидаемому, делённому на размер батча: db — сумма по батчу, а не среднее',
    'svm-averaged': 'loss и ds равны ожидаемым, делённым на размер батча: в этом задании потери суммируются по батчу (см. README: со средним при lr 5e-3 обучение идёт слишком медленно)',
    'svm-true-class-counted': 'потери больше ровно на 1 на каждый пример: истинный класс нужно исключить из суммы (его зазор s[y] - s[y] + 1 всегда равен 1)',
    'svm-minus-one': 'ds в истинном классе равен -1: он должен быть минус числом классов внутри зазора (каждый из них тянет истинную оценку вниз)',
    'svm-no-true-gradient': 'ds в истинном классе равен 0: он должен быть минус числом классов внутри зазора, ведь истинная оценка входит в каждый их зазор',
    'train-no-update': 'потери одинаковы во всех эпохах: W и b не обновляются (W -= lr * dW, b -= lr * db)',
    'train-ascent': 'потери растут от эпохи к эпохе: шаг идёт вверх по функции потерь (W += lr * dW), а не вниз (W -= lr * dW)',
    'train-averaged-loss': 'обучение идёт медленно, потому что svmLoss усредняет по батчу: с суммой потерь тот же lr даёт около 90%',
  },
  hintLabel: 'подсказка',

  svmGradientAgrees: 'численная проверка: ваш ds — точный градиент ваших же потерь, значит ошибка в определении самих потерь',
  backwardGradientAgrees: 'численная проверка: ваши dw и db — точные градиенты вашей же linearForward, сверьте формулы обеих функций с условием',
  gradientCheckDisagrees: (entry, analytic, numeric, of) => `численная проверка: ваш ${entry} равен ${analytic}, а ${of} меняется там со скоростью ${numeric} (центральные разности)`,
  ofYourLoss: 'ваша же svmLoss',
  ofYourForward: 'sum(out * ds) от вашей же linearForward',

  nextToFix: (part, message) => `Исправить следующим: ${part}: ${message}`,
  allDone: 'Все части проходят на открытых тестах. Можно сдавать.',
  typeWarnings: (n) => `предупреждений о типах: ${n} (баллы за них не снимаются):`,
  watching: 'слежу за изменениями; Ctrl-C — выход',

  couldNotLoad: 'не удалось загрузить:',
  reportAt: (path) => `отчёт: ${path}`,
  unchangedNote: (path) => `${path} (не изменилось с прошлого запуска; --force проверит заново)`,
  fixturesNote: (set) => `(тесты: ${set})`,
  tableStudent: 'студент',
  tableTotal: 'итого',
  reportsIn: (out) => `отчёты в ${out} (summary.html, summary.csv, summary.json, по папке на студента)`,
  skippedNote: (n) => ` (${n} без изменений с прошлого запуска, не перепроверялись; --force проверит заново)`,
  gradedQuiet: (graded, total, note, out) => `проверено ${graded} из ${total} решений${note}; отчёты в ${out}`,
  lossCurve: 'потери по эпохам',

  // live progress while one submission is graded (a terminal only)
  progressGrading: (seconds) => `проверка… ${seconds} с`,
  progressEpoch: (epoch, epochs, loss, seconds) => `обучение: эпоха ${epoch} из ${epochs}, потери ${loss} (${seconds} с)`,
};
