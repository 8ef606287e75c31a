/** A territory operation refused for a reason the person can fix; the message is Spanish. */
export class TerritoryError extends Error {}

/** A progress display for long imports (the CLI passes its ProgressBar; tests pass nothing). */
export interface Progress {
  tick(n?: number): void;
  done(summary?: string): void;
}
export type ProgressFactory = (label: string, total: number) => Progress;
export const silentProgress: ProgressFactory = () => ({ tick() {}, done() {} });
