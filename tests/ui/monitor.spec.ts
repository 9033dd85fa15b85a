import type { Page } from '@playwright/test';
import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

const PLAYERS = 1024;

function cardOf(page: Page, id: number | string) {
  return page.locator(`[data-testid=tournament-card][data-tournament-id="${id}"]`);
}

test('the monitor is stable during async generation: queued with no worker, 1,024 sessions when one starts, no reload', async ({
  page,
  stack,
  signIn,
}) => {
  await stack.stopWorker();
  const formats = await (await stack.api()).ok<{ async_threshold: number }>('GET', '/api/v1/formats');
  expect(PLAYERS).toBeGreaterThanOrEqual(formats.async_threshold);

  await signIn();
  await page.goto('/launch');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Number of players').fill(String(PLAYERS));
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: '4. Review' })).toBeVisible();
  await expect(page.getByTestId('review-mode')).toContainText('async');
  // From the async threshold the launch needs its confirmation.
  await expect(page.getByTestId('launch-button')).toBeDisabled();
  await page.getByLabel('I confirm launching 1,024 players on the background workers').check();
  await expect(page.getByTestId('launch-button')).toBeEnabled();
  await page.getByTestId('launch-button').click();

  await expect(page).toHaveURL(/\/monitor\?track_id=\d+$/);
  const id = Number(new URL(page.url()).searchParams.get('track_id'));
  await expect(page.getByRole('heading', { name: 'LIVE TEST TRACKING' })).toBeVisible();
  const card = cardOf(page, id);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  await expect(card.getByTestId('card-enrolled')).toHaveText('1,024');
  await expect(card.getByTestId('card-sessions')).toHaveText('0');
  await expect(card.getByTestId('task-status')).toHaveText('queued');
  await expect(card.getByTestId('card-problem')).toHaveCount(0);
  await expectNoErrorText(page);
  await snapshot(page, 'monitor-async-1-queued-no-worker');

  // It stays so across polls: poll every 5 s and watch two reads go by.
  await page.getByLabel('Check every').selectOption('5');
  for (let i = 0; i < 2; i++) {
    const before = await card.getByTestId('card-live').textContent();
    await expect(card.getByTestId('card-live')).not.toHaveText(before ?? '', { timeout: 60_000 });
    await expect(card.getByTestId('card-sessions')).toHaveText('0');
    await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
    await expectNoErrorText(page);
  }

  // A marker on this document: gone if the page reloads.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await stack.startWorker();
  await expect(card.getByTestId('card-sessions')).toHaveText('1,024', { timeout: 120_000 });
  await expect(card.getByTestId('task-status')).toHaveText('done');
  await expect(card.getByTestId('task-queue-wait')).toHaveText(/^\d+(\.\d+)? (ms|s)$|^\d+ min \d+ s$/);
  await expect(card.getByTestId('task-generation')).toHaveText(/^\d+(\.\d+)? (ms|s)$/);
  await expect(card.getByTestId('task-db-write')).toHaveText(/^\d+(\.\d+)? (ms|s)$/);
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  await expect(card.getByTestId('card-results')).toHaveText('0');
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expectNoErrorText(page);
  await snapshot(page, 'monitor-async-2-generated');
});

test('the monitor is stable to COMPLETED through the card buttons, and the leaderboard shows rank 1 on top', async ({ page, stack, signIn }) => {
  await stack.startWorker();
  const api = await stack.api();
  const launched = await api.runScenario({ player_count: PLAYERS, confirmed: true });
  expect(launched.mode).toBe('async');
  const id = launched.tournament_id;

  await signIn();
  await page.goto(`/monitor?track_id=${id}`);
  await expect(page.getByRole('heading', { name: 'LIVE TEST TRACKING' })).toBeVisible();
  const card = cardOf(page, id);
  await expect(card.getByTestId('card-sessions')).toHaveText('1,024', { timeout: 120_000 });
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  await expect(card.getByTestId('card-results')).toHaveText('0');
  await expectNoErrorText(page);
  await snapshot(page, 'monitor-complete-1-generated');

  await card.getByRole('button', { name: 'Simulate results' }).click();
  // Synthetic players: asked first, naming the count, with no warning about real participants.
  await expect(card.getByRole('alertdialog')).toHaveText(/^Simulate 1,024 remaining matches with random results\?Yes/);
  await card.getByRole('button', { name: 'Yes, simulate' }).click();
  await expect(card.getByTestId('card-results')).toHaveText('1,024');
  await expect(card.getByTestId('card-progress')).toHaveAttribute('aria-valuenow', '100');
  await expect(card.getByTestId('card-rankings')).toHaveText('0');
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  await expectNoErrorText(page);
  await snapshot(page, 'monitor-complete-2-simulated');

  await card.getByRole('button', { name: 'Calculate rankings' }).click();
  await expect(card.getByTestId('card-rankings')).toHaveText('1,024');
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  // The monitor never finalizes by itself: a poll goes by and the tournament is still in progress.
  const before = await card.getByTestId('card-live').textContent();
  await expect(card.getByTestId('card-live')).not.toHaveText(before ?? '', { timeout: 60_000 });
  const untouched = await api.ok<{ status: string }>('GET', `/api/v1/tournaments/${id}`);
  expect(untouched.status).toBe('IN_PROGRESS');
  await expectNoErrorText(page);
  await snapshot(page, 'monitor-complete-3-ranked');

  await card.getByRole('button', { name: 'Complete' }).click();
  await card.getByRole('button', { name: 'Yes, complete' }).click();
  await expect(card.getByTestId('card-status')).toHaveText('COMPLETED');
  await expect(card.getByRole('button', { name: 'Complete' })).toBeDisabled();
  await expectNoErrorText(page);
  await snapshot(page, 'monitor-complete-4-completed');

  const top = await api.ok<{ items: { rank: number; player_name: string }[]; total: number }>('GET', `/api/v1/tournaments/${id}/rankings?limit=1&offset=0`);
  expect(top.total).toBe(PLAYERS);
  await card.getByRole('link', { name: 'Leaderboard' }).click();
  await expect(page).toHaveURL(new RegExp(`/tournaments/${id}/leaderboard$`));
  await expect(page.getByTestId('leaderboard-rank').first()).toHaveText('1');
  await expect(page.getByTestId('leaderboard-player').first()).toHaveText(top.items[0].player_name);
  await expect(page.getByTestId('leaderboard-rank')).toHaveCount(50);
  // A knockout ranks by how far each got: no points column.
  await expect(page.getByRole('columnheader', { name: 'W/D/L' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Points' })).toHaveCount(0);
  await expect(page.getByText('Page 1 of 21')).toBeVisible();
  await expectNoErrorText(page);
  await snapshot(page, 'monitor-complete-5-leaderboard');

  // Paged and searchable.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 21')).toBeVisible();
  await page.getByLabel('Find a player').fill('Player 0512');
  await expect(page.getByTestId('leaderboard-player')).toHaveText(['Player 0512']);
  await expect(page.getByText('Page 1 of 1')).toBeVisible();
  await expectNoErrorText(page);
});
