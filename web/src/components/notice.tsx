import type { ReactNode } from 'react';

/** A message in a coloured box: info, warn (something failed, in words) or ok. */
export function Notice({ tone, children, testId }: { tone: 'info' | 'warn' | 'ok'; children: ReactNode; testId?: string }) {
  return (
    <p className={`notice ${tone}`} role={tone === 'warn' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </p>
  );
}
