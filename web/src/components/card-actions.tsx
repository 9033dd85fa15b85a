import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/api-client.ts';
import { eventCalls } from '../api/event-calls.ts';
import type { TournamentDetail } from '../api/wire-types.ts';
import { tournamentKey } from '../monitor/use-live-tournament.ts';
import { describeError } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { ConfirmButton } from './confirm-button.tsx';
import { Notice } from './notice.tsx';

type Outcome = { tone: 'ok' | 'warn'; text: string } | null;

/**
 * The operator's buttons on a card. Each runs only when clicked: the monitor itself never
 * changes a tournament. A button is off, with the reason beside it, when its step cannot
 * apply yet; the server still has the last word.
 */
export function CardActions({ detail, canSimulate }: { detail: TournamentDetail; canSimulate: boolean }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { id, status, counts } = detail;
  const running = status === 'IN_PROGRESS';

  const after = (text: string) => {
    setOutcome({ tone: 'ok', text });
    void queryClient.invalidateQueries({ queryKey: tournamentKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['sessions', id] });
    void queryClient.invalidateQueries({ queryKey: ['rankings', id] });
    void queryClient.invalidateQueries({ queryKey: ['tournaments'] });
  };
  const failed = (what: string) => (error: unknown) => setOutcome({ tone: 'warn', text: `${what} did not go through. ${describeError(error, false)}` });

  const simulate = useMutation({
    // Real participants need force: the question below has said so before this runs.
    mutationFn: () => eventCalls.simulate(id, !detail.synthetic),
    onMutate: () => setOutcome(null),
    onSuccess: (a) => after(`Simulated ${countText(a.simulated_count)} results; ${countText(a.results_submitted)} of ${countText(a.sessions_count)} sessions have one.`),
    onError: failed('Simulate results'),
  });
  const rank = useMutation({
    mutationFn: () => api.calculateRankings(id),
    onMutate: () => setOutcome(null),
    onSuccess: (a) => after(`Calculated rankings for ${countText(a.rankings_count)} players.`),
    onError: failed('Calculate rankings'),
  });
  const complete = useMutation({
    mutationFn: () => api.complete(id),
    onMutate: () => setOutcome(null),
    onSuccess: (d) => {
      queryClient.setQueryData(tournamentKey(id), (old: TournamentDetail | undefined) => (old ? { ...old, ...d } : d));
      after('The tournament is complete.');
    },
    onError: failed('Complete'),
  });
  const busy = simulate.isPending || rank.isPending || complete.isPending;

  const remaining = Math.max(0, counts.sessions - counts.results_submitted);
  const allResults = counts.sessions > 0 && counts.results_submitted >= counts.sessions;
  const simulateWhy = !running ? `the tournament is ${status}` : counts.sessions === 0 ? 'no sessions yet' : allResults ? 'every session has a result' : null;
  const rankWhy = !running ? `the tournament is ${status}` : counts.sessions === 0 ? 'no sessions yet' : !allResults ? 'waiting for every result' : null;
  const completeWhy = !running ? `the tournament is ${status}` : counts.rankings === 0 ? 'calculate rankings first' : null;

  return (
    <div className="actions" aria-label="Actions">
      <div className="action-buttons">
        {canSimulate && (
          <ConfirmButton
            label={simulate.isPending ? 'Simulating…' : 'Simulate results'}
            question={`Simulate ${countText(remaining)} remaining match${remaining === 1 ? '' : 'es'} with random results?${detail.synthetic ? '' : ' These are real participants.'}`}
            yes="Yes, simulate"
            danger
            disabled={busy || simulateWhy !== null}
            title={simulateWhy ?? undefined}
            onConfirm={() => simulate.mutate()}
          />
        )}
        <button type="button" className="button" disabled={busy || rankWhy !== null} title={rankWhy ?? undefined} onClick={() => rank.mutate()}>
          {rank.isPending ? 'Calculating…' : 'Calculate rankings'}
        </button>
        <ConfirmButton
          label={complete.isPending ? 'Completing…' : 'Complete'}
          question={`Complete "${detail.name}"? Results and rankings become final.`}
          yes="Yes, complete"
          primary
          disabled={busy || completeWhy !== null}
          title={completeWhy ?? undefined}
          onConfirm={() => complete.mutate()}
        />
      </div>
      {outcome && (
        <Notice tone={outcome.tone} testId="action-outcome">
          {outcome.text}
        </Notice>
      )}
    </div>
  );
}
