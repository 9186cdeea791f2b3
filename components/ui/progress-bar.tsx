export type ProgressBarProps = {
  /** Done out of total; a total of 0 counts as finished. */
  done: number;
  /** Null while the total is not known yet: the bar shows a sliver and no figure. */
  total: number | null;
  /** What is progressing, for screen readers ("v2 replay", "partition 1"). */
  label: string;
  /** Print the percentage on the bar (the default). */
  showPercent?: boolean;
};

/** Whole percent done, never past 100. */
export function percentDone(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
}

/** The one progress bar of the console: rebuild replays, partitions, erasure jobs. */
export function ProgressBar({ done, total, label, showPercent = true }: ProgressBarProps) {
  const pct = total === null ? null : percentDone(done, total);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}>
      <div className="progress-fill" style={{ width: `${pct ?? 5}%` }} />
      {showPercent && pct !== null ? <span className="progress-text">{pct} %</span> : null}
    </div>
  );
}
