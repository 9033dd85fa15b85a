import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { TournamentCard } from '../components/tournament-card.tsx';
import { POLL_CHOICES, setPollSeconds, usePollSeconds } from '../monitor/poll-interval.ts';
import { parseTrackId, trackTournament, useTrackedIds } from '../monitor/tracked-ids.ts';
import { MAX_LIVE_STREAMS } from '../monitor/use-live-tournament.ts';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/navigation.ts';
import { paths } from '../router/routes.ts';

export function MonitorPage() {
  const location = useLocation();
  const tracked = useTrackedIds();
  const pollSeconds = usePollSeconds();
  const queryClient = useQueryClient();
  const [addValue, setAddValue] = useState('');
  const [addProblem, setAddProblem] = useState<string | null>(null);
  const fromUrl = location.search.get('track_id');

  useEffect(() => {
    const id = parseTrackId(fromUrl);
    if (id !== null) trackTournament(id);
  }, [fromUrl]);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const id = parseTrackId(addValue);
    if (id === null) {
      setAddProblem('Enter a tournament number, such as 3.');
      return;
    }
    setAddProblem(null);
    setAddValue('');
    trackTournament(id);
  };

  return (
    <section>
      <div className="page-head">
        <h1 className="monitor-title">LIVE TEST TRACKING</h1>
        <div className="toolbar">
          <label htmlFor="poll-seconds">Check every</label>
          <select id="poll-seconds" value={pollSeconds} onChange={(e) => setPollSeconds(Number(e.target.value))}>
            {POLL_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s} s
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={() => void queryClient.invalidateQueries({ queryKey: ['tournament'] })}>
            Refresh all
          </button>
        </div>
      </div>
      {fromUrl !== null && parseTrackId(fromUrl) === null && (
        <p className="notice warn">The address asks to track “{fromUrl}”, which is not a tournament number.</p>
      )}
      <form className="track-form" onSubmit={add} noValidate>
        <label htmlFor="track-id">Track tournament #</label>
        <input
          id="track-id"
          inputMode="numeric"
          value={addValue}
          onChange={(e) => setAddValue(e.target.value)}
          aria-invalid={addProblem !== null}
          aria-describedby={addProblem ? 'track-id-problem' : undefined}
        />
        <button type="submit" className="button">
          Track
        </button>
        {addProblem && (
          <span id="track-id-problem" className="field-problem">
            {addProblem}
          </span>
        )}
      </form>
      {tracked.length === 0 ? (
        <p className="empty card">
          No tournament is tracked. <Link to={paths.launch()}>Launch one</Link>, open one from the <Link to={paths.tournaments()}>list</Link>, or enter its number above.
        </p>
      ) : (
        <div className="cards">
          {tracked.map((id, index) => (
            <TournamentCard key={id} id={id} pollSeconds={pollSeconds} push={index < MAX_LIVE_STREAMS} />
          ))}
        </div>
      )}
    </section>
  );
}
