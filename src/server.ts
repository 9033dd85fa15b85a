/**
 * Composition root of the API server: read the configuration, open the database, wire the
 * queue and the app, listen, and stop cleanly on SIGTERM/SIGINT.
 */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { InProcessQueue } from './jobs/in-process-queue.ts';
import type { ServiceContext } from './services/context.ts';
import { ensureAdmin } from './services/manage-users.ts';
import type { JobQueue } from './services/ports.ts';
import { openDatabase } from './storage/database.ts';
import { loadOrCreateSecret } from './storage/secret-file.ts';
import { Store } from './storage/store.ts';

async function main(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const store = new Store(database.db);
  const jwtSecret = config.jwtSecret ?? loadOrCreateSecret(config.dataDir, 'jwt-secret');

  const ctx: ServiceContext = { store, queue: undefined as unknown as JobQueue, asyncThreshold: config.asyncThreshold, faultGeneration: config.faultGeneration };
  const inProcess = new InProcessQueue(() => ctx);
  ctx.queue = inProcess;

  const app = await buildApp({ ctx, jwtSecret, logger: { level: config.logLevel } });
  const admin = await ensureAdmin(store, config.adminEmail, config.adminPassword);
  if (admin.generatedPassword) {
    // Printed once, to the console only: it is not kept anywhere in clear.
    console.log(`\n  Bootstrap admin created: ${config.adminEmail}\n  Password (shown once): ${admin.generatedPassword}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await ctx.queue.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info({ database: database.kind, queue: ctx.queue.kind }, `tourney listening on http://${config.host}:${port}`);
}

try {
  await main(loadConfig());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`tourney: configuration error: ${error.message}`);
    process.exit(78);
  }
  console.error('tourney: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
