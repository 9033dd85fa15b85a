import type { PhaseStandingsReply, RankingPage } from '../../src/http/contract/index.ts';
import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

test('a Swiss shows its FIDE tie-break values as columns with a legend, in the standings, on the leaderboard and on the shared page', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const id = (await api.runScenario({ player_count: 8, format: 'swiss', simulate: true, name: 'Swiss tie-breaks' })).tournament_id;
  const [table] = (await api.ok<PhaseStandingsReply>('GET', `/api/v1/tournaments/${id}/phase-standings`)).tables;
  const rankings = (await api.ok<RankingPage>('GET', `/api/v1/tournaments/${id}/rankings`)).items;
  expect(table.tie_breakers).toEqual(['points', 'buchholz_cut1', 'buchholz', 'sonneborn_berger', 'progressive', 'direct_encounter', 'wins']);
  const shown = (v: number | null) => (v === null ? '–' : String(v));

  await signIn();
  await page.goto(`/tournaments/${id}/bracket`);
  const standings = page.getByTestId('standings-table');
  await expect(standings.locator('thead th[data-tie-break]')).toHaveText(['BH-C1', 'BH', 'SB', 'PS', 'DE']);
  const top = standings.locator('tbody tr').first();
  await expect(top.locator('td[data-tie-break="buchholz_cut1"]')).toHaveText(shown(table.lines[0].tie_breaks.buchholz_cut1));
  await expect(top.locator('td[data-tie-break="sonneborn_berger"]')).toHaveText(shown(table.lines[0].tie_breaks.sonneborn_berger));
  const legend = page.getByTestId('tie-break-legend').first();
  await expect(legend.locator('dt')).toHaveText(['BH-C1', 'BH', 'SB', 'PS', 'DE']);
  await expect(legend.locator('dd').first()).toContainText('Buchholz Cut-1');

  await page.goto(`/tournaments/${id}/leaderboard`);
  const board = page.getByTestId('leaderboard');
  await expect(board.locator('thead th[data-tie-break]')).toHaveText(['BH-C1', 'BH', 'SB', 'PS', 'DE']);
  await expect(board.locator('tbody tr').first().locator('td[data-tie-break="buchholz"]')).toHaveText(shown(rankings[0].tie_breaks.buchholz));
  await expect(board.locator('tbody tr').first().locator('td[data-tie-break="progressive"]')).toHaveText(shown(rankings[0].tie_breaks.progressive));
  await expect(page.getByTestId('tie-break-legend').locator('dd')).toHaveText([
    /^Buchholz Cut-1/, /^Buchholz:/, /^Sonneborn-Berger/, /^Progressive score/, /^Direct encounter/,
  ]);
  await expectNoErrorText(page);
  await snapshot(page, 'swiss-tie-breaks-leaderboard');

  // The shared page shows them too, with the legend.
  const { slug } = await api.ok<{ slug: string }>('PUT', `/api/v1/tournaments/${id}/sharing`, { sharing: true });
  await page.goto(`/t/${slug}`);
  const shared = page.getByTestId('public-standings');
  await expect(shared.locator('thead th[data-tie-break]')).toHaveText(['BH-C1', 'BH', 'SB', 'PS', 'DE']);
  await expect(shared.locator('tbody tr').first().locator('td[data-tie-break="buchholz_cut1"]')).toHaveText(shown(rankings[0].tie_breaks.buchholz_cut1));
  await expect(page.getByTestId('tie-break-legend').locator('dt')).toHaveText(['BH-C1', 'BH', 'SB', 'PS', 'DE']);
  await expectNoErrorText(page);
});
