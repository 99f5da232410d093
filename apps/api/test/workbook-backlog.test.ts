// A long workbook is written no faster than it is compressed and read: `drained()` holds its
// writer back while what its rows made waits (the country's gap report piled up 150 MiB of XML
// before it did), lets it go on as the reader reads, and gives up once the reader has gone or has
// taken nothing for the time allowed; a CSV's writer waits for room the same way (`roomIn`).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { roomIn } from '../src/reader-pace.ts';
import { streamWorkbook, type WorkbookWriter } from '../src/workbook/index.ts';

const BATCHES = 90;
const ROWS_PER_BATCH = 1_000;
/**
 * Text that compresses no better than hex does (about 2 to 1): about 200 kB of XML a batch, 18 MB
 * in all, 9 MB compressed: more than the 4 MiB a writer may leave waiting, with what the streams
 * after the zip hold besides.
 */
const cell = (batch: number, row: number) => {
  let x = Math.imul(batch * ROWS_PER_BATCH + row + 1, 2654435761) >>> 0;
  let text = '';
  for (let i = 0; i < 24; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    text += x.toString(16).padStart(8, '0');
  }
  return text;
};

/** The writer's progress: batches written, each followed by `drained()`. */
function longWorkbook(stalledReaderMs?: number) {
  const progress = { batches: 0, failure: null as Error | null };
  const stream = streamWorkbook(
    async (workbook: WorkbookWriter) => {
      const sheet = workbook.sheet({ name: 'rows', columns: [{ header: 'text', width: 30 }, { width: 8 }] });
      try {
        for (let batch = 0; batch < BATCHES; batch++) {
          for (let row = 0; row < ROWS_PER_BATCH; row++) sheet.row([cell(batch, row), row]);
          progress.batches++;
          await workbook.drained();
        }
      } catch (error) {
        progress.failure = error as Error;
        throw error;
      }
    },
    { stalledReaderMs },
  );
  return { stream, progress };
}

/** Until `batches` has not moved for a while: the writer is waiting, or done. */
async function settled(progress: { batches: number }) {
  let seen = -1;
  while (seen !== progress.batches) {
    seen = progress.batches;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('a long workbook and its reader', () => {
  it('is held back while nobody reads it, then written whole as it is read', async () => {
    const { stream, progress } = longWorkbook();
    await settled(progress);
    // unread, the writer stops once what it wrote waits: not every batch was written
    expect(progress.batches).toBeGreaterThan(0);
    expect(progress.batches).toBeLessThan(BATCHES);

    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(progress.batches).toBe(BATCHES);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('rows');
    expect(sheet?.rowCount).toBe(1 + BATCHES * ROWS_PER_BATCH);
    expect(sheet?.getRow(2).getCell(1).value).toBe(cell(0, 0));
    expect(sheet?.getRow(1 + BATCHES * ROWS_PER_BATCH).values).toEqual([
      undefined,
      cell(BATCHES - 1, ROWS_PER_BATCH - 1),
      ROWS_PER_BATCH - 1,
    ]);
  });

  it('stops writing once its reader has gone', async () => {
    const { stream, progress } = longWorkbook();
    stream.on('error', () => {});
    await settled(progress);
    const written = progress.batches;
    stream.destroy();
    await settled(progress);
    expect(progress.failure?.message).toBe('the file was closed before it was written');
    expect(progress.batches).toBe(written);
  });

  it('is given up when its reader takes nothing for the time allowed', async () => {
    const { stream, progress } = longWorkbook(300);
    const closed = new Promise<Error | null>((resolve) => stream.once('close', () => resolve(stream.errored)));
    stream.on('error', () => {});
    const error = await closed;
    await settled(progress);
    expect(error?.message).toBe('the reader took nothing for 0.3 s: the file was given up');
    expect(progress.failure).toBe(error);
    expect(progress.batches).toBeLessThan(BATCHES);
  });
});

describe('room in a stream for its writer', () => {
  /** A stream that is full: its reader has not read. */
  const full = () => {
    const stream = new PassThrough({ highWaterMark: 16 });
    stream.on('error', () => {});
    expect(stream.write('x'.repeat(64))).toBe(false);
    return stream;
  };

  it('comes once the reader reads', async () => {
    const stream = full();
    const room = roomIn(stream, 60_000);
    stream.read();
    await expect(room).resolves.toBeUndefined();
    expect(stream.destroyed).toBe(false);
  });

  it('never comes once the reader has gone, and the writer is told', async () => {
    const stream = full();
    const room = roomIn(stream, 60_000);
    stream.destroy();
    await expect(room).rejects.toThrow('the file was closed before it was written');
    await expect(roomIn(stream)).rejects.toThrow('the file was closed before it was written');
  });

  it('waits for a reader that reads slowly, longer than the time allowed to take nothing', async () => {
    const stream = new PassThrough({ highWaterMark: 64 });
    stream.on('error', () => {});
    expect(stream.write('x'.repeat(640))).toBe(false);
    // 16 bytes every 50 ms: 2 s to read it all, against 200 ms allowed without reading
    const reading = setInterval(() => stream.read(16), 50);
    try {
      await expect(roomIn(stream, 200)).resolves.toBeUndefined();
    } finally {
      clearInterval(reading);
    }
    expect(stream.destroyed).toBe(false);
  });

  it('is given up when the reader takes nothing for the time allowed', async () => {
    const stream = full();
    await expect(roomIn(stream, 200)).rejects.toThrow('the reader took nothing for 0.2 s: the file was given up');
    expect(stream.destroyed).toBe(true);
  });
});
