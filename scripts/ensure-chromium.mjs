#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the UI tests. It installs the
// distribution package, never a browser download: the test machines have no route to one.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BROWSER = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

if (existsSync(BROWSER)) {
  console.log(`ensure-chromium: ${BROWSER} is present`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`ensure-chromium: ${BROWSER} is missing and this is not root. Run:\n  sudo sh -c '${INSTALL}'`);
  process.exit(1);
}

console.log(`ensure-chromium: ${BROWSER} is missing; running: ${INSTALL}`);
try {
  execFileSync('sh', ['-c', INSTALL], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch (error) {
  const code = error && typeof error === 'object' && 'status' in error ? error.status : 'unknown';
  console.error(`ensure-chromium: the install failed (exit ${code}). Run it by hand:\n  ${INSTALL}`);
  process.exit(1);
}
if (!existsSync(BROWSER)) {
  console.error(`ensure-chromium: the chromium package installed, but ${BROWSER} is still missing`);
  process.exit(1);
}
console.log(`ensure-chromium: installed ${BROWSER}`);
