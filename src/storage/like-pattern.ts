/**
 * A LIKE/ILIKE pattern that finds `text` anywhere, taken literally: `%`, `_` and the escape
 * character `\` in what a person typed match themselves, not "anything".
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
