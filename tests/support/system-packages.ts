/**
 * The programs the harness runs when no Redis or PostgreSQL answers, and the one way it
 * gets them when they are missing: Debian's packages, installed as root, or a failure that
 * names the command to run.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Debian packages that bring each program. */
const PACKAGE_OF: Record<string, string> = {
  'redis-server': 'redis-server',
  initdb: 'postgresql',
  postgres: 'postgresql',
  pg_ctl: 'postgresql',
};

export class MissingProgramError extends Error {}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian keeps the server programs out of PATH, in /usr/lib/postgresql/<major>/bin. */
function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'));
}

/** The full path of `program`, from PATH or PostgreSQL's own bin directory; null when absent. */
export function findProgram(program: string): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  if (PACKAGE_OF[program] === 'postgresql') dirs.push(...postgresBinDirs());
  for (const dir of dirs) {
    const candidate = path.join(dir, program);
    if (executable(candidate)) return candidate;
  }
  return null;
}

export function installCommand(packages: string[]): string {
  return `apt-get update && apt-get install -y ${[...new Set(packages)].join(' ')}`;
}

/**
 * Returns the paths of `programs`, installing their Debian packages first when some are
 * missing and this process is root; otherwise throws with the command that installs them.
 */
export function ensurePrograms(programs: string[], why: string): Record<string, string> {
  const missing = programs.filter((p) => findProgram(p) === null);
  if (missing.length > 0) {
    const packages = missing.map((p) => PACKAGE_OF[p] ?? p);
    const command = installCommand(packages);
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot || findProgram('apt-get') === null) {
      throw new MissingProgramError(`${why}, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed. Run:\n  sudo sh -c '${command}'`);
    }
    console.log(`e2e: ${why}; installing ${packages.join(', ')}: ${command}`);
    try {
      execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch (error) {
      const status = error && typeof error === 'object' && 'status' in error ? String(error.status) : 'unknown';
      throw new MissingProgramError(`${command} failed (exit ${status}); run it by hand as root`);
    }
    const still = programs.filter((p) => findProgram(p) === null);
    if (still.length > 0) throw new MissingProgramError(`${packages.join(', ')} installed, but ${still.join(', ')} still cannot be found`);
  }
  return Object.fromEntries(programs.map((p) => [p, findProgram(p)!]));
}
