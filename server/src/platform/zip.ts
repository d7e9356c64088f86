import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * One file of a zip: its bytes, or its bytes as they are produced (streamed and deflated as they
 * come); `level` the DEFLATE level (6 unless given; 1 for tens of megabytes of repetitive XML,
 * several times faster for a somewhat larger file).
 */
export interface ZipEntry { name: string; data: Buffer | AsyncIterable<Buffer>; level?: number }

const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1; // a fixed date: the same document gives the same bytes
const FLAGS = 0x0808; // sizes in a data descriptor after the data; UTF-8 names

/**
 * A zip written as a stream with the platform's zlib (DEFLATE), each entry's size and CRC in a
 * data descriptor after its data, so an entry may be produced while it is written: memory holds
 * one chunk at a time, whatever the size of the entry. (For documents: .docx with many rows.)
 */
export function zipStream(entries: ZipEntry[]): Readable {
  async function* write(): AsyncGenerator<Buffer> {
    let offset = 0;
    const central: Buffer[] = [];
    for (const e of entries) {
      const name = Buffer.from(e.name, 'utf8');
      const local = Buffer.concat([u32(0x04034b50), u16(20), u16(FLAGS), u16(8), u16(DOS_TIME), u16(DOS_DATE), u32(0), u32(0), u32(0), u16(name.length), u16(0), name]);
      yield local;
      let crc = 0;
      let size = 0;
      let compressed = 0;
      const source = Buffer.isBuffer(e.data) ? [e.data] : e.data;
      async function* tap() {
        for await (const chunk of source) { crc = zlib.crc32(chunk, crc); size += chunk.length; yield chunk; }
      }
      const deflate = Readable.from(tap()).pipe(zlib.createDeflateRaw({ level: e.level ?? 6 }));
      for await (const out of deflate as AsyncIterable<Buffer>) { compressed += out.length; yield out; }
      yield Buffer.concat([u32(0x08074b50), u32(crc), u32(compressed), u32(size)]);
      central.push(Buffer.concat([u32(0x02014b50), u16(20), u16(20), u16(FLAGS), u16(8), u16(DOS_TIME), u16(DOS_DATE), u32(crc), u32(compressed), u32(size),
        u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
      offset += local.length + compressed + 16;
    }
    const dir = Buffer.concat(central);
    yield dir;
    yield Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(dir.length), u32(offset), u16(0)]);
  }
  return Readable.from(write());
}
