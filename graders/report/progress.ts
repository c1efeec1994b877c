/**
 * Live progress while one submission is graded, for `npm run grade <one>` and `npm run check`:
 * the seconds so far, and once `train` reports epochs, "epoch k of N" with the loss, redrawn in
 * place on a terminal. A slow or endless `train` is visible at once instead of a silent wait.
 * Nothing is written when the stream is not a terminal (logs and pipes get the result only).
 */
import { shortNumber } from '../format.ts';
import { t } from '../i18n/index.ts';

const REDRAW_MS = 250;

export class LiveProgress {
  private readonly started = performance.now();
  private epoch: { epoch: number; loss: number } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly epochs: number,
    private readonly stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
  ) {
    if (!stream.isTTY) return;
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
  }

  /** Fed from the child while `train` runs: the signature of gradeSubmission's onEpoch. */
  readonly onEpoch = (epoch: number, loss: number): void => {
    this.epoch = { epoch, loss };
    this.draw();
  };

  /** The line as it would be drawn now. */
  line(): string {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    return this.epoch ? t().progressEpoch(this.epoch.epoch, this.epochs, shortNumber(this.epoch.loss), seconds) : t().progressGrading(seconds);
  }

  private draw(): void {
    if (this.timer) this.stream.write(`\r\x1b[2K  ${this.line()}`);
  }

  /** Clears the line, before the result is printed. */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\x1b[2K');
  }
}
