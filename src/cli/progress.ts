/**
 * A progress bar for long CLI jobs: redraws in place on a terminal, prints a line every
 * 10 % when output goes to a file or CI log.
 */
export class ProgressBar {
  private current = 0;
  private lastPrinted = -1;
  private readonly started = Date.now();
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(n = 1): void {
    this.update(this.current + n);
  }

  update(value: number): void {
    this.current = Math.min(value, this.total);
    const pct = this.total === 0 ? 100 : Math.floor((this.current / this.total) * 100);
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      this.stream.write(`\r${this.label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${pct}% ${this.current}/${this.total}`);
    } else if (Math.floor(pct / 10) !== Math.floor(this.lastPrinted / 10) || this.current === this.total) {
      if (pct !== this.lastPrinted) this.stream.write(`${this.label}: ${pct}% (${this.current}/${this.total})\n`);
    }
    this.lastPrinted = pct;
  }

  done(summary?: string): void {
    this.update(this.total);
    if (this.stream.isTTY) this.stream.write("\n");
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    this.stream.write(`${this.label}: terminado en ${secs} s${summary ? ` — ${summary}` : ""}\n`);
  }
}
