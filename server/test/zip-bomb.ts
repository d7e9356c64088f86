import zlib from 'node:zlib';

/**
 * A spreadsheet that is small on the wire and huge once expanded: a minimal .xlsx (the parts
 * Excel needs) whose one worksheet has `rows` rows, deflated as a stream so that building it
 * never holds the expanded sheet in memory. Used by the tests and bench/zip-bomb.ts.
 */
export interface BombOptions {
  rows: number;
  /** columns per row (default 1) */
  columns?: number;
  /** write the <dimension> element (default true) */
  dimension?: boolean;
  /** declare tiny uncompressed sizes in the zip's directory (a lying archive) */
  lie?: boolean;
  /**
   * number rows and cells (r="…"), which exceljs needs to load a sheet; without numbers (they are
   * optional in the format) a million rows compress to about 100 KB
   */
  numbered?: boolean;
}

interface Part { name: string; data: Buffer; crc: number; size: number }

const stored = (name: string, text: string): Part => {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
};

const col = (i: number) => String.fromCharCode(65 + (i % 26));

async function sheetPart(o: BombOptions): Promise<Part> {
  const columns = o.columns ?? 1;
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  const write = async (s: string) => {
    const b = Buffer.from(s);
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`);
  if (o.dimension !== false) await write(`<dimension ref="A1:${col(columns - 1)}${o.rows}"/>`);
  await write('<sheetData>');
  // rows go in batches of 1,000 to keep the writes few
  const plain = `<row>${Array.from({ length: columns }, () => '<c t="inlineStr"><is><t>x</t></is></c>').join('')}</row>`;
  const rowXml = (n: number) =>
    o.numbered ? `<row r="${n}">${Array.from({ length: columns }, (_, i) => `<c r="${col(i)}${n}" t="inlineStr"><is><t>x</t></is></c>`).join('')}</row>` : plain;
  for (let i = 1; i <= o.rows; i += 1000) {
    let batch = '';
    for (let n = i; n < i + 1000 && n <= o.rows; n++) batch += rowXml(n);
    await write(batch);
  }
  await write('</sheetData></worksheet>');
  deflate.end();
  await done;
  return { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(out), crc, size };
}

export async function zipBomb(o: BombOptions): Promise<Buffer> {
  const parts: Part[] = [
    stored('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    stored('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    stored('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Trang1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    stored('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    await sheetPart(o),
  ];
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = o.lie ? Math.min(p.size, 1000) : p.size;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(p.crc >>> 0, 14);
    h.writeUInt32LE(p.data.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    local.push(h, name, p.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}
