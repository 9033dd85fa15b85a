/**
 * Playwright fixtures for the UI tests: one real stack per test worker (see ui-stack.ts),
 * the page pointed at it, and the checks every stage repeats.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startUiStack, type UiStack } from './ui-stack.ts';

export { expect };

const REPORTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reports/ui');

/** Words that must never reach the screen: raw exceptions and broken values. */
export const ERROR_TEXT = /Traceback|Error:|undefined|NaN|Exception/;

export const test = base.extend<{ signIn: () => Promise<void> }, { stack: UiStack }>({
  stack: [
    async ({}, use) => {
      const stack = await startUiStack();
      try {
        await use(stack);
      } finally {
        await stack.close();
      }
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.baseURL);
  },
  signIn: async ({ page }, use) => {
    await use(async () => {
      await page.goto('/login');
      await page.getByLabel('Email').fill(ADMIN_EMAIL);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN_EMAIL);
    });
  },
});

// A failing test carries the server's and worker's last lines.
test.afterEach(async ({ stack }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('stack-logs', { body: stack.logs(), contentType: 'text/plain' });
  }
});

/** Asserts no error text is visible anywhere on the page. */
export async function expectNoErrorText(page: Page): Promise<void> {
  await expect(page.locator('body')).not.toContainText(ERROR_TEXT);
}

/** A full-page screenshot in reports/ui/<name>.png. */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(REPORTS, { recursive: true });
  await page.screenshot({ path: path.join(REPORTS, `${name}.png`), fullPage: true });
}
