import { countText, percent } from '../text/number-text.ts';

/** Done out of total as a bar with the figures beside it. */
export function ProgressBar({ done, total, label, testId }: { done: number; total: number; label: string; testId?: string }) {
  const pct = percent(done, total);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid={testId}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text">
        {countText(done)} / {countText(total)} ({pct}%)
      </span>
    </div>
  );
}
