/** Composition root of a worker process (see worker-process.ts). */
import { runWorker } from './worker-process.ts';

void runWorker();
