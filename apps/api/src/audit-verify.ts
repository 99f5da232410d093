// `npm run audit:verify`: walks the audit trail's hash chain in DATABASE_URL's database, or in the
// embedded one in TUOWEI_DATA_DIR, as GET /api/v1/audit/verify does. Exits 0 when intact, 1 when
// broken (naming the first broken row), 2 when it could not look.
//   --head-id N --head-hash H   also check an earlier head, as an export recorded it
//   --json                      print the answer as the API gives it
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditVerifyQuery, fieldMessage } from '@tuowei/shared';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from './config.ts';
import { DataFolderInUseError } from './db/data-folder-lock.ts';
import { openDatabase } from './db/database.ts';
import { verifyAuditChain } from './routes/audit/chain.ts';

class CannotLook extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'head-id': { type: 'string' }, 'head-hash': { type: 'string' }, json: { type: 'boolean' } },
  });
  const query = auditVerifyQuery.safeParse({ headId: values['head-id'], headHash: values['head-hash'] });
  if (!query.success) {
    const problems = query.error.issues.map((issue) => `${issue.path.join('.')}: ${fieldMessage(issue.message, 'en')}`);
    throw new CannotLook(`--head-id / --head-hash: ${problems.join('; ')}`);
  }
  const config = loadConfig();
  const where = config.databaseUrl ? 'DATABASE_URL' : `the embedded database in ${config.dataDir}`;
  // looking must not make one: an empty folder would be set up as a new database
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION'))) {
    throw new CannotLook(`没有嵌入式数据库 / no embedded database in ${config.dataDir} (TUOWEI_DATA_DIR)`);
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 1,
    preparedStatements: config.preparedStatements,
  });
  try {
    const { rows } = await sql<{ chained: boolean }>`
      select to_regclass('public.audit_chain') is not null as chained`.execute(database.db);
    if (!rows[0].chained) {
      throw new CannotLook(`the audit trail in ${where} is not chained yet: start Tuowei once, which migrates it`);
    }
    const { headId, headHash } = query.data;
    const verdict = await verifyAuditChain(
      database.db,
      headId !== undefined && headHash !== undefined ? { id: headId, hash: headHash } : undefined,
    );
    if (values.json) {
      console.log(JSON.stringify(verdict));
    } else {
      console.log(`audit trail of ${where}: ${verdict.rows} rows`);
      console.log(`  head: ${verdict.head ? `#${verdict.head.id} ${verdict.head.hash}` : '(none)'}`);
      if (verdict.earlierHead) {
        const earlier = verdict.earlierHead;
        console.log(`  earlier head #${earlier.id} ${earlier.hash}: ${earlier.matches ? 'still there' : 'NOT THERE'}`);
      }
      console.log(
        verdict.intact
          ? '  审计链完整 / the chain is intact'
          : `  审计链自第 ${verdict.firstBrokenId} 行起断裂 / the chain is BROKEN, first at row #${verdict.firstBrokenId}`,
      );
    }
    return verdict.intact ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof DataFolderInUseError) {
      console.error(`\n${error.message}`);
      console.error(
        '正在运行的托位可以自行校验 / the running Tuowei can check it itself: GET /api/v1/audit/verify (auditor or admin)\n',
      );
    } else if (error instanceof CannotLook || error instanceof ConfigError) {
      console.error(`\n${error.message}\n`);
    } else {
      console.error('audit:verify could not check the chain:', error);
    }
    process.exit(2);
  },
);
