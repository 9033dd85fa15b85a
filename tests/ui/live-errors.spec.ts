import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

test('a card says in words when the API fails or the connection drops, and recovers by itself', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ player_count: 16, simulate: true });

  await signIn();
  await page.goto(`/monitor?track_id=${id}`);
  const card = page.locator(`[data-testid=tournament-card][data-tournament-id="${id}"]`);
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  await expect(card.getByTestId('card-results')).toHaveText('16');
  await page.getByLabel('Check every').selectOption('5');

  // The tournament answers 503 for a while.
  const detail = new RegExp(`/api/v1/tournaments/${id}$`);
  await page.route(detail, (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'database down', details: {} } }) }),
  );
  await card.getByRole('button', { name: 'Refresh now' }).click();
  await expect(card.getByTestId('card-problem')).toContainText('The server is not answering (503). Retrying…');
  // What was read last stays on screen meanwhile.
  await expect(card.getByTestId('card-results')).toHaveText('16');
  await expectNoErrorText(page);
  await snapshot(page, 'live-1-server-503');

  // Then the connection drops altogether.
  await page.unroute(detail);
  await page.route(detail, (route) => route.abort('connectionreset'));
  await expect(card.getByTestId('card-problem')).toContainText('The server cannot be reached (the connection dropped). Retrying…', { timeout: 60_000 });
  await expectNoErrorText(page);
  await snapshot(page, 'live-2-connection-dropped');

  // The server is back: the next poll clears the message without a reload or a click.
  await page.unroute(detail);
  await expect(card.getByTestId('card-problem')).toHaveCount(0, { timeout: 60_000 });
  await expect(card.getByTestId('card-live')).toBeVisible();
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');
  await expectNoErrorText(page);

  // A tracked tournament deleted while watched: the card says so and stops asking.
  const draft = await api.ok<{ id: number }>('POST', '/api/v1/tournaments', { name: 'Soon gone', format: 'knockout' });
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith(`/api/v1/tournaments/${draft.id}`)) asked.push(r.url());
  });
  await page.getByLabel('Track tournament #').fill(String(draft.id));
  await page.getByRole('button', { name: 'Track', exact: true }).click();
  const goneCard = page.locator(`[data-testid=tournament-card][data-tournament-id="${draft.id}"]`);
  await expect(goneCard.getByTestId('card-status')).toHaveText('DRAFT');
  await api.ok('DELETE', `/api/v1/tournaments/${draft.id}`);
  await expect(goneCard.getByTestId('card-problem')).toHaveText(`Tournament #${draft.id} does not exist any more (it was deleted), so it is no longer checked. Stop tracking it to remove this card.`, { timeout: 30_000 });
  const askedWhenGone = asked.length;
  // Two polls of the other card go by (both cards poll every 5 s): none asks for the deleted one.
  for (let i = 0; i < 2; i++) {
    const shown = await card.getByTestId('card-live').textContent();
    await expect(card.getByTestId('card-live')).not.toHaveText(shown ?? '', { timeout: 30_000 });
  }
  expect(asked.length).toBe(askedWhenGone);
  await expectNoErrorText(page);
});

test('server-sent events update a card without a poll', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ player_count: 16, simulate: true });
  await signIn();
  await page.goto('/monitor');
  await page.getByLabel('Check every').selectOption('120');
  await page.goto(`/monitor?track_id=${id}`);
  const card = page.locator(`[data-testid=tournament-card][data-tournament-id="${id}"]`);
  await expect(card.getByTestId('card-live')).toContainText('Live: the server pushes changes; also checking every 120 s.');
  await expect(card.getByTestId('card-status')).toHaveText('IN_PROGRESS');

  // A change made elsewhere (the API, not this page) arrives by push well before the 120 s poll.
  await api.ok('POST', `/api/v1/tournaments/${id}/complete`, {});
  await expect(card.getByTestId('card-status')).toHaveText('COMPLETED', { timeout: 60_000 });
  await expectNoErrorText(page);
});
