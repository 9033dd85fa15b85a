import type { FormatsReply } from '../../src/http/contract/index.ts';
import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

const grouped = (n: number) => n.toLocaleString('en-US');

test('the wizard rejects a player count of 1 with a message by the field, and Launch stays disabled', async ({ page, stack, signIn }) => {
  const formats = await (await stack.api()).ok<FormatsReply>('GET', '/api/v1/formats');
  const knockout = formats.formats.find((f) => f.name === 'knockout');
  expect(knockout?.min_players).toBe(2);

  await signIn();
  await page.goto('/launch');
  await expect(page.getByRole('heading', { name: '1. Format' })).toBeVisible();

  // Settings are form fields, not JSON: a league's points are a number per key, its
  // tie-breakers a list split by commas, its schedule a field per key left empty.
  const league = formats.formats.find((f) => f.name === 'league')!;
  const points = league.settings.find((s) => s.name === 'points')!.default as Record<string, number>;
  await page.getByRole('radio', { name: /League/ }).check();
  const points_ = page.getByRole('group', { name: 'Points' });
  await expect(points_.getByLabel('Win')).toHaveValue(String(points.win));
  await expect(points_.getByLabel('Draw')).toHaveValue(String(points.draw));
  await expect(page.getByLabel('Tie breakers')).toHaveValue((league.settings.find((s) => s.name === 'tie_breakers')!.default as string[]).join(', '));
  await expect(page.getByRole('group', { name: 'Schedule' }).getByLabel('Session minutes')).toHaveValue('');
  await expect(page.locator('textarea')).toHaveCount(0);
  await expect(page.getByText('(JSON)')).toHaveCount(0);
  await points_.getByLabel('Draw').fill('half');
  await expect(page.getByTestId('setting-points-draw-problem')).toHaveText('Enter a number, such as 1 or 0.5.');
  await page.getByLabel('Tie breakers').fill('points, coin_toss');
  await expect(page.getByTestId('setting-tie_breakers-problem')).toContainText('Not a choice: coin_toss.');
  await page.getByRole('radio', { name: /Knockout/ }).check();
  await expect(page.getByRole('group', { name: 'Points' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: '2. Players' })).toBeVisible();

  const count = page.getByLabel('Number of players');
  // The limits come from GET /api/v1/formats and are shown by the field.
  await expect(page.locator('#player-count-hint')).toContainText(
    `Knockout takes ${grouped(knockout!.min_players)} to ${grouped(knockout!.max_players)} players. From ${grouped(formats.async_threshold)} players`,
  );
  await count.fill('1');

  const field = page.locator('.field', { has: count });
  await expect(field.getByTestId('player-count-problem')).toHaveText('Knockout needs at least 2 players.');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expect(count).toHaveAttribute('aria-describedby', /player-count-problem/);
  await expect(page.getByTestId('launch-button')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await expect(page.getByRole('button', { name: /Review/ })).toBeDisabled();

  // Enter does not get past it either.
  await count.press('Enter');
  await expect(page.getByRole('heading', { name: '2. Players' })).toBeVisible();
  await expect(page.getByTestId('launch-button')).toBeDisabled();
  await expectNoErrorText(page);
  await snapshot(page, 'wizard-1-rejects-one-player');

  // Not a number is explained too, and a valid count clears the message.
  await count.fill('ten');
  await expect(field.getByTestId('player-count-problem')).toHaveText('Enter a whole number of players.');
  await expect(page.getByTestId('launch-button')).toBeDisabled();
  // A thousands separator is how people write numbers.
  await count.fill('1,024');
  await expect(field.getByTestId('player-count-problem')).toHaveCount(0);
  await count.fill('2');
  await expect(field.getByTestId('player-count-problem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Next' })).toBeEnabled();
  await expect(page.getByTestId('launch-button')).toBeDisabled();
});

test('the wizard launches with the keyboard alone and lands on the monitor', async ({ page, signIn }) => {
  await signIn();
  await page.goto('/launch');
  await expect(page.getByRole('heading', { name: '1. Format' })).toBeVisible();

  // Format: the chosen radio takes focus; Enter moves on.
  await page.getByRole('radio', { name: /Knockout/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '2. Players' })).toBeVisible();
  await expect(page.getByLabel('Number of players')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: '3. Simulation' })).toBeVisible();
  await expect(page.getByLabel('Simulation seed (optional)')).toBeFocused();
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: '4. Review' })).toBeVisible();
  await expect(page.getByTestId('review-mode')).toContainText('sync: generated, played and ranked in the launch call');
  await expect(page.getByTestId('launch-button')).toBeFocused();
  await snapshot(page, 'wizard-2-review-sync');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/monitor\?track_id=\d+$/);
  const id = new URL(page.url()).searchParams.get('track_id');
  const card = page.locator(`[data-testid=tournament-card][data-tournament-id="${id}"]`);
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  await expect(card.getByTestId('card-enrolled')).toHaveText('8');
  // 7 knockout sessions and the third-place playoff, all played and ranked in the call.
  await expect(card.getByTestId('card-sessions')).toHaveText('8');
  await expect(card.getByTestId('card-results')).toHaveText('8');
  await expect(card.getByTestId('card-rankings')).toHaveText('8');
  await expect(card.getByTestId('task-status')).toHaveText('none: generated in the launch call');
  await expectNoErrorText(page);
});
