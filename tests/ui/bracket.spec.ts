import { readFileSync } from 'node:fs';
import type { Session, SessionPage, TournamentDetail } from '../../src/http/contract/index.ts';
import type { TourneyClient } from '../support/tourney-client.ts';
import { waitFor } from '../support/wait-for.ts';
import { expect, expectNoErrorText, snapshot, test } from './fixtures.ts';

async function sessionsOf(api: TourneyClient, id: number, query: string): Promise<Session[]> {
  const page = await api.ok<SessionPage>('GET', `/api/v1/tournaments/${id}/sessions?${query}&limit=2000`);
  return page.items;
}

test('the bracket of a 1,024-player knockout renders, scrolls virtualized, and finds a player by name', async ({ page, stack, signIn }) => {
  await stack.startWorker();
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ player_count: 1024, confirmed: true });
  await waitFor(async () => (await api.ok<TournamentDetail>('GET', `/api/v1/tournaments/${id}`)).counts.sessions === 1024, {
    timeout: 120_000,
    interval: 500,
    what: 'the 1,024 sessions',
  });
  await api.ok('POST', `/api/v1/tournaments/${id}/simulate-results`, {});
  const final = (await sessionsOf(api, id, 'phase=KNOCKOUT&round=10')).find((s) => s.tournament_match_number === 1)!;
  const champion = final.participants.find((p) => p.id === final.winner_id)!.name;

  await signIn();
  await page.goto(`/tournaments/${id}/bracket`);
  await expect(page.getByRole('heading', { name: /^Knockout/ })).toContainText('1,024 sessions in 10 rounds');

  // The last four rounds in full, the final with its winner, the playoff apart.
  const labels = page.locator('.round-label');
  await expect(labels).toHaveText(['Round 7 8 matches', 'Quarter-finals 4 matches', 'Semi-finals 2 matches', 'Final 1 match']);
  await expect(page.getByRole('button', { name: 'Show round 6 (16 matches)' })).toBeVisible();
  const finalBox = page.locator(`[data-session-id="${final.id}"]`);
  await expect(finalBox).toHaveCount(1);
  await finalBox.scrollIntoViewIfNeeded();
  await expect(finalBox.locator('.side.won .name')).toHaveText(champion);
  await expect(page.getByRole('region', { name: 'Third-place playoff' }).locator('.match')).toHaveCount(1);
  await expectNoErrorText(page);
  await snapshot(page, 'bracket-1-last-rounds');

  // Every round on demand: 512 first-round matches, yet only those in view are drawn.
  await page.getByRole('button', { name: 'Show all rounds' }).click();
  await expect(labels.first()).toHaveText('Round 1 512 matches');
  await expect(labels).toHaveCount(10);
  const drawn = await page.locator('.bracket-body .match').count();
  expect(drawn).toBeGreaterThan(10);
  expect(drawn).toBeLessThan(150);
  const viewport = page.locator('.bracket-viewport');
  await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const lastFirstRound = (await sessionsOf(api, id, 'phase=KNOCKOUT&round=1')).find((s) => s.tournament_match_number === 512)!;
  await expect(page.locator(`[data-session-id="${lastFirstRound.id}"]`)).toBeVisible();
  expect(await page.locator('.bracket-body .match').count()).toBeLessThan(150);
  await expectNoErrorText(page);

  // Find a player: every session of theirs is listed, the furthest one shown in the bracket.
  const name = 'Player 0777';
  const all = await sessionsOf(api, id, 'phase=KNOCKOUT');
  const theirs = all.filter((s) => s.participants.some((p) => p.name === name));
  expect(theirs.length).toBeGreaterThan(0);
  const furthest = theirs.reduce((a, b) => (b.tournament_round > a.tournament_round ? b : a));
  await page.getByLabel('Find a player').fill(name);
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByTestId('bracket-hit')).toHaveCount(theirs.length);
  const focused = page.getByTestId('bracket-focus');
  await expect(focused).toHaveCount(1);
  await expect(focused).toHaveAttribute('data-session-id', String(furthest.id));
  await expect(focused).toContainText(name);
  await expect(focused).toBeInViewport();
  await expect(focused.locator('.side.hit .name')).toHaveText(name);

  // Picking their first-round session from the list shows that one.
  const first = theirs.find((s) => s.tournament_round === 1)!;
  await page.getByTestId('bracket-hit').filter({ hasText: `Round 1, match ${first.tournament_match_number}:` }).click();
  await expect(focused).toHaveAttribute('data-session-id', String(first.id));
  await expect(focused).toBeInViewport();
  await expectNoErrorText(page);
  await snapshot(page, 'bracket-2-found-player');
});

test('a group knockout: its knockout names each qualifier by group and place (A1), the group tables mark who went through, the champion is named', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const { tournament_id: id } = await api.runScenario({ format: 'group_knockout', player_count: 16, settings: { group_size: 4, advance_per_group: 2 }, simulate: true });
  const groups = await api.ok<{ tables: { group: string; lines: { player_id: number; rank: number }[] }[] }>('GET', `/api/v1/tournaments/${id}/phase-standings?phase=GROUP&limit=10`);
  const place = new Map(groups.tables.flatMap((t) => t.lines.map((l) => [l.player_id, `${t.group}${l.rank}`] as const)));
  const firstRound = await sessionsOf(api, id, 'phase=KNOCKOUT&round=1');
  expect(firstRound).toHaveLength(4);
  const top = await api.ok<{ items: { rank: number; player_name: string }[] }>('GET', `/api/v1/tournaments/${id}/rankings?limit=1&offset=0`);

  await signIn();
  await page.goto(`/tournaments/${id}/bracket`);
  for (const s of firstRound) {
    const labels = [0, 1].map((slot) => place.get(s.participants.find((p) => p.slot === slot)!.id));
    expect(labels.every((l) => /^[A-D][12]$/.test(l ?? ''))).toBe(true);
    await expect(page.locator(`[data-session-id="${s.id}"] [data-testid=group-place]`)).toHaveText(labels as string[]);
  }
  // Two of each group's four went through: eight marks in the group tables.
  await expect(page.getByTestId('qualifier-mark')).toHaveCount(8);
  await expect(page.getByTestId('champion')).toContainText(`Champion: ${top.items[0].player_name}`);
  // The bracket's box is as tall as its three rounds, not a fixed band.
  const [box, canvas] = await Promise.all([page.locator('.bracket-viewport').boundingBox(), page.locator('.bracket-canvas').boundingBox()]);
  expect(box!.height).toBeLessThanOrEqual(canvas!.height + 24);
  await expectNoErrorText(page);
  await snapshot(page, 'bracket-group-knockout');

  // The bracket as a PNG: three rounds of 210 px with 36 px between and 24 px margins; four
  // first-round slots of 64 px under a 36 px title and 40 px of round names; the playoff below.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  expect(download.suggestedFilename()).toBe(`bracket-${id}-knockout.png`);
  const png = readFileSync((await download.path())!);
  await download.saveAs('reports/ui/bracket-group-knockout-export.png');
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([3 * 210 + 2 * 36 + 2 * 24, 36 + 40 + 4 * 64 + (52 + 40) + 24]);
});

test('the printed bracket: one landscape A4 page per 64 players, then the rounds after, every match once', async ({ page, stack, signIn }) => {
  const api = await stack.api();
  const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  await signIn();
  for (const [players, sheets] of [[64, 1], [100, 3]] as const) {
    const { tournament_id: id } = await api.runScenario({ player_count: players, simulate: true });
    const sessions = (await api.ok<TournamentDetail>('GET', `/api/v1/tournaments/${id}`)).counts.sessions;
    await page.goto(`/tournaments/${id}/bracket`);
    await page.getByRole('link', { name: 'Print' }).click();
    await expect(page.getByTestId('print-sheet')).toHaveCount(sheets);
    // Every session (the playoff too) is on exactly one sheet.
    await expect(page.locator('[data-testid=print-sheet] [data-session-id]')).toHaveCount(sessions);
    await expect(page.getByTestId('print-sheet').first()).toContainText(`matches 1–32 · page 1 of ${sheets}`);
    await expectNoErrorText(page);
    await page.emulateMedia({ media: 'print' });
    await snapshot(page, `bracket-print-${players}`);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    expect(pdfPages(pdf)).toBe(sheets);
    await page.emulateMedia({ media: 'screen' });
  }

  // Byes feed nothing: with 6 players each semi-final is joined to its one quarter-final and the
  // final to both semi-finals; every joining line starts and ends at a printed match's centre.
  const { tournament_id: small } = await api.runScenario({ player_count: 6, simulate: false });
  await page.goto(`/tournaments/${small}/print`);
  await expect(page.locator('[data-testid=print-sheet] [data-session-id]')).toHaveCount(6);
  const links = page.locator('.print-link');
  await expect(links).toHaveCount(3);
  const ends = await page.evaluate(() => {
    const centres = [...document.querySelectorAll('.print-match')].map((m) => { const r = m.getBoundingClientRect(); return r.top + r.height / 2; });
    return [...document.querySelectorAll('.print-link')].flatMap((l) => { const r = l.getBoundingClientRect(); return [r.top, r.bottom]; })
      .map((y) => centres.some((c) => Math.abs(c - y) <= 1.5));
  });
  expect(ends).toEqual([true, true, true, true, true, true]);
});
