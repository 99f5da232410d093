// The reading thread: reads the uploads (.xlsx or CSV) that read.ts hands it, one at a time, and
// posts back each table or why it was refused. Bundled on its own (dist/workbook-reader.mjs).
import { parentPort } from 'node:worker_threads';
import { readCsv } from './csv.ts';
import { ReadRefusal } from './table.ts';
import { readXlsx } from './xlsx.ts';

parentPort?.on('message', async ({ kind, bytes }: { kind: 'xlsx' | 'csv'; bytes: Uint8Array }) => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    parentPort?.postMessage({ table: kind === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer) });
  } catch (error) {
    parentPort?.postMessage({
      refusal: error instanceof ReadRefusal ? error.refusal : ReadRefusal.unreadable(String(error)).refusal,
    });
  }
});
