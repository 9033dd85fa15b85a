import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tourney-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Opening the embedded database takes a few seconds of CPU, a minute on a loaded machine:
// these are deadlines for a process that hangs, not expectations of speed.
const PROCESS_DEADLINE_MS = 300_000;
const TEST_DEADLINE_MS = 600_000;

/** Runs the CLI as a process on an embedded database of its own. */
function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, encoding: 'utf8', timeout: PROCESS_DEADLINE_MS });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('the command line', () => {
  it('runs a 200-player lifecycle to COMPLETED through the queue, showing each stage', () => {
    const run = cli('lifecycle', '--players', '200', '--seed', '3');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const bars = lines.filter((l) => l.startsWith('['));
    expect(bars[0]).toMatch(/^\[-{20}\] 0\/5 launching \([\d.]+ s\)$/);
    expect(bars.at(-1)).toMatch(/^\[#{20}\] 5\/5 COMPLETED \([\d.]+ s\)$/);
    expect(bars.map((b) => b.split(' ')[1])).toEqual(expect.arrayContaining(['1/5', '2/5', '3/5', '4/5']));
    expect(lines.at(-2)).toBe('tournament 1 (knockout, 200 players, async): 200 sessions, 200 rankings');
    expect(lines.at(-1)).toMatch(/^launch [\d.]+ ms \| sessions [\d.]+ ms \| results [\d.]+ ms \| rankings [\d.]+ ms \| complete [\d.]+ ms \| total [\d.]+ ms$/);
  }, TEST_DEADLINE_MS);

  it('creates a user and prints a generated password once', () => {
    const run = cli('create-user', '--email', 'desk@example.org', '--role', 'operator');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^created operator desk@example\.org; password \(shown once\): [A-Za-z0-9_-]{24}\n$/);
    const again = cli('create-user', '--email', 'desk@example.org', '--role', 'operator');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('tourney: a user with email desk@example.org already exists\n');
  }, TEST_DEADLINE_MS);

  it('refuses bad input with the reason and a usage exit code', () => {
    const tooFew = cli('lifecycle', '--players', '1');
    expect(tooFew.code).toBe(1);
    expect(tooFew.stderr).toBe('tourney: player_count: must be an integer from 2 to 1048576 for knockout\n');
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('usage: npm run cli -- <command> [options]');
  }, TEST_DEADLINE_MS);
});
