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
  // Read-only: nothing on the public board opens a result.
  await expect(visitor.getByTestId('station-board').getByRole('button')).toHaveCount(0);
  // The schedule as calendars, without an account: every match, or one participant's.
  const every = await visitor.getByTestId('calendar-links').getByRole('link', { name: 'every match' }).getAttribute('href');
  expect((await (await visitor.request.get(`${stack.baseURL}${every}`)).text()).match(/BEGIN:VEVENT/g)).toHaveLength(4);
  await visitor.getByLabel('Participant for the calendar').selectOption({ label: a.name });
  const own = await visitor.getByTestId('participant-calendar').getAttribute('href');
  const ownFeed = await (await visitor.request.get(`${stack.baseURL}${own}`)).text();
  expect(ownFeed.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(ownFeed).toContain(`X-WR-CALNAME:knockout scenario\\, 4 players: ${a.name}`);
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
  await expect(board.locator('thead th').nth(2)).toHaveText('Best (m)');
  await expectNoErrorText(page);
  await snapshot(page, 'individual-attempts');

  // The public standings show what the event ranks by (the best mark, the valid attempts), not W/D/L.
  const { slug } = await api.ok<{ slug: string }>('PUT', `/api/v1/tournaments/${id}/sharing`, { sharing: true });
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(`${stack.baseURL}/t/${slug}`);
  const standings = visitor.getByTestId('public-standings');
  await expect(standings.locator('thead th')).toHaveText(['#', 'Name', 'Club', 'Best (m)', 'Attempts']);
  await expect(standings.locator('tbody tr').first()).toContainText('Player 0002');
  await expect(standings.locator('td[data-mark-column="mark"]')).toHaveText(['7.9', '7.45', '—']);
  await expect(standings.locator('td[data-mark-column="valid_attempts"]')).toHaveText(['1', '1', '0']);
  await expectNoErrorText(visitor);
  await visitor.close();

  // Once every attempt is in and ranked, the leaderboard's columns are the same.
  const turns = (await api.ok<{ items: Session[] }>('GET', `/api/v1/tournaments/${id}/sessions?limit=10`)).items;
  for (const [name, values] of [['Player 0001', [8.1]], ['Player 0003', [6.5, 9.25]]] as const) {
    const turn = turns.find((s) => s.participants[0]?.name === name)!;
    for (const value of values) await api.ok('POST', `/api/v1/tournaments/${id}/sessions/${turn.id}/attempts`, { value });
  }
  await api.ok('POST', `/api/v1/tournaments/${id}/calculate-rankings`, {});
  await page.goto(`/tournaments/${id}/leaderboard`);
  const leaderboard = page.getByTestId('leaderboard');
  await expect(leaderboard.locator('thead th')).toHaveText(['Rank', 'Player', 'Seed', 'Best (m)', 'Attempts']);
  await expect(leaderboard.getByTestId('leaderboard-player')).toHaveText(['Player 0003', 'Player 0001', 'Player 0002']);
  await expect(leaderboard.locator('td[data-mark-column="mark"]')).toHaveText(['9.25', '8.1', '7.9']);
  await expect(leaderboard.locator('td[data-mark-column="valid_attempts"]')).toHaveText(['2', '2', '1']);
  await expectNoErrorText(page);
});

test('a match clicked on the stations\' on now list: its result entered there (a draw where the format allows), it moves on for everyone, and a viewer gets no dialog', async ({ page, browser, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ player_count: 4, format: 'knockout', simulate: false, settings: { third_place_playoff: false } });
  await api.ok('POST', `/api/v1/tournaments/${id}/schedule`, { schedule: { stations: ['Court A', 'Court B'], session_minutes: 20, break_minutes: 0 } });
  const sessions = async (tid: number) => (await api.ok<{ items: Session[] }>('GET', `/api/v1/tournaments/${tid}/sessions?limit=10`)).items;
  const planned = await sessions(id);
  const semi = planned.find((s) => s.tournament_round === 1 && s.station === 'Court B')!;
  const final = planned.find((s) => s.tournament_round === 2)!;
  const [a, b] = [0, 1].map((slot) => semi.participants.find((p) => p.slot === slot)!);

  // A viewer, signed in elsewhere, watches the same page: the board is there, nothing on it opens.
  await api.ok('POST', '/api/v1/users', { email: 'viewer@localhost', password: 'ui-viewer-password-1', role: 'viewer' });
  const watcher = await (await browser.newContext({ baseURL: stack.baseURL })).newPage();
  await watcher.goto('/login');
  await watcher.getByLabel('Email').fill('viewer@localhost');
  await watcher.getByLabel('Password').fill('ui-viewer-password-1');
  await watcher.getByRole('button', { name: 'Sign in' }).click();
  await expect(watcher.getByTestId('signed-in-as')).toContainText('viewer@localhost');
  await watcher.goto(`/tournaments/${id}`);
  const watched = watcher.getByTestId('station-board');
  await expect(watched.locator('tr[data-station="Court B"] [data-testid="on-now"]')).toContainText(`${a.name} vs ${b.name}`);
  await expect(watched.getByRole('button')).toHaveCount(0);

  await signIn();
  await page.goto(`/tournaments/${id}`);
  const board = page.getByTestId('station-board');
  // The final is next up with nobody in it yet: not a match one can enter.
  await expect(board.locator('[data-testid="next-up"]').filter({ hasText: 'Knockout round 2' }).getByRole('button')).toHaveCount(0);
  await board.locator('tr[data-station="Court B"] [data-testid="on-now"]').getByRole('button', { name: `Result of ${a.name} vs ${b.name}` }).click();
  const dialog = page.getByTestId('result-dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`Enter the result: ${a.name} vs ${b.name}`);
  // A knockout match sends its winner on: no draw to choose; a retirement takes the score as it stood.
  await expect(dialog.getByRole('radio', { name: 'Draw' })).toHaveCount(0);
  await dialog.getByRole('radio', { name: 'Retired (a player gave up)' }).check();
  await dialog.getByRole('radio', { name: b.name, exact: true }).check();
  await dialog.getByLabel(`score of ${a.name}`).fill('1');
  await dialog.getByLabel(`score of ${b.name}`).fill('2');
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await expect(dialog).toHaveCount(0);

  // The semi-final leaves the board; its winner is in the final, here and on the viewer's page.
  await expect(board.locator('tr[data-station="Court B"] [data-testid="on-now"]')).not.toContainText(a.name);
  await expect(board.locator('[data-testid="next-up"]').filter({ hasText: 'Knockout round 2' })).toContainText(b.name);
  await expect(watched.locator('[data-testid="next-up"]').filter({ hasText: 'Knockout round 2' })).toContainText(b.name, { timeout: 30_000 });
  const played = (await sessions(id)).find((s) => s.id === semi.id)!;
  expect(played).toMatchObject({ result_submitted: true, winner_id: b.id, score: [1, 2], outcome: 'retired' });
  await page.goto(`/tournaments/${id}/bracket`);
  await expect(page.locator(`[data-session-id="${final.id}"]`)).toContainText(b.name);

  // A league allows draws: the board's match offers one, and the draw is what is stored.
  const { tournament_id: league } = await api.runScenario({ player_count: 4, format: 'league', simulate: false });
  await api.ok('POST', `/api/v1/tournaments/${league}/schedule`, { schedule: { stations: 2, session_minutes: 30, break_minutes: 0 } });
  const first = (await sessions(league)).find((s) => s.tournament_round === 1)!;
  const [c, d] = [0, 1].map((slot) => first.participants.find((p) => p.slot === slot)!);
  await page.goto(`/tournaments/${league}`);
  await page.getByTestId('station-board').getByRole('button', { name: `Result of ${c.name} vs ${d.name}` }).click();
  await dialog.getByRole('radio', { name: 'Draw' }).check();
  await dialog.getByLabel(`score of ${c.name}`).fill('1');
  await dialog.getByLabel(`score of ${d.name}`).fill('1');
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('station-board').getByRole('button', { name: `Result of ${c.name} vs ${d.name}` })).toHaveCount(0);
  expect((await sessions(league)).find((s) => s.id === first.id)).toMatchObject({ result_submitted: true, winner_id: null, score: [1, 1], outcome: 'played' });
  await expectNoErrorText(page);
  await expectNoErrorText(watcher);
  await watcher.context().close();
});
