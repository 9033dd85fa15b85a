/** A format's wire name for people: "group_knockout" -> "Group knockout". */
export function formatLabel(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown format';
}

const ELIMINATION = new Set(['knockout', 'double_elimination']);

/** Whether a format ranks by how far each player got (an elimination bracket): points mean nothing there. */
export function ranksByElimination(format: string): boolean {
  return ELIMINATION.has(format);
}
