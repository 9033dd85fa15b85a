import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Each block of styles.css as opened: an at-rule (@media, @supports) or a rule. Browsers read a
 * rule inside a rule as CSS nesting, so a rule left unclosed silently scopes every rule after it
 * (the schedule's styles once applied only under `.table-card .tie-break-legend`).
 */
function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const open: { selector: string; atRule: boolean }[] = [];
  const nested: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') {
      const selector = text.slice(start, i).split(/[;}]/).pop()!.trim();
      const atRule = selector.startsWith('@');
      if (!atRule && open.some((b) => !b.atRule)) nested.push(`${open.map((b) => b.selector).join(' > ')} > ${selector}`);
      open.push({ selector, atRule });
      start = i + 1;
    } else if (text[i] === '}') {
      open.pop();
      start = i + 1;
    } else if (text[i] === ';') start = i + 1;
  }
  if (open.length > 0) nested.push(`unclosed: ${open.map((b) => b.selector).join(' > ')}`);
  return nested;
}

describe('styles.css', () => {
  it('closes every rule: no rule opens inside another', () => {
    expect(nestedRules(readFileSync(new URL('./styles.css', import.meta.url), 'utf8'))).toEqual([]);
  });

  it('finds a rule left open', () => {
    expect(nestedRules('.a { color: red;\n.b .c { color: blue; }\n@media print { .d { x: y; } }')).toEqual(['.a > .b .c', '.a > @media print > .d', 'unclosed: .a']);
  });
});
