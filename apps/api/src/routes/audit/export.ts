// The audit trail of a subtree and a date range as a workbook or CSV, read page by page from the
// database and streamed, so a long trail never sits whole in memory.
import { PassThrough, type Readable } from 'node:stream';
import { type AuditEntryView, csvField, neutraliseFormula } from '@tuowei/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CSV_ROOM_BYTES, roomIn } from '../../reader-pace.ts';
import { API_WORDS } from '../../words.ts';
import { streamWorkbook } from '../../workbook/index.ts';
import { beijingTime } from '../gap-report/write.ts';
import { type AuditFilter, auditOfSubtree, type ChainLink } from './repository.ts';

const PAGE = 2000;

const COLUMN_WORDS = API_WORDS.auditExport.columns;

/** The columns in the order of the cells, with their widths. */
const COLUMNS = (
  [
    ['id', 8],
    ['at', 18],
    ['actor', 16],
    ['actorRole', 10],
    ['action', 10],
    ['entity', 10],
    ['entityId', 38],
    ['jurisdictionCode', 10],
    ['reason', 30],
    ['before', 50],
    ['after', 50],
    ['requestId', 12],
  ] as const
).map(([key, width]) => ({ words: COLUMN_WORDS[key], width }));

const cells = (entry: AuditEntryView) => [
  entry.id,
  beijingTime(entry.at),
  entry.actor,
  entry.actorRole,
  entry.action,
  entry.entity,
  entry.entityId,
  entry.jurisdictionCode,
  entry.reason,
  entry.before === null ? null : JSON.stringify(entry.before),
  entry.after === null ? null : JSON.stringify(entry.after),
  entry.requestId,
];

/** Every entry of the filter up to the chain head, oldest page last, newest first, page by page. */
async function* pages(db: Kysely<DB>, filter: Omit<AuditFilter, 'before' | 'limit'>, head: ChainLink | null) {
  if (!head) return;
  let before = head.id + 1;
  for (;;) {
    const page = await auditOfSubtree(db, { ...filter, before, limit: PAGE });
    if (page.length === 0) return;
    yield page;
    before = page[page.length - 1].id;
  }
}

const HEAD_WORDS = API_WORDS.auditExport.head;

/** The rows up to `head` (the chain's last row when the export began), and the head itself. */
export function auditExport(
  db: Kysely<DB>,
  filter: Omit<AuditFilter, 'before' | 'limit'>,
  format: 'xlsx' | 'csv',
  language: 'zh' | 'en',
  head: ChainLink | null,
): Readable {
  const headers = COLUMNS.map((c) => c.words[language]);
  if (format === 'xlsx') {
    return streamWorkbook(async (workbook) => {
      const sheet = workbook.sheet({
        name: API_WORDS.auditExport.trailSheet[language],
        frozen: { rows: 1 },
        columns: COLUMNS.map((c) => ({ header: c.words[language], width: c.width })),
      });
      for await (const page of pages(db, filter, head)) {
        for (const entry of page) {
          sheet.row(cells(entry).map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)));
        }
        await workbook.drained();
      }
      const chain = workbook.sheet({
        name: API_WORDS.auditExport.chainSheet[language],
        columns: [{ width: 28 }, { width: 12 }, { width: 70 }],
      });
      chain.row([HEAD_WORDS[language], head?.id ?? null, head?.hash ?? null]);
    });
  }
  const stream = new PassThrough({ highWaterMark: CSV_ROOM_BYTES });
  void (async () => {
    stream.write(`\uFEFF${headers.map(csvField).join(',')}\r\n`);
    for await (const page of pages(db, filter, head)) {
      const text = page.map((entry) => `${cells(entry).map(csvField).join(',')}\r\n`).join('');
      if (!stream.write(text)) await roomIn(stream);
    }
    stream.write(`${[HEAD_WORDS[language], head?.id ?? null, head?.hash ?? null].map(csvField).join(',')}\r\n`);
    stream.end();
  })().catch((error) => stream.destroy(error));
  return stream;
}
