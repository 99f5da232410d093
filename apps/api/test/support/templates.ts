// Before the API tests: the template databases each test file's database is copied from, made
// once for the run rather than by the first file of each worker (openTestDatabase makes them
// itself where this did not run: the bench scripts).
import { ensureEmbeddedTemplate, ensurePostgresTemplate } from './backends.ts';

export default async function makeTemplates() {
  await ensurePostgresTemplate();
  await ensureEmbeddedTemplate();
}
