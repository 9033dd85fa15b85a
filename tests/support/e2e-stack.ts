/**
 * The stack, wired into Vitest: `useStack()` starts one before the describe block's tests,
 * prints every process's log tail when a test fails, and stops it all afterwards, whether
 * the tests passed, failed or timed out.
 */
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { E2eEnvironment } from './e2e-environment.ts';
import { startStack, type Stack, type StackOptions } from './stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnvironment;
  }
}

/** The run's environment, from the global setup. */
export function e2eEnvironment(): E2eEnvironment {
  const environment = inject('e2e');
  if (!environment) throw new Error('the e2e environment is missing: run these tests through the e2e project (vitest run --project e2e)');
  return environment;
}

/**
 * Starts a stack for the enclosing describe block (or file); returns a getter for it. Options
 * given as a function are read when the stack starts (after the hooks registered before).
 */
export function useStack(options: StackOptions | (() => StackOptions) = {}): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(e2eEnvironment(), typeof options === 'function' ? options() : options);
  });
  printLogsOnFailure(() => stack);
  afterAll(async () => {
    await stack?.stopAll();
  });
  return () => {
    if (!stack) throw new Error('the stack did not start (see the error of the beforeAll hook)');
    return stack;
  };
}

/** After a failed test, prints the log tails of the stack(s) `current` returns. */
export function printLogsOnFailure(current: () => Stack | Stack[] | undefined): void {
  beforeEach((context) => {
    context.onTestFailed(() => {
      const value = current();
      const stacks = value === undefined ? [] : Array.isArray(value) ? value : [value];
      for (const s of stacks) console.error(`\n===== log tails of the stack on ${s.baseUrl} (database ${s.database.name}, prefix ${s.queuePrefix})\n${s.logsTail()}\n`);
    });
  });
}
