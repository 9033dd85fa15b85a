/** The production-readiness report: reports/production-readiness.json, and its table. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const READINESS_REPORT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reports/production-readiness.json');

export interface ReadinessFigure {
  value: number;
  unit: string;
  /** What the number is and where it comes from. */
  source: string;
}

export interface ReadinessReport {
  generated_at: string;
  players: number;
  environment: Record<string, string | number>;
  figures: Record<string, ReadinessFigure>;
  details: Record<string, unknown>;
}

export function writeReadinessReport(report: ReadinessReport): void {
  mkdirSync(path.dirname(READINESS_REPORT), { recursive: true });
  writeFileSync(READINESS_REPORT, `${JSON.stringify(report, null, 2)}\n`);
}

/** The figures as a text table. */
export function readinessTable(report: ReadinessReport): string {
  const rows = Object.entries(report.figures).map(([name, f]) => [name, String(f.value), f.unit, f.source]);
  const head = ['figure', 'value', 'unit', 'source'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 3 ? 0 : r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(width[i]) : i === 3 ? c : c.padEnd(width[i]))).join('  ');
  return [
    `Production readiness, ${report.players}-player knockout lifecycle (${report.generated_at})`,
    line(head),
    line(width.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `written to ${path.relative(process.cwd(), READINESS_REPORT)}`,
  ].join('\n');
}

export function printReadinessReport(): void {
  const report = JSON.parse(readFileSync(READINESS_REPORT, 'utf8')) as ReadinessReport;
  console.log(`\n${readinessTable(report)}\n`);
}
