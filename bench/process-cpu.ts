/**
 * CPU time of the processes a benchmark drives, from Linux's /proc: what a loaded machine does
 * not distort (a process that waits for a core accrues no CPU time). The API and the worker by
 * pid; the PostgreSQL backends that serve one database found by their process title
 * ("postgres: … <user> <database> <client> <state>"), sampled often enough that a connection
 * closed mid-stage loses at most one sampling interval.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// getconf CLK_TCK on Linux (x86-64 and arm64): utime and stime count hundredths of a second.
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 200;

/** utime + stime of a live process in seconds (of one of its threads, given `thread`); null once it is gone. */
export function cpuSecondsOf(pid: number, thread?: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function titleOf(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return null;
  }
}

/**
 * The CPU seconds the backends of one database have used since `start()`, by the name each
 * connection gave (application_name: "tourney server", "tourney worker"): every backend seen
 * is remembered with its last reading, so the total covers connections that came and went.
 */
export class BackendCpu {
  private readonly seen = new Map<number, { first: number; last: number; name: string }>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private names = new Map<number, string>();

  /** `applicationNames` answers pid → application_name for the database's connections (pg_stat_activity). */
  constructor(private readonly database: string, private readonly applicationNames?: () => Promise<Map<number, string>>) {}

  async start(): Promise<void> {
    await this.refreshNames();
    this.sample();
    this.timer = setInterval(() => {
      this.sample();
      void this.refreshNames();
    }, SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Seconds used by the database's backends since start(), as of now, by connection name ("total" for all). */
  async seconds(): Promise<Record<string, number>> {
    await this.refreshNames();
    this.sample();
    const out: Record<string, number> = { total: 0 };
    for (const b of this.seen.values()) {
      const used = b.last - b.first;
      out[b.name] = (out[b.name] ?? 0) + used;
      out.total += used;
    }
    return out;
  }

  private async refreshNames(): Promise<void> {
    if (!this.applicationNames) return;
    try {
      this.names = await this.applicationNames();
    } catch {
      // A reading missed: the next one names them.
    }
    for (const [pid, b] of this.seen) if (b.name === 'other') b.name = this.names.get(pid) || 'other';
  }

  private sample(): void {
    const marker = ` ${this.database} `;
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return;
    }
    for (const entry of pids) {
      const pid = Number(entry);
      const known = this.seen.get(pid);
      if (!known) {
        const title = titleOf(entry);
        if (title === null || !title.startsWith('postgres: ') || !title.includes(marker)) continue;
      }
      const cpu = cpuSecondsOf(pid);
      if (cpu === null) continue;
      // A backend there at start() counts from that reading; one that connected later, from 0.
      if (!known) this.seen.set(pid, { first: this.started ? 0 : cpu, last: cpu, name: this.names.get(pid) || 'other' });
      else known.last = Math.max(known.last, cpu);
    }
    this.started = true;
  }
}

/**
 * Runs `work` and measures it: wall milliseconds, this process's CPU seconds, and the CPU seconds
 * of the PostgreSQL backend `backendPid` (NaN without one: PGlite runs in this process).
 */
export async function measured<T>(backendPid: number | null, work: () => Promise<T>): Promise<{ value: T; ms: number; nodeCpu: number; pgCpu: number }> {
  const pg0 = backendPid === null ? 0 : cpuSecondsOf(backendPid)!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const pgCpu = backendPid === null ? Number.NaN : cpuSecondsOf(backendPid)! - pg0;
  return { value, ms, nodeCpu: (cpu.user + cpu.system) / 1e6, pgCpu };
}

/** The 1-minute load average as /proc/loadavg has it. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
