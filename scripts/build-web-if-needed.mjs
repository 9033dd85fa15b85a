// Builds the web UI before `npm start` when web/dist is missing or older than its sources,
// so a fresh clone serves the UI after `npm install && npm start` with no extra step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const config = path.join(root, 'web/vite.config.ts');
const built = path.join(root, 'web/dist/index.html');

if (!existsSync(config)) process.exit(0);

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newest(path.join(target, name))));
}

const sources = Math.max(newest(path.join(root, 'web/src')), newest(path.join(root, 'web/index.html')), newest(config));
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);

console.log('Building the web UI (web/dist)…');
const result = spawnSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
