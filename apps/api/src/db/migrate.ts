// Applies the migrations (<repo>/migrations, listed in its index.ts) in name order, under
// kysely's migration lock.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { MIGRATIONS } from '../../../../migrations/index.ts';

const listed: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  },
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: listed });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
