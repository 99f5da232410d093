// The committed DB type is what the migrations produce (scripts/db-types.ts regenerates it).
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { generateDbTypes, SCHEMA_FILE } from '../../../scripts/db-types.ts';

it('apps/api/src/db/schema.ts matches the migrated schema', async () => {
  const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
  // on a mismatch: tsx scripts/db-types.ts, and commit the result with the migration
  expect(committed).toBe(await generateDbTypes());
});

it('migrations/index.ts lists every migration in the folder, in name order', async () => {
  const { MIGRATIONS } = await import('../../../migrations/index.ts');
  const folder = path.resolve(path.dirname(SCHEMA_FILE), '../../../../migrations');
  const files = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  expect(files.length).toBeGreaterThanOrEqual(4);
  expect(Object.keys(MIGRATIONS)).toEqual(files);
  for (const file of files) {
    const module = await import(path.join(folder, `${file}.ts`));
    expect(MIGRATIONS[file].up).toBe(module.up);
  }
});
