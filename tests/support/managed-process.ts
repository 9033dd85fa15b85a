/**
 * Child processes that a test starts and is sure to end: each runs in its own process group
 * (so a signal reaches it and whatever it spawned), writes its output to a log file whose
 * tail a failing test prints, and is killed when the test process exits by any ordinary way.
 * The children also carry the run's marker in their environment, so the global teardown
 * can find and end anything a crashed test process left behind (see sweepRun).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, readSync } from 'node:fs';
import path from 'node:path';

export const RUN_MARKER = 'TOURNEY_E2E_RUN';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessSpec {
  /** Short name for logs: "server", "worker-1". */
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd?: string;
  /** Directory for the log file. */
  logDir: string;
  /** Run as this user and group (a root harness starting PostgreSQL). */
  uid?: number;
  gid?: number;
}

export class ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | null = null;

  constructor(private readonly child: ChildProcess, name: string, logFile: string) {
    if (child.pid === undefined) throw new Error(`${name} did not start`);
    this.name = name;
    this.pid = child.pid;
    this.logFile = logFile;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        live.delete(this);
        resolve(this.exitInfo);
      });
    });
  }

  get alive(): boolean {
    return this.exitInfo === null;
  }

  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  /**
   * Sends `signal` to the process group and waits for the process to exit; after `graceMs`
   * the group is killed. Anything the process left in its group is killed either way.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<ExitInfo> {
    if (this.alive) signalGroup(this.pid, signal);
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        signalGroup(this.pid, 'SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([this.exited, forced.then(() => this.exited)]);
    clearTimeout(timer);
    signalGroup(this.pid, 'SIGKILL');
    return this.exitInfo!;
  }

  /** SIGKILL to the whole group, at once: the crash a test wants to survive. */
  kill(): Promise<ExitInfo> {
    return this.stop('SIGKILL', 0);
  }

  /** The last `lines` lines of the process's output. */
  tail(lines = 60): string {
    return tailOfFile(this.logFile, lines);
  }
}

const live = new Set<ManagedProcess>();

/** Starts a process in its own group with its output in `<logDir>/<name>.log`. */
export function startProcess(spec: ProcessSpec): ManagedProcess {
  mkdirSync(spec.logDir, { recursive: true });
  let logFile = path.join(spec.logDir, `${spec.name}.log`);
  for (let n = 2; existsSync(logFile); n++) logFile = path.join(spec.logDir, `${spec.name}.${n}.log`);
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['ignore', fd, fd],
      uid: spec.uid,
      gid: spec.gid,
    });
    const managed = new ManagedProcess(child, spec.name, logFile);
    live.add(managed);
    return managed;
  } finally {
    closeSync(fd);
  }
}

/** Stops every process still running (SIGTERM, then SIGKILL after `graceMs`). */
export async function stopAllProcesses(graceMs = 10_000): Promise<void> {
  await Promise.all([...live].map((p) => p.stop('SIGTERM', graceMs)));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

function tailOfFile(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  const size = statSync(file).size;
  const length = Math.min(size, 64 * 1024);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8').split('\n').slice(-lines - 1).join('\n').trimEnd();
}

/**
 * Ends, with SIGKILL, every process on this machine whose environment carries the run's
 * marker: the safety net for a test process that died before its own cleanup ran.
 * Returns the pids it ended. Linux only (it reads /proc); elsewhere it does nothing.
 */
export function sweepRun(runId: string, options: { spareGroups?: number[] } = {}): number[] {
  const spare = new Set(options.spareGroups ?? []);
  if (!existsSync('/proc/self/environ')) return [];
  const needle = Buffer.from(`\0${RUN_MARKER}=${runId}\0`);
  const first = Buffer.from(`${RUN_MARKER}=${runId}\0`);
  const ended: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${pid}/environ`);
    } catch {
      continue;
    }
    if (environ.includes(needle) || environ.subarray(0, first.length).equals(first)) {
      if (spare.size > 0 && spare.has(processGroupOf(pid))) continue;
      try {
        process.kill(pid, 'SIGKILL');
        ended.push(pid);
      } catch {
        // Gone already.
      }
    }
  }
  return ended;
}

function processGroupOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return -1;
  }
}

/** Process groups of the processes this process started and that still run. */
export function liveGroups(): number[] {
  return [...live].map((p) => p.pid);
}

// The last resort inside this process: whatever is still running when it exits is killed.
process.once('exit', () => {
  for (const p of live) signalGroup(p.pid, 'SIGKILL');
});
