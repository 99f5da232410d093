// The committed DB type is what the migrations produce (scripts/db-types.ts regenerates it).
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { generateDbTypes, SCHEMA_FILE } from '../../../scripts/db-types.ts';

it('apps/api/src/db/schema.ts matches the migrated schema', async () => {
  const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
  // on a mismatch: tsx scripts/db-types.ts, and commit the result with the migration
  expect(committed).toBe(await generateDbTypes());
});
