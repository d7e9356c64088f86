import {
  AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type IParagraphOptions,
} from 'docx';

/**
 * Administrative documents in the format of Decree 30/2020/NĐ-CP, Appendix I: A4, margins
 * 20/20/30/15 mm, Times New Roman 13–14, the national emblem lines top right, the issuing body
 * top left, number and symbol, place and date, type and subject centred, body, then "Nơi nhận"
 * and the signature block. Page numbers centred at the top from page 2.
 */

const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points

export interface OfficialDoc {
  /** Direct parent body, upper case, not bold (e.g. "UBND THÀNH PHỐ HÀ NỘI"); omit for the Ministry. */
  parentBody?: string | null;
  /** Issuing body, bold upper case (e.g. "BỘ GIÁO DỤC VÀ ĐÀO TẠO"). */
  issuer: string;
  /** "Số: …/BC-BGDĐT"; a blank number is left for the clerk when null. */
  number: string | null;
  symbol: string;
  place: string;
  date: string; // YYYY-MM-DD
  typeName: string; // "BÁO CÁO"
  subject: string;
  recipientsTo?: string[]; // "Kính gửi:" (reports sent upward)
  body: (Paragraph | Table)[];
  copiesTo: string[]; // "Nơi nhận:" lines, the last being "Lưu: VT, …"
  signer: { authority: string[]; name?: string | null };
}

export function text(s: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: s, font: FONT, bold: o.bold, italics: o.italics, size: pt(o.size ?? 14) });
}

export function para(children: TextRun[] | string, o: IParagraphOptions & { size?: number; bold?: boolean; italics?: boolean } = {}): Paragraph {
  const runs = typeof children === 'string' ? [text(children, { bold: o.bold, italics: o.italics, size: o.size })] : children;
  return new Paragraph({ spacing: { after: 120, line: 300 }, ...o, children: runs });
}

/** A body paragraph: justified, first line indented 1.27 cm, 6 pt after. */
export function bodyPara(s: string, o: { bold?: boolean; italics?: boolean } = {}): Paragraph {
  return para(s, { alignment: AlignmentType.BOTH, indent: { firstLine: Math.round(12.7 * MM) }, ...o });
}

export function heading(s: string): Paragraph {
  return para([text(s, { bold: true })], { alignment: AlignmentType.BOTH, indent: { firstLine: Math.round(12.7 * MM) }, spacing: { before: 120, after: 120 } });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

/** A short centred rule under a line of text, drawn as a paragraph border (indent sets its length). */
function rule(widthTwips: number, lineTwips: number): Paragraph {
  const side = Math.max(0, Math.round((widthTwips - lineTwips) / 2));
  return new Paragraph({ indent: { left: side, right: side }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } }, spacing: { after: 60 }, children: [] });
}

function vnDateLine(place: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const dd = String(d).padStart(2, '0');
  const mm = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

/** A grid table for the body: header row bold, 12 pt text. */
export function gridTable(headers: string[], rows: string[][], widthsMm: number[]): Table {
  const cell = (s: string, bold = false, center = false) =>
    new TableCell({
      width: { size: 0, type: WidthType.AUTO },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: s.split('\n').map((line) => new Paragraph({ alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 0 }, children: [text(line, { bold, size: 12 })] })),
    });
  return new Table({
    width: { size: Math.round(widthsMm.reduce((a, b) => a + b, 0) * MM), type: WidthType.DXA },
    columnWidths: widthsMm.map((w) => Math.round(w * MM)),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, i === 0)) })),
    ],
  });
}

export async function officialDocx(d: OfficialDoc): Promise<Buffer> {
  const contentWidth = Math.round((210 - 30 - 15) * MM);
  const leftW = Math.round(contentWidth * 0.42);
  const rightW = contentWidth - leftW;
  const numberLine = `Số: ${d.number ?? '       '}/${d.symbol}`;
  const header = new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            width: { size: leftW, type: WidthType.DXA },
            children: [
              ...(d.parentBody ? [para([text(d.parentBody.toUpperCase(), { size: 13 })], { alignment: AlignmentType.CENTER, spacing: { after: 0 } })] : []),
              ...d.issuer.toUpperCase().split('\n').map((l) => para([text(l, { bold: true, size: 13 })], { alignment: AlignmentType.CENTER, spacing: { after: 0 } })),
              rule(leftW, Math.round(leftW * 0.4)),
              para([text(numberLine, { size: 13 })], { alignment: AlignmentType.CENTER }),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            width: { size: rightW, type: WidthType.DXA },
            children: [
              para([text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 })], { alignment: AlignmentType.CENTER, spacing: { after: 0 } }),
              para([text('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13 })], { alignment: AlignmentType.CENTER, spacing: { after: 0 } }),
              rule(rightW, Math.round(62 * MM)),
              para([text(vnDateLine(d.place, d.date), { italics: true, size: 14 })], { alignment: AlignmentType.CENTER }),
            ],
          }),
        ],
      }),
    ],
  });
  const title = [
    para([text(d.typeName.toUpperCase(), { bold: true })], { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 0 } }),
    para([text(d.subject, { bold: true })], { alignment: AlignmentType.CENTER, spacing: { after: 0 } }),
    rule(contentWidth, Math.round(contentWidth * 0.3)),
  ];
  const to = d.recipientsTo?.length
    ? [para([text(`Kính gửi: ${d.recipientsTo.length === 1 ? d.recipientsTo[0] + '.' : ''}`)], { alignment: AlignmentType.CENTER }),
      ...(d.recipientsTo.length > 1 ? d.recipientsTo.map((r, i) => para(`- ${r}${i === d.recipientsTo!.length - 1 ? '.' : ';'}`, { indent: { left: Math.round(60 * MM) } })) : [])]
    : [];
  const signature = new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: [Math.round(contentWidth * 0.5), contentWidth - Math.round(contentWidth * 0.5)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            children: [
              para([text('Nơi nhận:', { bold: true, italics: true, size: 12 })], { spacing: { after: 0 } }),
              ...d.copiesTo.map((c, i) => para([text(`- ${c}${i === d.copiesTo.length - 1 ? '.' : ';'}`, { size: 11 })], { spacing: { after: 0 } })),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            children: [
              ...d.signer.authority.map((l) => para([text(l.toUpperCase(), { bold: true })], { alignment: AlignmentType.CENTER, spacing: { after: 0 } })),
              para('', { spacing: { after: 1400 } }),
              para([text(d.signer.name ?? '', { bold: true })], { alignment: AlignmentType.CENTER }),
            ],
          }),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'KếtNối',
    title: `${d.typeName} ${d.subject}`,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: Math.round(210 * MM), height: Math.round(297 * MM) }, margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) } },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] }),
        },
        children: [header, ...title, ...to, ...d.body, para(''), signature],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
