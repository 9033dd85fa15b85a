/**
 * One owner for an embedded database: the process that opens a PGlite data directory holds
 * `owner.lock` in it (its pid, host, role and, for a server, the URL it serves), created
 * with O_EXCL so two processes can never both succeed. A second process is refused at once
 * with a message naming the holder. A lock whose process is gone (killed, crashed, the
 * machine rebooted) is stale and taken over; the process's start time guards against a
 * reused pid.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type OwnerRole = 'server' | 'cli' | 'worker' | 'bench';

export interface DataDirOwner {
  pid: number;
  host: string;
  role: OwnerRole;
  startedAt: string;
  /** Where a server answers HTTP, once it listens. */
  url?: string;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid. */
  processStart?: string;
  /** Distinguishes this lock from a later one of the same process. */
  nonce: string;
}

export interface DataDirLock {
  readonly file: string;
  readonly owner: DataDirOwner;
  /** Records the URL the owning server answers on, for the CLI to find it. */
  advertise(url: string): void;
  /** Removes the lock if it is still this process's. Safe to call twice. */
  release(): void;
}

export const LOCK_FILE = 'owner.lock';

const WHO: Record<OwnerRole, string> = {
  server: 'a tourney server',
  cli: 'a tourney command (npm run cli)',
  worker: 'a tourney worker',
  bench: 'a benchmark',
};

/** Another live process owns the data directory. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly owner: DataDirOwner, readonly file: string) {
    super(lockedMessage(dataDir, owner, file));
  }
}

function lockedMessage(dataDir: string, owner: DataDirOwner, file: string): string {
  const where = owner.host === os.hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on host ${owner.host}`;
  const serving = owner.url ? `, serving ${owner.url}` : '';
  const lines = [
    `the embedded database in ${dataDir} is in use by ${WHO[owner.role] ?? owner.role} (${where}, since ${owner.startedAt}${serving}).`,
    'Only one process may open it. Stop that process first, or give this one another DATA_DIR, or set DATABASE_URL so that processes share PostgreSQL.',
  ];
  if (owner.role === 'server') lines.push(`CLI commands reach the running server by themselves over HTTP${owner.url ? '' : ' once it listens'} (or pass --url).`);
  if (owner.host !== os.hostname()) lines.push(`If that process is gone, delete ${file}.`);
  return lines.join('\n');
}

/** This Linux process's start time (field 22 of /proc/<pid>/stat), or undefined elsewhere. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ...; comm may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the recorded owner still runs; a lock from another host is presumed live. */
function ownerAlive(owner: DataDirOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.processStart === undefined) return true;
  const now = processStart(owner.pid);
  return now === undefined || now === owner.processStart;
}

function parseOwner(text: string): DataDirOwner | null {
  try {
    const value = JSON.parse(text) as DataDirOwner;
    return Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.nonce === 'string' ? value : null;
  } catch {
    return null;
  }
}

function readLock(file: string): { text: string; owner: DataDirOwner | null } | null {
  try {
    const text = readFileSync(file, 'utf8');
    return { text, owner: parseOwner(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** The live owner of a data directory, or null when nobody holds it (or the lock is stale). */
export function readDataDirOwner(dataDir: string): DataDirOwner | null {
  const found = readLock(path.join(dataDir, LOCK_FILE));
  return found?.owner && ownerAlive(found.owner) ? found.owner : null;
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/**
 * Removes a stale lock, unless someone else is doing so or the lock changed meanwhile: a
 * side lock makes the read-check-delete one step, so a fresh lock is never deleted.
 */
function removeStale(file: string, staleText: string): void {
  const side = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(side, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Left by a process that died in the middle of a takeover.
    if (ageMs(side) > 10_000) unlinkSync(side);
    return;
  }
  try {
    if (readLock(file)?.text === staleText) unlinkSync(file);
  } finally {
    closeSync(fd);
    unlinkSync(side);
  }
}

/** Takes the data directory for this process, or throws DataDirLockedError naming the owner. */
export function acquireDataDirLock(dataDir: string, role: OwnerRole): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  let owner: DataDirOwner = {
    pid: process.pid,
    host: os.hostname(),
    role,
    startedAt: new Date().toISOString(),
    processStart: processStart(process.pid),
    nonce: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; ; attempt++) {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, JSON.stringify(owner));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      break;
    }
    const found = readLock(file);
    if (found === null) continue; // released just now: try again
    if (found.owner === null) {
      // Being written this very moment by its owner, or garbage left by a crash.
      if (ageMs(file) < 2_000 && attempt < 200) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      removeStale(file, found.text);
      continue;
    }
    if (ownerAlive(found.owner)) throw new DataDirLockedError(dataDir, found.owner, file);
    if (attempt >= 20) throw new DataDirLockedError(dataDir, found.owner, file);
    removeStale(file, found.text);
  }

  let released = false;
  const isOurs = () => readLock(file)?.owner?.nonce === owner.nonce;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (isOurs()) unlinkSync(file);
    } catch {
      // Gone already: nothing to release.
    }
  };
  // process.exit() skips finally blocks; the lock must not outlive an orderly exit.
  process.on('exit', release);
  return {
    file,
    get owner() {
      return owner;
    },
    advertise(url: string) {
      if (released || !isOurs()) return;
      owner = { ...owner, url };
      writeAtomically(file, JSON.stringify(owner));
    },
    release,
  };
}
