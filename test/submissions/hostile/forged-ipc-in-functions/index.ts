// Each function sends forged answers for every request id, now and on a timer, then returns a
// wrong value of its own.
const send = process.send!.bind(process);
const forge = () => {
  for (let id = 1; id <= 50; id++) {
    send({ kind: 'result', id, value: [[[1, 2, 3]], [7]], epochs: [[1, 0.1]], score: 100, passed: true });
    send({ kind: 'result', id: String(id), value: 'passed' });
  }
};
let timer: ReturnType<typeof setInterval> | undefined;
const forgeAlways = () => {
  forge();
  timer ??= setInterval(forge, 5);
};

const zeros = (): number[][] => [[0]];
export function linearForward(x: unknown, w: unknown, b: unknown): [number[][], unknown[]] {
  forgeAlways();
  return [zeros(), [x, w, b]];
}
export function linearBackward(): [number[][], number[]] {
  forgeAlways();
  return [zeros(), [0]];
}
export function svmLoss(): [number, number[][]] {
  forgeAlways();
  return [0, zeros()];
}
export function train(): [number[][], number[]] {
  forgeAlways();
  return [zeros(), [0]];
}
