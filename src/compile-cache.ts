/**
 * Once a compiled start (dist/) is ready: has dist/run-bundle.mjs write the V8 code cache of
 * the running bundle, if it had none, so the next start does not compile it again. Nothing
 * when run from the sources (tsx) or when the cache was there.
 */
export function saveCompileCache(): void {
  (globalThis as Record<symbol, (() => void) | undefined>)[Symbol.for('tourney.saveCompileCache')]?.();
}
