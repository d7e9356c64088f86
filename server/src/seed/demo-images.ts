import zlib from 'node:zlib';

/**
 * Small images drawn in code for the demo's evidence (a receipt photo stands in as a coloured
 * card with a few "lines of text"): real PNGs, so the server's file checks accept them, with no
 * picture of anyone.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A `width`×`height` RGB PNG of a receipt card: a tinted background, a header band and `lines` grey bars. */
export function receiptPng(seed: number, width = 96, height = 64): Buffer {
  const hue = [[230, 240, 250], [240, 248, 232], [252, 244, 228], [246, 236, 248]][seed % 4];
  const lines = 3 + (seed % 3);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      let px = hue;
      if (y < 10) px = [40, 90, 160];
      else {
        const line = Math.floor((y - 16) / 9);
        const inBar = y >= 16 && (y - 16) % 9 < 3 && line < lines && x >= 8 && x < width - 8 - ((seed * 7 + line * 13) % 30);
        if (inBar) px = [150, 150, 150];
      }
      raw[row + 1 + x * 3] = px[0];
      raw[row + 2 + x * 3] = px[1];
      raw[row + 3 + x * 3] = px[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
