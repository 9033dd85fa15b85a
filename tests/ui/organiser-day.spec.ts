import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { TourneyClient } from '../support/tourney-client.ts';
import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

interface Side {
  id: number;
  name: string;
  slot: number;
}
interface Session {
  id: string;
  tournament_round: number;
  tournament_match_number: number;
  participants: Side[];
  winner_id: number | null;
  result_submitted: boolean;
  next_session_id: string | null;
}

const ENTRANTS = `name,rating,club
Ann Archer,2210,Hastings
Ben Brook,2105,Oxford
Cat Cole,1990,Hastings
Dan Drake,1875,Cambridge
Eve Ely,2302,Oxford
Fay Ford,1650,
Gus Gray,1720,Cambridge
Hal Hunt,2050,Hastings
Ivy Irons,1580,Oxford
Jon Judd,,Cambridge
Kim Knox,1810,
Lou Lee,1940,Hastings
`;

async function sessionsOf(api: TourneyClient, id: number): Promise<Session[]> {
  return (await api.ok<{ items: Session[] }>('GET', `/api/v1/tournaments/${id}/sessions?limit=1000`)).items;
}

const side = (s: Session, slot: number) => s.participants.find((p) => p.slot === slot)!;

/** Clicks the match on the bracket, enters a played result with the given winner, and saves. */
async function enterResult(page: Page, session: Session, winner: Side, correcting = false) {
  await page.locator(`[data-session-id="${session.id}"][role="button"]`).click();
  const dialog = page.getByTestId('result-dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toContainText(correcting ? 'Correct the result' : 'Enter the result');
  await dialog.getByRole('radio', { name: 'Played', exact: true }).check();
  await dialog.getByRole('radio', { name: winner.name, exact: true }).check();
  const winnerFirst = winner.slot === 0;
  await dialog.getByLabel(`score of ${side(session, 0).name}`).fill(winnerFirst ? '3' : '1');
  await dialog.getByLabel(`score of ${side(session, 1).name}`).fill(winnerFirst ? '1' : '3');
  await dialog.getByRole('button', { name: correcting ? 'Save correction' : 'Save result' }).click();
}

/** The public page shows `name` as the winner of that session. */
async function expectWinnerShown(viewer: Page, sessionId: string, name: string) {
  await expect(viewer.locator(`[data-session-id="${sessionId}"] .side.won .name`)).toHaveText(name);
}

test("the organiser's day: import, seed, start, enter and correct results, withdraw, share live, export, complete", async ({ page, browser, stack, signIn }) => {
  const api = await stack.api();
  await signIn();

  // A tournament for real entrants, its 12 participants imported from CSV, seeded by rating.
  await page.goto('/tournaments');
  await page.getByLabel('Tournament name').fill('Saturday open');
  await page.getByLabel('Format').selectOption('knockout');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('tournament-name')).toHaveText('Saturday open');
  const id = Number(/\/tournaments\/(\d+)$/.exec(new URL(page.url()).pathname)![1]);
  // The draft's settings are the format's fields (the schedule a group of them), saved as values.
  await page.getByLabel('Separate clubs', { exact: true }).check();
  await expect(page.getByRole('group', { name: 'Schedule' }).getByLabel('Stations')).toHaveValue('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('page-outcome')).toHaveText('Saved.');
  expect((await api.ok<{ settings: Record<string, unknown> }>('GET', `/api/v1/tournaments/${id}`)).settings).toMatchObject({ separate_clubs: true, third_place_playoff: true });
  await page.getByTestId('csv-import').setInputFiles({ name: 'entrants.csv', mimeType: 'text/csv', buffer: Buffer.from(ENTRANTS) });
  await expect(page.getByTestId('page-outcome')).toHaveText('Imported 12 participants.');
  await page.getByRole('button', { name: 'By rating' }).click();
  await expect(page.getByTestId('seeding')).toHaveText('now: by rating');
  await expect(page.getByTestId('participants').locator('tbody tr').first()).toContainText('Eve Ely');
  await expect(page.getByTestId('participants').locator('tbody tr').nth(11)).toContainText('Jon Judd');

  await page.getByRole('button', { name: 'Start the tournament' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Start with 12 participants?');
  await page.getByRole('button', { name: 'Yes, start' }).click();
  await expect(page.getByTestId('page-outcome')).toHaveText('Started: 12 sessions drawn.');

  // Sharing on: the public link, opened without a login in a second browser context.
  await page.getByLabel(/Public page/).check();
  const link = await page.getByTestId('public-link').getAttribute('href');
  expect(link).toMatch(/\/t\/[A-Za-z0-9_-]{22}$/);
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const viewer = await visitor.newPage();
  await viewer.goto(link!);
  await expect(viewer.getByTestId('public-name')).toHaveText('Saturday open');
  expect(await viewer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // Results entered by clicking the matches of round 1; each appears on the public page.
  await page.goto(`/tournaments/${id}/bracket`);
  let all = await sessionsOf(api, id);
  const firstRound = all.filter((s) => s.tournament_round === 1);
  expect(firstRound).toHaveLength(4);
  for (const s of firstRound) {
    await enterResult(page, s, side(s, 0));
    await expectWinnerShown(viewer, s.id, side(s, 0).name);
  }

  // A simple correction: round-1 match 1 was really won by the other player; the quarter-final is unplayed.
  const [m1, m2] = firstRound;
  await enterResult(page, m1, side(m1, 1), true);
  await expectWinnerShown(viewer, m1.id, side(m1, 1).name);
  await expect(viewer.locator(`[data-session-id="${m1.next_session_id}"]`)).toContainText(side(m1, 1).name);

  // A cascading correction: play the quarter-final fed by match 2, then correct match 2.
  all = await sessionsOf(api, id);
  const quarter = all.find((s) => s.id === m2.next_session_id)!;
  await enterResult(page, quarter, side(quarter, 0));
  await expectWinnerShown(viewer, quarter.id, side(quarter, 0).name);
  await enterResult(page, m2, side(m2, 1), true);
  await expect(page.getByTestId('cascade-confirm')).toContainText('round 2, match');
  await page.getByRole('button', { name: 'Correct and clear 1 later result' }).click();
  await expect(page.getByTestId('result-dialog')).toHaveCount(0);
  await expect(viewer.locator(`[data-session-id="${quarter.id}"] .side.won`)).toHaveCount(0);
  await expectWinnerShown(viewer, m2.id, side(m2, 1).name);

  // The history of match 2: the result and its correction.
  await page.locator(`[data-session-id="${m2.id}"][role="button"]`).click();
  await expect(page.getByTestId('result-history').locator('li')).toHaveCount(2);
  await page.getByTestId('result-dialog').getByRole('button', { name: 'Cancel' }).click();

  // A correction made elsewhere (another operator, through the API) reaches the open bracket:
  // no count changes, the revision does.
  await api.ok('PUT', `/api/v1/tournaments/${id}/sessions/${m1.id}/result`, { winner_id: side(m1, 0).id, score: [3, 2], outcome: 'played' });
  await expect(page.locator(`[data-session-id="${m1.id}"] .side.won .name`)).toHaveText(side(m1, 0).name);
  await expectWinnerShown(viewer, m1.id, side(m1, 0).name);

  // A withdrawal: the top seed withdraws; the opponent waiting in the quarter-final gets a walkover.
  await page.goto(`/tournaments/${id}`);
  const row = page.getByTestId('participants').locator('tbody tr').first();
  await row.getByRole('button', { name: 'Withdraw' }).click();
  await page.getByRole('button', { name: 'Yes, withdraw' }).click();
  await expect(page.getByTestId('page-outcome')).toContainText('Eve Ely withdrew');
  await expect(row).toHaveClass(/withdrawn/);

  // Export: the results as CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Results (CSV)' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('phase,group,round,match,player_1,player_2,winner,score_1,score_2,outcome');
  expect(csv).toHaveLength(13);
  expect(csv.filter((line) => line.endsWith(',walkover'))).toHaveLength(1);

  // The rest simulated (asked first, naming the count), then complete. The monitor's button
  // asks the same, warning that the participants are real (it sends force once confirmed).
  const remaining = (await sessionsOf(api, id)).filter((s) => !s.result_submitted).length;
  await page.goto(`/monitor?track_id=${id}`);
  const card = page.locator(`[data-testid=tournament-card][data-tournament-id="${id}"]`);
  await card.getByRole('button', { name: 'Simulate results' }).click();
  await expect(card.getByRole('alertdialog')).toContainText(`Simulate ${remaining} remaining matches with random results? These are real participants.`);
  await card.getByRole('button', { name: 'Keep it' }).click();
  await expect(card.getByRole('alertdialog')).toHaveCount(0);
  await page.goto(`/tournaments/${id}`);
  await page.getByRole('button', { name: 'Simulate results' }).click();
  await expect(page.getByRole('alertdialog')).toContainText(`Simulate ${remaining} remaining matches with random results? These are real participants.`);
  await page.getByRole('button', { name: 'Yes, simulate' }).click();
  await expect(page.getByTestId('page-outcome')).toHaveText(`Simulated ${remaining} results.`);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('button', { name: 'Yes, complete' }).click();
  await expect(page.getByTestId('page-outcome')).toHaveText('The tournament is complete.');
  const winner = await api.ok<{ items: { player_name: string }[] }>('GET', `/api/v1/tournaments/${id}/rankings?limit=1&offset=0`);
  await page.goto(`/tournaments/${id}/bracket`);
  await expect(page.getByTestId('champion')).toContainText(`Champion: ${winner.items[0].player_name}`);
  await expect(viewer.getByTestId('public-standings')).toBeVisible();
  await expect(viewer.getByRole('heading', { name: 'Final standings' })).toBeVisible();
  await expect(viewer.getByTestId('public-champion')).toHaveText(`Champion: ${winner.items[0].player_name}`);
  await expect(viewer.getByTestId('public-standings').getByRole('columnheader', { name: 'Pts' })).toHaveCount(0);
  await expectNoErrorText(page);
  await expectNoErrorText(viewer);
  await snapshot(viewer, 'public-page-390');
  await visitor.close();
});
