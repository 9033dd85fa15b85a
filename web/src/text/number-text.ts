/** A count for display: grouped digits, or an em dash when it is not a number. */
export function countText(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US') : '—';
}

/** A duration in milliseconds for display: "820 ms", "3.4 s", "2 min 5 s"; a dash when unknown. */
export function durationText(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** A share as a whole percentage, 0 when the whole is 0. */
export function percent(part: number, whole: number): number {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((part / whole) * 100)));
}

// Digits in groups of three, split by a comma, a space (plain, no-break or thin), an apostrophe
// or an underscore: "1,024", "1 048 576", "1'000".
const GROUPED = /^(-?)(\d{1,3}(?:([,\s\u00a0\u202f'_])\d{3})?(?:\3\d{3})*)(\.\d+)?$/;

/** The number typed, with or without thousands separators ("1,024"); null when it is not one. */
export function parseNumberText(text: string): number | null {
  const t = text.trim();
  let digits: string;
  if (/^-?\d+(\.\d+)?$/.test(t)) digits = t;
  else {
    const m = GROUPED.exec(t);
    if (!m) return null;
    digits = m[1] + m[2].replace(/\D/g, '') + (m[4] ?? '');
  }
  if (digits.replace(/\D/g, '').length > 16) return null;
  const n = Number(digits);
  return Number.isFinite(n) ? n : null;
}

/** The whole number typed, thousands separators allowed ("1,024"); null when the text is not one. */
export function parseWhole(text: string): number | null {
  const n = parseNumberText(text);
  return n !== null && Number.isSafeInteger(n) ? n : null;
}
