import type { Session } from '../../src/http/contract/index.ts';
import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

test('a 16-player double elimination played to a reset by clicking each match and entering its result', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ player_count: 16, format: 'double_elimination', simulate: false });
  const sessions = async () => (await api.ok<{ items: Session[] }>('GET', `/api/v1/tournaments/${id}/sessions?limit=100`)).items;

  await signIn();
  await page.goto(`/tournaments/${id}/bracket`);
  await expect(page.getByRole('heading', { name: 'Double elimination' })).toBeVisible();
  const losers = page.locator('section[aria-labelledby="losers-bracket"]');
  await losers.getByRole('button', { name: 'Show all rounds' }).click();
  await expect(losers.locator('.round-label')).toHaveCount(6);

  // The better seed wins every bracket match; the losers-bracket champion wins the first grand final.
  let played = 0;
  for (;;) {
    const ready = (await sessions()).find((s) => !s.result_submitted && s.participants.length === 2);
    if (!ready) break;
    const [a, b] = [0, 1].map((slot) => ready.participants.find((p) => p.slot === slot)!);
    const winner = ready.phase === 'GRAND_FINAL' && ready.tournament_round === 1 ? b : ready.phase === 'GRAND_FINAL' ? a : a.seed! < b.seed! ? a : b;
    await page.locator(`[data-session-id="${ready.id}"]`).click();
    const dialog = page.getByTestId('result-dialog');
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`Enter the result: ${a.name} vs ${b.name}`);
    await dialog.getByRole('radio', { name: winner.name, exact: true }).check();
    await dialog.getByLabel(`score of ${a.name}`).fill(winner === a ? '2' : '1');
    await dialog.getByLabel(`score of ${b.name}`).fill(winner === b ? '2' : '1');
    await dialog.getByRole('button', { name: 'Save result' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator(`[data-session-id="${ready.id}"] .side.won .name`)).toHaveText(winner.name);
    played++;
  }

  // 30 bracket and final matches, then the reset: seed 2 won the first final, seed 1 the reset.
  expect(played).toBe(31);
  const reset = page.getByTestId('grand-final-reset');
  await expect(reset).toContainText('Grand final, reset');
  await expect(reset.locator('.side.won .name')).toHaveText('Player 0001');
  await expect(page.getByTestId('grand-final').locator('.side.won .name')).toHaveText('Player 0002');
  await expectNoErrorText(page);
  await snapshot(page, 'double-elimination-16-reset');

  const all = await sessions();
  expect([all.length, all.filter((s) => s.result_submitted).length]).toEqual([31, 31]);
  await api.ok('POST', `/api/v1/tournaments/${id}/calculate-rankings`, {});
  const table = await api.ok<{ items: { seed: number; rank: number }[] }>('GET', `/api/v1/tournaments/${id}/rankings?limit=16`);
  expect(table.items.slice(0, 4).map((r) => [r.seed, r.rank])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
});
