// Compiles the server, the worker and the CLI into dist/ (esbuild: one CommonJS bundle each,
// dist/<name>.cjs, run by dist/<name>.js through dist/run-bundle.mjs) when dist/ is missing or
// older than src/, so `npm start`, `npm run worker` and `npm run cli` run plain JavaScript: no
// TypeScript compiled at every start. `--force` rebuilds whatever the dates say. Development
// and the tests keep running the sources through tsx.
//
// The packages are bundled too: Node spent half of the server's start finding, reading and
// linking some two thousand module files (typebox alone is 700 ES modules). Left in
// node_modules are the packages that find files beside their own code (PGlite's WebAssembly,
// Bull Board's pages), native add-ons and their optional loaders, and what only the lazily
// loaded queue board uses. Swagger UI is bundled: it is told where its files are
// (src/http/plugins/openapi.ts), and loaded from node_modules it (with @fastify/static, glob,
// yaml) was the largest part left of the start that the code cache does not cover.
//
// CommonJS rather than ES modules because a CommonJS script can be compiled from a V8 code
// cache on Node 20 (vm.Script's cachedData; see run-bundle.mjs): compiling the bundles was a
// third of a start's CPU. So there is no code splitting (each bundle holds what it may load
// later, compiled only if it runs), and import() of a package left outside becomes require().
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');
const stamp = path.join(outdir, '.built');
const names = ['server', 'worker', 'cli'];

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return /\.test\.ts$/.test(target) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newest(path.join(target, name))));
}

const sources = Math.max(
  newest(path.join(root, 'src')), newest(path.join(root, 'package.json')),
  newest(path.join(root, 'scripts/build-server-if-needed.mjs')), newest(path.join(root, 'scripts/run-bundle.mjs')),
);
if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= sources) process.exit(0);

// pg asks at load whether it runs in a Cloudflare Worker; on Node 20 (no `navigator`) it does
// so by making a `Response`, which loads Node's whole fetch implementation (undici): 50 ms of
// every start on an idle machine, 0.3 s loaded. Here it is Node, always.
const nodeOnlyPg = {
  name: 'node-only-pg',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, ({ path: file }) => {
      const source = readFileSync(file, 'utf8');
      const check = "if (typeof Response === 'function') {";
      if (!source.includes(check)) throw new Error(`${file} no longer has the check this build removes; look at it again`);
      return { contents: source.replace(check, 'if (false) {'), loader: 'js' };
    });
  },
};

const started = Date.now();
const { build } = await import('esbuild');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(names.map((name) => [name, path.join(root, 'src', `${name}.ts`)])),
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: [
    '@electric-sql/pglite', '@bull-board/*',
    'pg-native', 'msgpackr-extract', 'thread-stream',
  ],
  // import() of a package left outside becomes require(): a script compiled from a code cache
  // loses the callback import() needs on Node 20 (vm's importModuleDynamically).
  supported: { 'dynamic-import': false },
  // Given by run-bundle.mjs (the bundle's own file URL), for code that finds files from it.
  define: { 'import.meta.url': '__tourneyImportMetaUrl' },
  plugins: [nodeOnlyPg],
  sourcemap: 'linked',
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'scripts/run-bundle.mjs'), path.join(outdir, 'run-bundle.mjs'));
for (const name of names) {
  const bundle = readFileSync(path.join(outdir, `${name}.cjs`), 'utf8');
  const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  const options = name === 'cli' ? ', { saveAtExit: true }' : '';
  writeFileSync(path.join(outdir, `${name}.js`), `import { runBundle } from './run-bundle.mjs';\nrunBundle('${name}', '${hash}'${options});\n`);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error(`tourney: compiled src/ into dist/ in ${Date.now() - started} ms`);
