/** An ISO timestamp as a short local date and time; a dash when it is missing or unreadable. */
export function dateTimeText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** When a session is scheduled: the local time, with the day when it is not today; a dash when missing. */
export function sessionTimeText(iso: string | null | undefined, today: Date = new Date()): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === today.toDateString() ? time : `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** Where and when a session is played, for a label: "10:20 on Court A"; empty while unscheduled. */
export function scheduleText(session: { scheduled_at: string | null; station: string | null }): string {
  if (!session.scheduled_at) return '';
  return session.station ? `${sessionTimeText(session.scheduled_at)} on ${session.station}` : sessionTimeText(session.scheduled_at);
}
