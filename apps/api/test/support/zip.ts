// Zip archives written by hand (local headers, central directory, raw deflate from zlib), so that
// a test can make the workbooks no spreadsheet program would: a declared dimension of a million
// rows, a part that inflates to gigabytes, a size that lies.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export interface Deflated {
  compressed: Buffer;
  size: number;
  crc: number;
}

export interface ZipPart {
  name: string;
  /**
   * The part's bytes, a generator of chunks for parts too large to hold (deflated as they come),
   * or a part deflated before (by deflate()), to be used again.
   */
  data: string | Buffer | (() => Iterable<Buffer>) | Deflated;
  /** The uncompressed size the headers claim; the real one when left out. */
  declaredSize?: number;
}

/** Deflates a part chunk by chunk, so that a 2 GB part never sits in memory. */
export async function deflate(data: Exclude<ZipPart['data'], Deflated>): Promise<Deflated> {
  const chunks = typeof data === 'function' ? data() : [Buffer.from(data)];
  let crc = 0;
  let size = 0;
  const pieces: Buffer[] = [];
  await pipeline(
    Readable.from(
      (function* () {
        for (const chunk of chunks) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      })(),
    ),
    zlib.createDeflateRaw({ level: 9 }),
    async (deflated: AsyncIterable<Buffer>) => {
      for await (const piece of deflated) pieces.push(piece);
    },
  );
  return { compressed: Buffer.concat(pieces), size, crc };
}

export async function zip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const { data } = part;
    const { compressed, size, crc } =
      typeof data === 'object' && 'compressed' in data
        ? data
        : await deflate(data as Exclude<ZipPart['data'], Deflated>);
    const declared = part.declaredSize ?? size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(declared, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, compressed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += header.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
