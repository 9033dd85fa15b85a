import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/api-client.ts';
import { downloadExport, eventCalls, type Participant } from '../api/event-calls.ts';
import type { TournamentDetail } from '../api/wire-types.ts';
import { canWrite, isAdmin, useSession } from '../auth/use-session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { Notice } from '../components/notice.tsx';
import { SessionResultDialog } from '../components/result-dialog.tsx';
import { SchedulePanel } from '../components/schedule-panel.tsx';
import { SettingsFields } from '../components/settings-fields.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { Link } from '../router/link.tsx';
import { navigate } from '../router/navigation.ts';
import { paths } from '../router/routes.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { formatLabel } from '../text/format-name.ts';
import { countText } from '../text/number-text.ts';
import { checkSettings, savedSettings, type SettingsDraft } from '../wizard/settings-draft.ts';

type Said = { tone: 'ok' | 'warn'; text: string } | null;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** The organiser's page of one tournament: edit, participants and seeding, start, withdraw, share, export. */
export function TournamentPage({ tournamentId }: { tournamentId: number }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const writer = canWrite(session);
  const admin = isAdmin(session);
  const [said, setSaid] = useState<Said>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const detail = useQuery({ queryKey: ['tournament', tournamentId], queryFn: ({ signal }) => api.tournament(tournamentId, signal), refetchInterval: 10_000 });
  const people = useQuery({ queryKey: ['participants', tournamentId], queryFn: ({ signal }) => eventCalls.participants(tournamentId, signal) });
  const t = detail.data as (TournamentDetail & { sharing?: boolean; share_slug?: string | null; synthetic?: boolean }) | undefined;
  const open = t?.status === 'DRAFT' || t?.status === 'ENROLLMENT_OPEN';
  const running = t?.status === 'IN_PROGRESS';

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['tournament', tournamentId] });
    void queryClient.invalidateQueries({ queryKey: ['participants', tournamentId] });
    void queryClient.invalidateQueries({ queryKey: ['sessions', tournamentId] });
    void queryClient.invalidateQueries({ queryKey: ['tournaments'] });
  };
  const act = useMutation({
    mutationFn: async (work: { run: () => Promise<unknown>; done: (answer: never) => string }) => work.done((await work.run()) as never),
    onMutate: () => setSaid(null),
    onSuccess: (text) => {
      setSaid({ tone: 'ok', text });
      refresh();
    },
    onError: (error) => setSaid({ tone: 'warn', text: describeError(error, false) }),
  });
  const run = <T,>(call: () => Promise<T>, done: (answer: T) => string) => act.mutate({ run: call, done: done as (answer: never) => string });

  if (detail.isError) return <Notice tone="warn">{describeError(detail.error, isTransient(detail.error))}</Notice>;
  if (!t) return <p className="muted">Loading tournament #{tournamentId}…</p>;
  const list = people.data?.items ?? [];
  const remaining = t.counts.sessions - t.counts.results_submitted;

  return (
    <section className="tournament-page">
      <div className="page-head">
        <div>
          <h1 data-testid="tournament-name">{t.name}</h1>
          <p className="muted">
            #{t.id} · {formatLabel(t.format)} · {countText(t.counts.enrolled)} participants <StatusBadge status={t.status} />
          </p>
        </div>
        <div className="toolbar">
          <Link to={paths.bracket(t.id)}>Bracket</Link>
          <Link to={paths.leaderboard(t.id)}>Leaderboard</Link>
          <Link to={paths.monitor(t.id)}>Monitor</Link>
        </div>
      </div>
      {said && <Notice tone={said.tone} testId="page-outcome">{said.text}</Notice>}

      {writer && open && <EditDetails detail={t} busy={act.isPending} onSave={(changes) => run(() => eventCalls.edit(t.id, changes), () => 'Saved.')} />}

      <Section title="Participants">
        {people.isError && <Notice tone="warn">{describeError(people.error, false)}</Notice>}
        {writer && open && <AddParticipants tournamentId={t.id} busy={act.isPending} run={run} />}
        {writer && open && list.length > 1 && (
          <div className="toolbar" aria-label="Seeding">
            <span className="muted">Seed:</span>
            <button type="button" className="button small" onClick={() => run(() => eventCalls.seed(t.id, 'order'), () => 'Seeded by order of entry.')}>By order of entry</button>
            <button type="button" className="button small" onClick={() => run(() => eventCalls.seed(t.id, 'rating'), () => 'Seeded by rating, highest first.')}>By rating</button>
            <button type="button" className="button small" onClick={() => run(() => eventCalls.seed(t.id, 'random'), (a) => `Seeded by a random draw (seed ${a.seeding?.seed}).`)}>Random draw</button>
            {people.data?.seeding && (
              <span className="muted small" data-testid="seeding">
                now: {people.data.seeding.method === 'random' ? `random draw, seed ${people.data.seeding.seed}` : `by ${people.data.seeding.method}`}
              </span>
            )}
          </div>
        )}
        <ParticipantTable
          people={list}
          reorder={writer && open ? (ids) => run(() => eventCalls.order(t.id, ids), () => 'Order saved.') : undefined}
          remove={writer && open ? (p) => run(() => eventCalls.remove(t.id, p.player_id), () => `${p.name} removed.`) : undefined}
          withdraw={writer && running ? (p) => run(() => eventCalls.withdraw(t.id, p.player_id), (a) => `${p.name} withdrew: ${countText(a.walkover_session_ids.length)} walkover${a.walkover_session_ids.length === 1 ? '' : 's'} now.`) : undefined}
        />
        {writer && open && (
          <div className="toolbar">
            <ConfirmButton
              label="Start the tournament"
              question={`Start with ${countText(list.length)} participants? The draw is made now and the participants are fixed.`}
              yes="Yes, start"
              disabled={act.isPending || list.length < 2}
              onConfirm={() => run(() => eventCalls.start(t.id), (a) => `Started: ${countText(a.sessions_count)} sessions drawn.`)}
            />
            <ConfirmButton
              label="Delete this draft"
              question={`Delete "${t.name}" and its ${countText(list.length)} entries? This cannot be undone.`}
              yes="Yes, delete"
              danger
              disabled={act.isPending}
              onConfirm={() => act.mutate({ run: () => eventCalls.remove_draft(t.id), done: () => 'Deleted.' }, { onSuccess: () => navigate(paths.tournaments()) })}
            />
          </div>
        )}
      </Section>

      {writer && running && (
        <Section title="Running the day">
          <p className="muted">
            {countText(t.counts.results_submitted)} of {countText(t.counts.sessions)} results in. Click a match on the <Link to={paths.bracket(t.id)}>bracket</Link>, or on the stations' on now / next up below, to enter or correct its result.
          </p>
          <div className="toolbar">
            {admin && remaining > 0 && (
              <ConfirmButton
                label="Simulate results"
                question={`Simulate ${countText(remaining)} remaining match${remaining === 1 ? '' : 'es'} with random results?${t.synthetic === false ? ' These are real participants.' : ''}`}
                yes="Yes, simulate"
                danger
                disabled={act.isPending}
                onConfirm={() => run(() => eventCalls.simulate(t.id, t.synthetic === false), (a) => `Simulated ${countText(a.simulated_count)} results.`)}
              />
            )}
            <ConfirmButton
              label="Complete"
              question={`Complete "${t.name}"? Results and rankings become final.`}
              yes="Yes, complete"
              disabled={act.isPending || remaining > 0}
              onConfirm={() => run(() => eventCalls.complete(t.id), () => 'The tournament is complete.')}
            />
            <ConfirmButton
              label="Cancel the tournament"
              question={`Cancel "${t.name}"? ${countText(remaining)} unplayed matches will never be played.`}
              yes="Yes, cancel it"
              danger
              disabled={act.isPending}
              onConfirm={() => run(() => eventCalls.cancel(t.id), () => 'Cancelled.')}
            />
          </div>
        </Section>
      )}

      {(running || t.status === 'COMPLETED') && (
        <Section title="Schedule">
          <SchedulePanel
            tournamentId={t.id}
            stored={(t.settings as Record<string, unknown>).schedule as Record<string, unknown> | null ?? null}
            canPlan={writer && running}
            revision={`${t.counts.sessions}:${t.counts.results_submitted}:${t.revision}`}
            onOpenSession={writer && running ? setOpened : undefined}
          />
          {opened && writer && running && <SessionResultDialog tournamentId={t.id} sessionId={opened} format={t.format} isAdmin={admin} onClose={() => setOpened(null)} />}
        </Section>
      )}

      {writer && (
        <Section title="Sharing and export">
          <SharingControls tournamentId={t.id} initial={{ sharing: t.sharing ?? false, slug: t.share_slug ?? null }} />
          <div className="toolbar">
            <button type="button" className="button small" onClick={() => void downloadExport(t.id, 'standings').catch((e) => setSaid({ tone: 'warn', text: describeError(e, false) }))}>
              Standings (CSV)
            </button>
            <button type="button" className="button small" onClick={() => void downloadExport(t.id, 'results').catch((e) => setSaid({ tone: 'warn', text: describeError(e, false) }))}>
              Results (CSV)
            </button>
          </div>
        </Section>
      )}
    </section>
  );
}

function EditDetails({ detail, busy, onSave }: { detail: TournamentDetail; busy: boolean; onSave: (changes: { name?: string; settings?: Record<string, unknown> }) => void }) {
  const formats = useQuery({ queryKey: ['formats'], queryFn: () => api.formats(), staleTime: Infinity });
  const described = formats.data?.formats.find((f) => f.name === detail.format)?.settings;
  const [name, setName] = useState(detail.name);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const fields = draft ?? (described ? savedSettings(described, detail.settings as Record<string, unknown>) : null);
  const checked = described && fields ? checkSettings(described, fields) : null;
  const problems = checked?.problems ?? {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (checked && Object.keys(checked.problems).length > 0) return;
    onSave({ name: name.trim(), ...(draft && checked ? { settings: checked.values } : {}) });
  };
  return (
    <form className="card edit-details" onSubmit={submit} aria-label="Tournament details" noValidate>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      </label>
      {described && fields && described.length > 0 && (
        <fieldset className="settings">
          <legend>{formatLabel(detail.format)} settings</legend>
          <SettingsFields settings={described} draft={fields} problems={problems} change={setDraft} idPrefix="edit-setting" />
        </fieldset>
      )}
      <button type="submit" className="button small" disabled={busy || Object.keys(problems).length > 0}>Save</button>
    </form>
  );
}

function AddParticipants({ tournamentId, busy, run }: {
  tournamentId: number;
  busy: boolean;
  run: <T>(call: () => Promise<T>, done: (answer: T) => string) => void;
}) {
  const [name, setName] = useState('');
  const [rating, setRating] = useState('');
  const [club, setClub] = useState('');
  const [text, setText] = useState('');
  const addOne = (event: FormEvent) => {
    event.preventDefault();
    const r = rating.replace(/[\s,]/g, '');
    run(() => eventCalls.add(tournamentId, [{ name, rating: r === '' ? null : Number(r), club: club.trim() || null }]), () => `${name.trim()} added.`);
    setName('');
    setRating('');
    setClub('');
  };
  return (
    <div className="add-participants">
      <form onSubmit={addOne} className="inline-form" aria-label="Add a participant">
        <input placeholder="Name" aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <input placeholder="Rating" aria-label="Rating" inputMode="numeric" value={rating} onChange={(e) => setRating(e.target.value)} />
        <input placeholder="Club" aria-label="Club" value={club} onChange={(e) => setClub(e.target.value)} maxLength={200} />
        <button type="submit" className="button small" disabled={busy}>Add</button>
      </form>
      <details>
        <summary>Paste a list</summary>
        <textarea aria-label="Pasted participants" rows={6} placeholder={'One a line: name, rating, club\nAnn Archer, 2210, Hastings'} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" className="button small" disabled={busy || text.trim() === ''} onClick={() => { run(() => eventCalls.paste(tournamentId, text), (a) => `${countText(a.items.length)} participants in all.`); setText(''); }}>
          Add the list
        </button>
      </details>
      <label className="file">
        Import a CSV file (header row: name, rating, club)
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="csv-import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            e.target.value = '';
            run(async () => eventCalls.importCsv(tournamentId, await file.text()), (a) => `Imported ${countText(a.imported_count)} participants${a.ignored_columns.length ? ` (ignored columns: ${a.ignored_columns.join(', ')})` : ''}.`);
          }}
        />
      </label>
    </div>
  );
}

function ParticipantTable({ people, reorder, remove, withdraw }: {
  people: Participant[];
  reorder?: (ids: number[]) => void;
  remove?: (p: Participant) => void;
  withdraw?: (p: Participant) => void;
}) {
  const [dragged, setDragged] = useState<number | null>(null);
  if (people.length === 0) return <p className="empty">No participants yet.</p>;
  const move = (from: number, to: number) => {
    if (!reorder || from === to || to < 0 || to >= people.length) return;
    const ids = people.map((p) => p.player_id);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id);
    reorder(ids);
  };
  return (
    <div className="table-scroll">
      <table className="participants" data-testid="participants">
        <thead>
          <tr>
            <th scope="col" className="num">Seed</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">Rating</th>
            <th scope="col">Club</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {people.map((p, i) => (
            <tr
              key={p.player_id}
              draggable={reorder !== undefined}
              onDragStart={() => setDragged(i)}
              onDragOver={(e: DragEvent) => reorder && e.preventDefault()}
              onDrop={() => {
                if (dragged !== null) move(dragged, i);
                setDragged(null);
              }}
              className={p.withdrawn_at ? 'withdrawn' : undefined}
            >
              <td className="num">{p.seed}</td>
              <td>{p.name}{p.withdrawn_at && <span className="muted"> (withdrawn)</span>}</td>
              <td className="num">{p.rating ?? ''}</td>
              <td>{p.club ?? ''}</td>
              <td className="row-actions">
                {reorder && (
                  <>
                    <button type="button" className="button tiny" aria-label={`Move ${p.name} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</button>
                    <button type="button" className="button tiny" aria-label={`Move ${p.name} down`} disabled={i === people.length - 1} onClick={() => move(i, i + 1)}>↓</button>
                  </>
                )}
                {remove && <button type="button" className="button tiny ghost" onClick={() => remove(p)}>Remove</button>}
                {withdraw && !p.withdrawn_at && (
                  <ConfirmButton label="Withdraw" question={`Withdraw ${p.name}? Their remaining matches become walkovers.`} yes="Yes, withdraw" danger onConfirm={() => withdraw(p)} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SharingControls({ tournamentId, initial }: { tournamentId: number; initial: { sharing: boolean; slug: string | null } }) {
  const [state, setState] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = async (sharing: boolean) => {
    setProblem(null);
    // The box follows the click at once; the server's answer brings the link (or undoes it).
    setState((s) => ({ ...s, sharing }));
    try {
      const answer = await eventCalls.sharing(tournamentId, sharing);
      setState({ sharing: answer.sharing, slug: answer.slug });
    } catch (error) {
      setState((s) => ({ ...s, sharing: !sharing }));
      setProblem(describeError(error, false));
    }
  };
  const link = state.slug ? `${window.location.origin}/t/${state.slug}` : null;
  return (
    <div className="sharing">
      <label>
        <input type="checkbox" checked={state.sharing} onChange={(e) => void toggle(e.target.checked)} /> Public page (anyone with the link, no login)
      </label>
      {state.sharing && link && (
        <p>
          <a href={link} data-testid="public-link" target="_blank" rel="noreferrer">{link}</a>
          <br />
          <span className="muted small">Embed: <code>{`<iframe src="${link}/embed" width="100%" height="600" style="border:0"></iframe>`}</code></span>
        </p>
      )}
      {problem && <Notice tone="warn">{problem}</Notice>}
    </div>
  );
}
