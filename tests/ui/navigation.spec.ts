import { expect, expectNoErrorText, test } from './fixtures.ts';

test('deep links load on reload, tracked tournaments survive it, and signing out ends the session', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const a = (await api.runScenario({ player_count: 8, simulate: true, name: 'Deep link A' })).tournament_id;
  const b = (await api.runScenario({ player_count: 4, simulate: false, name: 'Deep link B' })).tournament_id;

  // A deep link before signing in goes to the login and back.
  await page.goto(`/tournaments/${a}/leaderboard`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');
  await signIn();

  await page.goto(`/tournaments/${a}/leaderboard`);
  await expect(page.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
  await expect(page.getByTestId('leaderboard-rank').first()).toHaveText('1');
  await page.reload();
  await expect(page.getByTestId('leaderboard-rank')).toHaveCount(8);

  await page.goto(`/tournaments/${a}/bracket`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Bracket and standings' })).toBeVisible();
  await expect(page.locator('.round-label')).toHaveText(['Quarter-finals 4 matches', 'Semi-finals 2 matches', 'Final 1 match']);

  await page.goto(`/monitor?track_id=${a}`);
  await page.goto(`/monitor?track_id=${b}`);
  await page.goto('/monitor');
  await page.reload();
  await expect(page.locator(`[data-testid=tournament-card][data-tournament-id="${a}"]`)).toContainText('Deep link A');
  await expect(page.locator(`[data-testid=tournament-card][data-tournament-id="${b}"] [data-testid=card-results]`)).toHaveText('0');

  // The list filters by status and opens a tournament's page, and from there its monitor.
  await page.goto('/tournaments?status=IN_PROGRESS');
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('IN_PROGRESS');
  await page.getByRole('link', { name: 'Deep link B' }).click();
  await expect(page).toHaveURL(new RegExp(`/tournaments/${b}$`));
  await expect(page.getByTestId('tournament-name')).toHaveText('Deep link B');
  await page.locator('.page-head .toolbar').getByRole('link', { name: 'Monitor' }).click();
  await expect(page).toHaveURL(new RegExp(`/monitor\\?track_id=${b}$`));
  await page.goto('/tournaments?status=COMPLETED');
  await expect(page.getByRole('link', { name: 'Deep link B' })).toHaveCount(0);
  await expectNoErrorText(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/launch');
  await expect(page).toHaveURL(/\/login\?next=%2Flaunch$/);
});
