/**
 * The directory that holds tourney's package.json, found by walking up from this module: the
 * same answer whether the code runs from src/ (tsx) or compiled into dist/ (a bundle and its
 * chunks), so files found from it (migrations, the built UI) do not depend on where the
 * running module sits.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function packageRoot(): string {
  if (found !== undefined) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  found = dir;
  return dir;
}
