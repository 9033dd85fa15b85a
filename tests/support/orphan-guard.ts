/**
 * Preloaded (`node --import`) into every process the harness starts: when the test process
 * that started it dies without cleaning up (killed, crashed), the child notices that it was
 * handed to another parent and stops itself, so no server or worker outlives its run.
 */
const parent = process.ppid;

const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  process.kill(process.pid, 'SIGTERM');
  // A process that ignores SIGTERM (or hangs in shutdown) still goes.
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 5_000).unref();
}, 250);
timer.unref();
