// Copied into dist/ by build-server-if-needed.mjs: runs one of dist/'s bundles (dist/<name>.cjs)
// with a V8 code cache beside it, so a start after the first one does not compile the bundle's
// JavaScript again. Node 20 has no compile cache of its own for modules (module.enableCompileCache
// comes in Node 22); vm.Script's cachedData is the same V8 mechanism, for a CommonJS script.
//
// The cache is written once a start is ready (then it holds every function a start runs), named
// by the bundle's content hash so a rebuilt bundle never meets an old cache; V8 itself refuses a
// cache made by another Node version or other V8 flags (then this start compiles as usual and
// writes a new one). Failing to read or write it only costs the compilation.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const dir = path.dirname(fileURLToPath(import.meta.url));
// The bundles call it when they are ready (src/compile-cache.ts).
const SAVE = Symbol.for('tourney.saveCompileCache');

/**
 * @param {string} name the bundle, dist/<name>.cjs
 * @param {string} hash its content hash, from the build
 * @param {{ saveAtExit?: boolean }} [options] saveAtExit: a process with no ready moment (the CLI) saves its cache when it exits
 */
export function runBundle(name, hash, options = {}) {
  const file = path.join(dir, `${name}.cjs`);
  const cacheFile = path.join(dir, `.${name}-${hash}.v8-cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundle is CommonJS (esbuild), wrapped as Node wraps a module; import.meta.url is given
  // to it by the build (define) for the code that finds files from its own location.
  const source = `(function (exports, require, module, __filename, __dirname, __tourneyImportMetaUrl) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // A read-only dist/: every start compiles, as without a cache.
      }
    };
    globalThis[SAVE] = save;
    if (options.saveAtExit) process.once('exit', save);
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir, pathToFileURL(file).href);
}
