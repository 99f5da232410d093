// The reading thread: reads one upload (.xlsx or CSV) handed over by read.ts and posts back its
// table or why it was refused. Bundled on its own (dist/workbook-reader.mjs) for production.
import { parentPort, workerData } from 'node:worker_threads';
import { readCsv } from './csv.ts';
import { ReadRefusal } from './table.ts';
import { readXlsx } from './xlsx.ts';

const { kind, bytes } = workerData as { kind: 'xlsx' | 'csv'; bytes: Uint8Array };
const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
try {
  parentPort?.postMessage({ table: kind === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer) });
} catch (error) {
  parentPort?.postMessage({
    refusal: error instanceof ReadRefusal ? error.refusal : ReadRefusal.unreadable(String(error)).refusal,
  });
}
