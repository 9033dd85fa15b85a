// Compiles the server, the worker and the CLI into dist/ (esbuild: one ES module each, shared
// code in chunks) when dist/ is missing or older than src/, so `npm start`, `npm run worker`
// and `npm run cli` run plain JavaScript: no TypeScript compiled at every start. `--force`
// rebuilds whatever the dates say. Development and the tests keep running the sources through tsx.
//
// The packages are bundled too: Node spent half of the server's start finding, reading and
// linking some two thousand module files (typebox alone is 700 ES modules). Left in
// node_modules are the packages that find files beside their own code (PGlite's WebAssembly,
// Swagger UI's and Bull Board's pages), native add-ons and
// their optional loaders, and what only the lazily loaded queue board uses.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');
const stamp = path.join(outdir, '.built');
const entries = ['server', 'worker', 'cli'].map((name) => path.join(root, 'src', `${name}.ts`));

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return /\.test\.ts$/.test(target) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newest(path.join(target, name))));
}

const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'package.json')));
if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= sources) process.exit(0);

const started = Date.now();
const { build } = await import('esbuild');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: [
    '@electric-sql/pglite', '@fastify/swagger-ui', '@fastify/static', '@bull-board/*',
    'pg-native', 'msgpackr-extract', 'thread-stream',
  ],
  // CommonJS code in the bundle (and the packages above) still calls require().
  banner: { js: "import { createRequire as __tourneyRequire } from 'node:module'; const require = __tourneyRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  // Chunks are named by content, so a rebuild never mixes old and new files.
  chunkNames: 'chunks/[name]-[hash]',
});
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error(`tourney: compiled src/ into dist/ in ${Date.now() - started} ms`);
