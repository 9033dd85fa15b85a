import type { Session } from '../../src/http/contract/index.ts';
import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

test('the schedule: settings as fields (a bad one named beside it), planned, on the bracket, on now / next up, re-planned after a result, and on the public page', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ player_count: 4, format: 'knockout', simulate: false });
  const sessions = async () => (await api.ok<{ items: Session[] }>('GET', `/api/v1/tournaments/${id}/sessions?limit=10`)).items;

  await signIn();
  await page.goto(`/tournaments/${id}`);
  const panel = page.getByRole('region', { name: 'Schedule' });
  await panel.getByLabel('Stations').fill('0');
  await panel.getByRole('button', { name: 'Plan the schedule' }).click();
  // The API's 422 lands beside the field it names; nothing was planned.
  await expect(panel.locator('#schedule-stations-problem')).toContainText('must be a count from 1');
  expect((await sessions()).every((s) => s.scheduled_at === null)).toBe(true);

  await panel.getByLabel('Stations').fill('Court A, Court B');
  await panel.getByLabel('Session (minutes)').fill('20');
  await panel.getByLabel('Break (minutes)').fill('0');
  await panel.getByRole('button', { name: 'Plan the schedule' }).click();
  await expect(panel.getByTestId('schedule-outcome')).toContainText('Planned 4 sessions from');
  await expect(panel.getByTestId('schedule-outcome')).toContainText('on 2 stations');
  // Both semi-finals are on now, one a court; the final and the playoff are next up.
  const board = panel.getByTestId('station-board');
  await expect(board.locator('tbody tr')).toHaveCount(2);
  await expect(board.locator('tr[data-station="Court A"] [data-testid="on-now"]')).toContainText('Knockout round 1');
  await expect(board.locator('tr[data-station="Court B"] [data-testid="on-now"]')).toContainText('Knockout round 1');
  await expect(board.locator('[data-testid="next-up"]').filter({ hasText: 'Knockout round 2' })).toHaveCount(2);

  const planned = await sessions();
  const semi = planned.find((s) => s.tournament_round === 1 && s.station === 'Court A')!;
  expect(planned.map((s) => s.station).sort()).toEqual(['Court A', 'Court A', 'Court B', 'Court B']);

  // The bracket shows each unplayed match's time and court; the semi-final is played there.
  await page.goto(`/tournaments/${id}/bracket`);
  const box = page.locator(`[data-session-id="${semi.id}"]`);
  await expect(box.getByTestId('match-when')).toContainText('on Court A');
  await expect(page.getByTestId('match-when')).toHaveCount(4);
  const [a, b] = [0, 1].map((slot) => semi.participants.find((p) => p.slot === slot)!);
  await box.click();
  const dialog = page.getByTestId('result-dialog');
  await dialog.getByRole('radio', { name: a.name, exact: true }).check();
  await dialog.getByLabel(`score of ${a.name}`).fill('2');
  await dialog.getByLabel(`score of ${b.name}`).fill('0');
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(box.getByTestId('match-when')).toHaveCount(0);

  // Back on the tournament page: Court A has nothing on now; a re-plan asks first and keeps the played one.
  await page.goto(`/tournaments/${id}`);
  await expect(board.locator('tr[data-station="Court A"] [data-testid="on-now"]')).toHaveText('—');
  await panel.getByRole('button', { name: 'Save and re-plan from now' }).click();
  await expect(panel.getByRole('alertdialog', { name: 'Re-plan the schedule?' })).toContainText('played sessions and those in progress keep theirs');
  await panel.getByRole('button', { name: 'Yes, re-plan' }).click();
  await expect(panel.getByTestId('schedule-outcome')).toContainText('2 kept their times');
  const replanned = await sessions();
  expect(replanned.find((s) => s.id === semi.id)!.scheduled_at).toBe(semi.scheduled_at);

  // The public page shows the stations too, without a login.
  const { slug } = await api.ok<{ slug: string }>('PUT', `/api/v1/tournaments/${id}/sharing`, { sharing: true });
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(`${stack.baseURL}/t/${slug}`);
  await expect(visitor.getByTestId('station-board').locator('tbody tr')).toHaveCount(2);
  await expect(visitor.getByTestId('station-board').locator('tr[data-station="Court B"] [data-testid="on-now"]')).toContainText('Knockout round 1');
  await expectNoErrorText(visitor);
  await visitor.close();
  await expectNoErrorText(page);
  await snapshot(page, 'schedule-board');
});

test('an individual event: attempts entered one by one (a failed one, a refused one), the leaderboard live', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ player_count: 3, format: 'individual', simulate: false, settings: { measure: 'distance', attempts: 2 } });
  await signIn();
  await page.goto(`/tournaments/${id}/bracket`);
  const round = page.getByTestId('individual-round-1');
  await expect(round.locator('tbody tr')).toHaveCount(3);
  const enter = async (name: string, value: string | null) => {
    if (value === null) await round.getByRole('button', { name: `Failed attempt of ${name}` }).click();
    else {
      await round.getByLabel(`Attempt of ${name}`, { exact: true }).fill(value);
      await round.getByRole('form', { name: `Next attempt of ${name}` }).getByRole('button', { name: 'Enter' }).click();
    }
  };
  await enter('Player 0001', '-2');
  await expect(round.getByRole('alert')).toHaveText('a distance must be 0 or more');
  const row = (name: string) => round.locator('tbody tr').filter({ hasText: name });
  await enter('Player 0001', '7.45');
  await enter('Player 0002', null);
  // Each attempt shows once the server took it; the next is typed after.
  await expect(row('Player 0002').getByTestId('attempt').first()).toHaveText('×');
  await enter('Player 0002', '7.9');
  await expect(row('Player 0001').getByTestId('attempt')).toHaveText(['7.45', '']);
  await expect(row('Player 0002').getByTestId('attempt')).toHaveText(['×', '7.9']);
  // Player 0002 is done: no entry left on their row.
  await expect(row('Player 0002').getByRole('form')).toHaveCount(0);
  const board = page.getByTestId('individual-leaderboard');
  await expect(board.locator('tbody tr').first()).toContainText('Player 0002');
  await expect(board.getByTestId('mark')).toHaveText(['7.9', '7.45', '—']);
  await expect(board.locator('tbody tr td:first-child')).toHaveText(['1', '2', '3']);
  await expectNoErrorText(page);
  await snapshot(page, 'individual-attempts');
});
