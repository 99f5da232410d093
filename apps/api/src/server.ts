// Starts Tuowei: opens the database (embedded or DATABASE_URL), migrates, switches to the serving
// role, loads the shipped plans and the national division tree where missing (and demo reports when asked), then serves the API
// and the web app.
import { buildApp } from './app.ts';
import { ensureFirstAdmin, resetDemoAccounts } from './auth/users.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataFolderInUseError } from './db/data-folder-lock.ts';
import { describeServing, openForServing } from './db/roles.ts';
import { growHeapForServing } from './heap-growth.ts';
import { loadDemoReports } from './seed/demo-reports.ts';
import { loadDivisions } from './seed/divisions.ts';
import { loadShippedPlans } from './seed/load-plans.ts';
import { loadSyntheticOnStart, SyntheticRefused } from './seed/synthetic.ts';

growHeapForServing();

async function main() {
  const config = loadConfig();
  // migrated by DATABASE_URL's role; served from here on by the role db/roles.ts sets up
  const { database, mode } = await openForServing({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    role: config.servingRole,
    password: config.servingPassword,
    preparedStatements: config.preparedStatements,
  });
  try {
    await loadShippedPlans(database.db);
    // after the five plans' units, which keep their own names; the synthetic country joins it
    const divisions = await loadDivisions(database.db, config.divisions);
    // before the demo reports: those are demo data, which the synthetic country may join
    const synthetic = config.synthetic ? await loadSyntheticOnStart(database.db, config.synthetic) : null;
    const demoAdded = config.demo ? await loadDemoReports(database.db) : 0;
    const demoAccounts = config.demo ? await resetDemoAccounts(database.db) : [];
    const adminCreated =
      config.adminUser && config.adminPassword
        ? await ensureFirstAdmin(database.db, config.adminUser, config.adminPassword)
        : false;
    const app = await buildApp({
      database,
      logger: { level: config.logLevel },
      trustProxy: config.trustProxy,
      publicRead: config.publicRead,
      shutdownGraceSeconds: config.shutdownGraceSeconds,
    });

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      const started = Date.now();
      app.log.info({ signal }, 'shutting down: answering the requests already received');
      // the app cuts what is still being sent after the grace; this is only for a close that hangs
      setTimeout(() => process.exit(1), config.shutdownGraceSeconds * 1000 + 3000).unref();
      await app.close(); // stops listening, answers the requests received, ends every connection
      await database.close();
      app.log.info({ signal, ms: Date.now() - started }, 'shut down');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));

    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const where = database.kind === 'embedded' ? `embedded Postgres in ${config.dataDir}` : 'Postgres at DATABASE_URL';
    console.log(`\n托位 Tuowei is running at http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`);
    console.log(`  database: ${where}`);
    console.log(`  ${describeServing(mode)}`);
    if (config.demo) {
      console.log(`  demo reports: loaded (${demoAdded} new); every screen marks them 演示数据 / demo`);
      console.log('  demo accounts (new passwords on every start):');
      for (const account of demoAccounts) {
        console.log(
          `    ${account.username.padEnd(24)} ${account.password}  ${account.role} ${account.jurisdictionCode ?? '(all)'}`,
        );
      }
    }
    console.log(
      divisions.inserted > 0
        ? `  division codes: ${divisions.edition} loaded to the ${config.divisions} (${divisions.inserted} units, ${Math.round(divisions.ms)} ms)`
        : `  division codes: ${divisions.edition}, already loaded`,
    );
    if (synthetic) {
      console.log(
        synthetic.loaded
          ? `  synthetic country (${config.synthetic}): loaded, ${synthetic.counts.counties} counties, ${synthetic.counts.townships} townships, ${synthetic.counts.reports} reports`
          : `  synthetic country: already loaded`,
      );
    }
    if (adminCreated) console.log(`  first admin created: ${config.adminUser}`);
    console.log(`  API docs: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/docs\n`);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataFolderInUseError || error instanceof SyntheticRefused) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error('Tuowei could not start:', error);
  }
  process.exit(1);
});
