/** A tournament's or a task's status as a coloured badge; the text is the status itself. */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone = status.toLowerCase().replace(/[^a-z_]/g, '');
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      {status}
    </span>
  );
}
