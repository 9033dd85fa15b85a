// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.tsx';
import { StatusBadge } from './status-badge.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(element: React.ReactElement): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(element));
  cleanups.push(() => act(() => root.unmount()));
  return host;
}
const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  document.body.innerHTML = '';
});

describe('ProgressBar', () => {
  it('shows done out of total with grouped digits, and the share to screen readers', () => {
    const host = render(<ProgressBar done={1536} total={2048} label="Sessions played" testId="played" />);
    const bar = host.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-label')).toBe('Sessions played');
    expect(bar.getAttribute('aria-valuenow')).toBe('75');
    expect(bar.getAttribute('data-testid')).toBe('played');
    expect((host.querySelector('.progress-fill') as HTMLElement).style.width).toBe('75%');
    expect(host.querySelector('.progress-text')!.textContent).toBe('1,536 / 2,048 (75%)');
  });

  it('reads 0% for an empty total rather than dividing by zero, and never passes 100%', () => {
    expect(render(<ProgressBar done={0} total={0} label="none" />).querySelector('.progress-text')!.textContent).toBe('0 / 0 (0%)');
    expect(render(<ProgressBar done={5} total={4} label="over" />).querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('100');
  });
});

describe('StatusBadge', () => {
  it('shows the status as sent, with a class made of its letters', () => {
    const badge = render(<StatusBadge status="IN_PROGRESS" testId="status" />).querySelector('span')!;
    expect(badge.textContent).toBe('IN_PROGRESS');
    expect(badge.className).toBe('badge badge-in_progress');
  });
});
