import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function readSecret(file: string): string | null {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    return existing.length >= 32 ? existing : null;
  } catch {
    return null;
  }
}

/**
 * Reads a secret kept in the data directory, creating it (owner-only) the first time. Created
 * with O_EXCL: two processes starting together on one directory (servers on one PostgreSQL)
 * end up with the one secret that was written first, not one each.
 */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process created it a moment ago: read it once it is written (within a second),
    // or say that an unusable one is there.
    for (let i = 0; i < 50; i++) {
      const theirs = readSecret(file);
      if (theirs) return theirs;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
    throw new Error(`${file} holds no usable secret (32 or more characters); delete it to have one generated`);
  }
}
