import { CheckField, Field } from '../components/field.tsx';
import type { DraftProblems, LaunchDraft } from './launch-draft.ts';

/** Step 3: the simulation seed, and whether the sync path plays and ranks in the launch call. */
export function SimulationStep({
  draft,
  problems,
  async,
  change,
}: {
  draft: LaunchDraft;
  problems: DraftProblems;
  async: boolean;
  change: (patch: Partial<LaunchDraft>) => void;
}) {
  return (
    <>
      <Field
        id="seed"
        label="Simulation seed (optional)"
        inputMode="numeric"
        autoComplete="off"
        value={draft.seed}
        onChange={(e) => change({ seed: e.target.value })}
        hint="The same seed plays the same results. Empty uses the server's default seed."
        problem={problems.seed}
      />
      <CheckField
        id="simulate"
        label="Simulate results and calculate rankings in the launch call"
        checked={draft.simulate}
        onChange={(simulate) => change({ simulate })}
        hint={
          async
            ? 'This launch runs async, so this does not apply: simulate from the monitor once the sessions exist.'
            : 'Applies to the sync path: without it the tournament starts with its sessions and no results.'
        }
      />
    </>
  );
}
