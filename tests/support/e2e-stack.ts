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

const liveStacks = new Set<Stack>();

// When Vitest's main process goes first (Ctrl-C), this test process is orphaned and may
// hang on a test that can never report: stop its stacks (processes, databases) and leave.
const parentAtStart = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid === parentAtStart) return;
  clearInterval(parentWatch);
  const stops = Promise.allSettled([...liveStacks].map((s) => s.stopAll()));
  const deadline = new Promise((resolve) => setTimeout(resolve, 15_000).unref());
  void Promise.race([stops, deadline]).finally(() => process.exit(1));
}, 500);
parentWatch.unref();

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
    liveStacks.add(stack);
  });
  printLogsOnFailure(() => stack);
  afterAll(async () => {
    if (!stack) return;
    liveStacks.delete(stack);
    await stack.stopAll();
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
