import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.ts';
import { scheduleCalls, type ScheduleSettings } from '../api/schedule-calls.ts';
import type { StationBoard } from '../api/wire-types.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { sessionTimeText } from '../text/date-text.ts';
import { CheckField, Field } from './field.tsx';
import { Notice } from './notice.tsx';
import { phaseName } from './round-breakdown.tsx';

type Item = NonNullable<StationBoard['stations'][number]['now']>;

function itemText(s: Item): string {
  const who = s.phase === 'INDIVIDUAL' ? (s.participants[0]?.name ?? 'to be decided') : [0, 1].map((slot) => s.participants.find((p) => p.slot === slot)?.name ?? 'to be decided').join(' vs ');
  return `${who} · ${phaseName(s.phase)} round ${s.tournament_round}, match ${s.tournament_match_number}`;
}

/** A board item as its cell shows it: its time and what it is; a button that opens its result where one may be entered. */
function ItemCell({ item, onOpen }: { item: Item; onOpen?: (sessionId: string) => void }) {
  const text = itemText(item);
  // An individual event's attempts are entered on its round list, not as a result.
  const openable = onOpen !== undefined && item.phase !== 'INDIVIDUAL' && item.participants.length === 2;
  return (
    <>
      <span className="when">{sessionTimeText(item.scheduled_at)}</span>{' '}
      {openable ? (
        <button type="button" className="link" data-session-id={item.session_id} aria-label={`Result of ${text}`} onClick={() => onOpen(item.session_id)}>
          {text}
        </button>
      ) : (
        text
      )}
    </>
  );
}

/**
 * "On now / next up" per station, as the server reads it; read again every 15 s and on every
 * change. With `onOpen` (those who may enter results), a match with both players opens its result.
 */
export function StationBoardView({ queryKey, load, onOpen }: { queryKey: unknown[]; load: (signal?: AbortSignal) => Promise<StationBoard>; onOpen?: (sessionId: string) => void }) {
  const board = useQuery({ queryKey: ['schedule-board', ...queryKey], queryFn: ({ signal }) => load(signal), refetchInterval: 15_000, retry: (n, e) => !(e instanceof ApiError && (e.status === 409 || e.status === 404)) && n < 3 });
  if (board.isError) {
    if (board.error instanceof ApiError && board.error.status === 409) return null; // no schedule yet
    return <Notice tone="warn">{describeError(board.error, isTransient(board.error))}</Notice>;
  }
  if (!board.data) return <p className="muted small">Loading the stations…</p>;
  const planned = board.data.stations.some((s) => s.now || s.next);
  return (
    <div className="table-scroll station-board">
      <table className="table compact" data-testid="station-board">
        <caption>On now and next up · sessions of {board.data.session_minutes} minutes</caption>
        <thead>
          <tr>
            <th scope="col">Station</th>
            <th scope="col">On now</th>
            <th scope="col">Next up</th>
          </tr>
        </thead>
        <tbody>
          {board.data.stations.map((s) => (
            <tr key={s.station} data-station={s.station}>
              <th scope="row">{s.station}</th>
              <td data-testid="on-now">{s.now ? <ItemCell item={s.now} onOpen={onOpen} /> : <span className="muted">—</span>}</td>
              <td data-testid="next-up">{s.next ? <ItemCell item={s.next} onOpen={onOpen} /> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!planned && <p className="muted small">Nothing is waiting to be played.</p>}
      {board.data.unscheduled_count > 0 && (
        <p className="muted small" data-testid="unscheduled">
          {countText(board.data.unscheduled_count)} session{board.data.unscheduled_count === 1 ? ' has' : 's have'} no time yet (added since the schedule was planned): re-plan to give {board.data.unscheduled_count === 1 ? 'it' : 'them'} one.
        </p>
      )}
    </div>
  );
}

const KEYS = ['starts_at', 'stations', 'session_minutes', 'break_minutes', 'rounds_wait'] as const;
type Key = (typeof KEYS)[number];

/** An ISO instant as the value of a datetime-local input (local time, to the minute). */
function localInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The schedule of a running tournament: its settings as fields (the API checks them and names a
 * bad one, shown beside it), planned or re-planned from now with one click that asks first when it
 * moves sessions already given a time; and the stations' "on now / next up".
 */
export function SchedulePanel({ tournamentId, stored, canPlan, revision, onOpenSession }: {
  tournamentId: number;
  stored: Record<string, unknown> | null;
  canPlan: boolean;
  /** Given where the viewer may enter results: a match on the board opens its result. */
  onOpenSession?: (sessionId: string) => void;
  /** Changes with every result: the board is read again. */
  revision: string;
}) {
  const queryClient = useQueryClient();
  const [startsAt, setStartsAt] = useState(localInput(stored?.starts_at as string | null | undefined));
  const [stations, setStations] = useState(stored ? (Array.isArray(stored.stations) ? (stored.stations as string[]).join(', ') : String(stored.stations ?? 1)) : '1');
  const [sessionMinutes, setSessionMinutes] = useState(String(stored?.session_minutes ?? 30));
  const [breakMinutes, setBreakMinutes] = useState(String(stored?.break_minutes ?? 5));
  const [roundsWait, setRoundsWait] = useState(stored?.rounds_wait !== false);
  const [asking, setAsking] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<Key, string>>>({});

  const plan = useMutation({
    mutationFn: (settings: ScheduleSettings) => scheduleCalls.plan(tournamentId, settings),
    onMutate: () => setProblems({}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tournament', tournamentId] });
      void queryClient.invalidateQueries({ queryKey: ['sessions', tournamentId] });
      void queryClient.invalidateQueries({ queryKey: ['schedule-board', tournamentId] });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const found: Partial<Record<Key, string>> = {};
      for (const p of error.fieldProblems()) {
        const key = KEYS.find((k) => p.field === `settings.schedule.${k}` || p.field === `schedule.${k}` || p.field.startsWith(`settings.schedule.${k}[`));
        if (key) found[key] = p.reason;
      }
      setProblems(found);
    },
  });

  const settings = (): ScheduleSettings => {
    const names = stations.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const count = stations.trim();
    return {
      starts_at: startsAt === '' ? null : new Date(startsAt).toISOString(),
      stations: /^\d+$/.test(count) ? Number(count) : names,
      ...(sessionMinutes.trim() === '' ? {} : { session_minutes: Number(sessionMinutes) }),
      ...(breakMinutes.trim() === '' ? {} : { break_minutes: Number(breakMinutes) }),
      rounds_wait: roundsWait,
    };
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (stored) setAsking(true);
    else plan.mutate(settings());
  };
  const done = plan.data;
  const fieldless = plan.error && !(plan.error instanceof ApiError && Object.keys(problems).length > 0);

  return (
    <div className="schedule-panel">
      {canPlan && (
        <form className="schedule-form" onSubmit={submit} aria-label="Schedule settings" noValidate>
          <div className="field-row">
            <Field id="schedule-starts" label="Starts at" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} hint="empty: from the moment of planning" problem={problems.starts_at} />
            <Field id="schedule-stations" label="Stations" value={stations} onChange={(e) => setStations(e.target.value)} hint="a count, or names: Court A, Court B" problem={problems.stations} />
            <Field id="schedule-session" label="Session (minutes)" inputMode="numeric" value={sessionMinutes} onChange={(e) => setSessionMinutes(e.target.value)} problem={problems.session_minutes} />
            <Field id="schedule-break" label="Break (minutes)" inputMode="numeric" value={breakMinutes} onChange={(e) => setBreakMinutes(e.target.value)} hint="least rest between two sessions of a player" problem={problems.break_minutes} />
          </div>
          <CheckField id="schedule-rounds-wait" label="A round starts once the round before has ended" checked={roundsWait} onChange={setRoundsWait} problem={problems.rounds_wait} />
          {asking ? (
            <span className="confirm-inline" role="alertdialog" aria-label="Re-plan the schedule?">
              <span>Re-plan every unplayed session from now? Their times and stations may change; played sessions and those in progress keep theirs.</span>
              <button type="button" className="button danger" onClick={() => { setAsking(false); plan.mutate(settings()); }}>Yes, re-plan</button>
              <button type="button" className="button ghost" onClick={() => setAsking(false)}>Keep it</button>
            </span>
          ) : (
            <button type="submit" className="button small" disabled={plan.isPending}>
              {plan.isPending ? 'Planning…' : stored ? 'Save and re-plan from now' : 'Plan the schedule'}
            </button>
          )}
        </form>
      )}
      {done && (
        <Notice tone="ok" testId="schedule-outcome">
          {done.planned_count === 0
            ? `Nothing to plan: ${countText(done.kept_count)} sessions kept their times.`
            : `Planned ${countText(done.planned_count)} session${done.planned_count === 1 ? '' : 's'} from ${sessionTimeText(done.first_start)} to ${sessionTimeText(done.last_end)} on ${countText(done.stations.length)} station${done.stations.length === 1 ? '' : 's'}${done.kept_count > 0 ? `; ${countText(done.kept_count)} kept their times` : ''}.`}
        </Notice>
      )}
      {fieldless && <Notice tone="warn">{describeError(plan.error, false)}</Notice>}
      {stored && <StationBoardView queryKey={[tournamentId, revision]} load={(signal) => scheduleCalls.board(tournamentId, signal)} onOpen={onOpenSession} />}
      {!stored && !canPlan && <p className="muted small">No schedule yet.</p>}
    </div>
  );
}
