import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { FormatsReply } from '../api/wire-types.ts';
import { isAdmin, useSession } from '../auth/use-session.ts';
import { Notice } from '../components/notice.tsx';
import { trackTournament } from '../monitor/tracked-ids.ts';
import { navigate } from '../router/navigation.ts';
import { paths } from '../router/routes.ts';
import { describeError, isTransient, sentence } from '../text/error-text.ts';
import { FormatStep } from '../wizard/format-step.tsx';
import { checkDraft, initialDraft, problemsOfStep, STEPS, stepOfField, type DraftProblems, type LaunchDraft, type StepIndex } from '../wizard/launch-draft.ts';
import { PlayersStep } from '../wizard/players-step.tsx';
import { ReviewStep } from '../wizard/review-step.tsx';
import { SimulationStep } from '../wizard/simulation-step.tsx';

export function LaunchPage() {
  const session = useSession();
  const formats = useQuery({ queryKey: ['formats'], queryFn: api.formats, staleTime: 60_000 });

  if (!isAdmin(session)) {
    return (
      <section className="card">
        <h1>Launch a tournament</h1>
        <p>Launching a scenario needs the admin role; you are signed in as {session?.role ?? 'nobody'}.</p>
      </section>
    );
  }
  if (formats.isError) {
    return (
      <section className="card">
        <h1>Launch a tournament</h1>
        <Notice tone="warn">{describeError(formats.error, isTransient(formats.error))}</Notice>
        <button type="button" className="button" onClick={() => void formats.refetch()}>
          Try again
        </button>
      </section>
    );
  }
  if (!formats.data) return <p className="muted">Loading the formats…</p>;
  if (formats.data.formats.length === 0) return <Notice tone="warn">The server offers no formats to launch.</Notice>;
  return <LaunchWizard formats={formats.data} />;
}

function LaunchWizard({ formats }: { formats: FormatsReply }) {
  const [draft, setDraft] = useState<LaunchDraft>(() => initialDraft(formats));
  const [step, setStep] = useState<StepIndex>(0);
  const [visited, setVisited] = useState<StepIndex>(0);
  const [serverProblems, setServerProblems] = useState<DraftProblems>({});
  const body = useRef<HTMLFormElement>(null);
  const firstRender = useRef(true);

  const checked = useMemo(() => checkDraft(draft, formats), [draft, formats]);
  const problems: DraftProblems = { ...serverProblems, ...checked.problems };
  const blocking = blockingOf(problems, step);

  const launch = useMutation({
    mutationFn: () => {
      if (!checked.request) throw new Error('the draft is not valid');
      return api.runScenario(checked.request);
    },
    onSuccess: (answer) => {
      trackTournament(answer.tournament_id);
      navigate(paths.monitor(answer.tournament_id));
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldProblems();
      if (fields.length === 0) return;
      const next: DraftProblems = {};
      for (const f of fields) next[f.field] = sentence(f.reason);
      setServerProblems(next);
      const first = Math.min(...fields.map((f) => stepOfField(f.field))) as StepIndex;
      setStep(first);
    },
  });

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // Keyboard users land on the step's first control (a field the server refused, the chosen
    // format, the count ...), so Enter moves on; on the review, the confirmation or Launch.
    const form = body.current;
    const target = [
      '.wizard-fields [aria-invalid=true]',
      '.wizard-fields input[type=radio]:checked',
      '.wizard-fields input, .wizard-fields select',
      '[data-testid=launch-button]',
    ]
      .map((selector) => form?.querySelector<HTMLElement>(selector))
      .find((el) => el);
    target?.focus();
  }, [step]);

  const change = (patch: Partial<LaunchDraft>) => {
    setServerProblems({});
    launch.reset();
    setDraft((d) => ({ ...d, ...patch }));
  };

  const goTo = (target: StepIndex) => {
    setStep(target);
    if (target > visited) setVisited(target);
  };

  const canLaunch = step === 3 && checked.request !== null && Object.keys(serverProblems).length === 0 && !launch.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step < 3) {
      if (blocking.length === 0) goTo((step + 1) as StepIndex);
    } else if (canLaunch) {
      launch.mutate();
    }
  };

  const launchProblem =
    launch.error && !(launch.error instanceof ApiError && launch.error.fieldProblems().length > 0)
      ? `The launch did not go through. ${describeError(launch.error, false)}`
      : null;

  return (
    <section className="wizard">
      <h1>Launch a tournament</h1>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((label, i) => {
          const index = i as StepIndex;
          const reachable = index <= visited || STEPS.slice(0, index).every((_, j) => blockingOf(problems, j as StepIndex).length === 0);
          const hasProblem = problemsOfStep(problems, index).some((f) => f !== 'confirmed' || index === step);
          return (
            <li key={label} className={[index === step ? 'current' : '', index < step ? 'done' : '', hasProblem && index <= visited ? 'problem' : ''].join(' ').trim()}>
              <button type="button" onClick={() => goTo(index)} disabled={!reachable} aria-current={index === step ? 'step' : undefined}>
                <span className="step-number">{i + 1}</span> {label}
              </button>
            </li>
          );
        })}
      </ol>
      <form className="card wizard-body" ref={body} onSubmit={submit} noValidate aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title">
          {step + 1}. {STEPS[step]}
        </h2>
        <div className="wizard-fields">
          {step === 0 && <FormatStep formats={formats} draft={draft} problems={problems} change={change} />}
          {step === 1 && <PlayersStep formats={formats} draft={draft} problems={problems} change={change} />}
          {step === 2 && <SimulationStep draft={draft} problems={problems} async={checked.async} change={change} />}
          {step === 3 && <ReviewStep formats={formats} draft={draft} checked={checked} problems={problems} change={change} />}
        </div>
        {launchProblem && <Notice tone="warn">{launchProblem}</Notice>}
        <div className="wizard-nav">
          <button type="button" className="button" onClick={() => goTo((step - 1) as StepIndex)} disabled={step === 0}>
            Back
          </button>
          {step < 3 && (
            <button type="submit" className="button" disabled={blocking.length > 0}>
              Next
            </button>
          )}
          <button
            type={step === 3 ? 'submit' : 'button'}
            className="button primary"
            disabled={!canLaunch}
            title={step < 3 ? 'Review the launch first' : undefined}
            data-testid="launch-button"
          >
            {launch.isPending ? 'Launching…' : 'Launch'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The problems that keep a step from moving on; the confirmation is asked on the review step itself. */
function blockingOf(problems: DraftProblems, step: StepIndex): string[] {
  return problemsOfStep(problems, step).filter((f) => f !== 'confirmed');
}
