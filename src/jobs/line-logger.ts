/**
 * The worker process's log: one plain line per event, `message key=value ...`, warnings and
 * errors led by WARN / ERROR. Timestamps are left to whatever collects the output.
 */
import type { JobLogger } from './generation-worker.ts';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function lineLogger(level: string, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): JobLogger {
  const threshold = level === 'silent' ? Infinity : Math.max(0, LEVELS.indexOf(level));
  const at = (name: string) => (fields: object, message: string) => {
    if (LEVELS.indexOf(name) < threshold) return;
    const pairs = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
    write([name === 'info' ? '' : name.toUpperCase(), message, ...pairs].filter(Boolean).join(' '));
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
