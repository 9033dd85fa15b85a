import { expect, expectNoErrorText, test } from './fixtures.ts';

test.use({ viewport: { width: 390, height: 844 } });

/** Nothing wider than the screen: wide tables and the bracket scroll inside their own boxes. */
async function fitsTheScreen(page: import('@playwright/test').Page, what: string) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `${what} is ${widths.page} px wide on a ${widths.screen} px screen`).toBeLessThanOrEqual(widths.screen);
}

test('every page works on a 390 px phone: nothing cut off, wide tables scroll in their box', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ format: 'league', player_count: 6, simulate: true });
  const sharing = await api.ok<{ slug: string }>('PUT', `/api/v1/tournaments/${id}/sharing`, { sharing: true });

  await page.goto('/login');
  await expect(page.getByLabel('Email')).toBeVisible();
  await fitsTheScreen(page, 'the login page');
  await signIn();
  const pages: [string, string, () => Promise<void>][] = [
    ['/tournaments', 'the tournaments list', () => expect(page.getByRole('heading', { name: 'Tournaments' })).toBeVisible()],
    [`/tournaments/${id}`, 'the tournament page', () => expect(page.getByTestId('tournament-name')).toBeVisible()],
    [`/tournaments/${id}/bracket`, 'the bracket and standings', () => expect(page.getByTestId('standings-table').first()).toBeVisible()],
    [`/tournaments/${id}/leaderboard`, 'the leaderboard', () => expect(page.getByTestId('leaderboard-rank').first()).toHaveText('1')],
    [`/monitor?track_id=${id}`, 'the monitor', () => expect(page.getByTestId('card-status')).toHaveText('IN_PROGRESS')],
    ['/launch', 'the wizard', () => expect(page.getByRole('heading', { name: '1. Format' })).toBeVisible()],
    [`/t/${sharing.slug}`, 'the public page', () => expect(page.getByTestId('public-name')).toBeVisible()],
  ];
  for (const [path, what, ready] of pages) {
    await page.goto(path);
    await ready();
    await fitsTheScreen(page, what);
    await expectNoErrorText(page);
  }
  // The public table shows the league's tie-breaker beyond its own columns, with its legend.
  await expect(page.getByTestId('public-standings').getByRole('columnheader', { name: 'H2H' })).toBeVisible();
  await expect(page.getByTestId('tie-break-legend')).toContainText('Head-to-head');

  // A running knockout on two courts: its bracket (the search form too), the stations' board and
  // the result dialog opened from it fit the phone.
  const { tournament_id: ko } = await api.runScenario({ format: 'knockout', player_count: 8, simulate: false });
  await api.ok('POST', `/api/v1/tournaments/${ko}/schedule`, { schedule: { stations: ['Court A', 'Court B'] } });
  await page.goto(`/tournaments/${ko}/bracket`);
  await expect(page.getByTestId('bracket-match').first()).toBeVisible();
  await expect(page.getByRole('search').getByRole('button', { name: 'Find' })).toBeInViewport();
  await fitsTheScreen(page, 'the knockout bracket');
  await page.goto(`/tournaments/${ko}`);
  await page.getByTestId('station-board').getByRole('button').first().click();
  await expect(page.getByTestId('result-dialog').getByRole('button', { name: 'Save result' })).toBeInViewport();
  await fitsTheScreen(page, 'the result dialog over the tournament page');
  await expectNoErrorText(page);
});
