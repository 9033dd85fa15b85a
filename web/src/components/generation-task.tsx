import type { GenerationStatus } from '../api/wire-types.ts';
import { countText, durationText } from '../text/number-text.ts';
import { StatusBadge } from './status-badge.tsx';

/** The latest generation task of a tournament: its status and where the time went. */
export function GenerationTask({ task, sessions }: { task: GenerationStatus | null; sessions: number }) {
  if (!task) {
    return (
      <div className="task">
        <span className="task-label">Generation task</span>
        <span className="muted" data-testid="task-status">
          {sessions > 0 ? 'none: generated in the launch call' : 'none yet'}
        </span>
      </div>
    );
  }
  const waiting = task.status === 'queued';
  return (
    <div className="task">
      <span className="task-label">Generation task</span>
      <StatusBadge status={task.status} testId="task-status" />
      <dl className="metrics">
        <div>
          <dt>Queue wait</dt>
          <dd data-testid="task-queue-wait">{waiting && task.queue_wait_time_ms === null ? 'waiting for a worker…' : durationText(task.queue_wait_time_ms)}</dd>
        </div>
        <div>
          <dt>Generation</dt>
          <dd data-testid="task-generation">{durationText(task.generation_duration_ms)}</dd>
        </div>
        <div>
          <dt>DB write</dt>
          <dd data-testid="task-db-write">{durationText(task.db_write_time_ms)}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{countText(task.attempts)}</dd>
        </div>
        {task.worker && (
          <div>
            <dt>Worker</dt>
            <dd className="mono">{task.worker}</dd>
          </div>
        )}
      </dl>
      {task.status === 'error' && task.error && (
        <p className="notice warn small" data-testid="task-problem">
          Generation did not finish: {task.error.replace(/^\w*(Error|Exception):\s*/, "")}
        </p>
      )}
    </div>
  );
}
