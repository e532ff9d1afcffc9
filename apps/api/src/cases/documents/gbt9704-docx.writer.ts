import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { DocumentTable, OfficialDocument } from '@xj/application';

/**
 * GB/T 9704-2012 (党政机关公文格式) as DOCX. Fonts are named, not embedded: a workstation with the
 * standard's fonts shows them, others substitute (Word falls back by the eastAsia name).
 */
export const FONTS = { title: '方正小标宋简体', body: '仿宋_GB2312', pageNumber: '宋体', annexMark: '黑体' } as const;

/** Font sizes in half-points: 初号 42pt (发文机关标志), 二号 22pt, 三号 16pt, 四号 14pt. */
const SIZE = { mark: 84, title: 44, body: 32, small: 28 } as const;
const RED = 'FF0000';
/** §5.2.1: A4. §5.2.2: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, so 26 mm right and 35 mm foot. */
export const PAGE = { widthMm: 210, heightMm: 297, topMm: 37, leftMm: 28, rightMm: 26, bottomMm: 35 } as const;
/** Millimetres to twips, rounded (docx's own conversion truncates: A4 would come out 1 twip short). */
const twips = (mm: number): number => Math.round((mm * 1440) / 25.4);
/** §5.2.4: 22 lines of 28 characters on the 225 mm 版心: a line is 225/22 mm ≈ 28.95 pt. */
const LINE_TWIPS = Math.round(twips(225) / 22);
/** One character of 三号 (16 pt) in twips: indents are counted in characters (左空二字). */
const CHAR = 320;

const run = (text: string, font: string, size: number, extra: { color?: string; bold?: boolean } = {}) =>
  new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size, ...extra });

const bodyLine = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT } as const;
const blank = (): Paragraph => new Paragraph({ spacing: bodyLine, children: [] });
const bodyParagraph = (text: string, options: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
  new Paragraph({ spacing: bodyLine, children: [run(text, FONTS.body, SIZE.body)], ...options });

/** 版头: 发文机关标志 (red, 小标宋, 35 mm below the 版心 top), 发文字号, the red 分隔线 4 mm below it. */
const head = (doc: OfficialDocument): Paragraph[] => [
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: twips(35), after: LINE_TWIPS * 2 },
    children: [run(doc.issuerMark, FONTS.title, SIZE.mark, { color: RED })],
  }),
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...bodyLine, after: LINE_TWIPS * 2 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED, space: 11 } },
    children: [run(doc.documentNo, FONTS.body, SIZE.body)],
  }),
];

/** 主体: 标题, 主送机关, 正文 (左空二字), 附件说明, 落款 and 成文日期. */
const main = (doc: OfficialDocument): (Paragraph | Table)[] => [
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: LINE_TWIPS, lineRule: LineRuleType.AT_LEAST, after: LINE_TWIPS },
    children: [run(doc.title, FONTS.title, SIZE.title)],
  }),
  ...(doc.recipient ? [bodyParagraph(`${doc.recipient}：`)] : []),
  ...doc.body.map((text) => bodyParagraph(text, { indent: { firstLine: CHAR * 2 } })),
  ...(doc.table ? [blank(), ...table(doc.table)] : []),
  ...attachmentNote(doc.attachments),
  blank(),
  // §7.3.5.2 (without a seal): the signatory two characters in from the right, the date below it.
  bodyParagraph(doc.signatory, { alignment: AlignmentType.RIGHT, indent: { right: CHAR * 2 } }),
  bodyParagraph(doc.date, { alignment: AlignmentType.RIGHT, indent: { right: CHAR * 2 } }),
];

/** §7.3.4: 正文下空一行左空二字编排"附件"，全角冒号，多个附件用阿拉伯数字标注序号. */
const attachmentNote = (attachments: readonly string[]): Paragraph[] => {
  if (attachments.length === 0) return [];
  const names = attachments.length === 1 ? attachments : attachments.map((name, i) => `${i + 1}. ${name}`);
  return [
    blank(),
    ...names.map((name, i) =>
      bodyParagraph(i === 0 ? `附件：${name}` : name, {
        indent: i === 0 ? { left: CHAR * 2 } : { left: CHAR * 5 },
      }),
    ),
  ];
};

const cell = (text: string, header: boolean): TableCell =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, FONTS.body, SIZE.small, { bold: header })],
      }),
    ],
  });

const table = (t: DocumentTable): (Paragraph | Table)[] => [
  new Paragraph({ alignment: AlignmentType.CENTER, children: [run(t.caption, FONTS.title, SIZE.body)] }),
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: t.headers.map((h) => cell(h, true)) }),
      ...t.rows.map((row) => new TableRow({ children: row.map((c) => cell(c, false)) })),
    ],
  }),
];

/** 版记 (§7.4): 抄送机关 in 四号, between separator lines as wide as the 版心. */
const colophon = (copyTo: readonly string[]): Paragraph[] =>
  copyTo.length === 0
    ? []
    : [
        blank(),
        new Paragraph({
          indent: { left: 280, right: 280 },
          border: {
            top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
            bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
          },
          children: [run(`抄送：${copyTo.join('，')}。`, FONTS.body, SIZE.small)],
        }),
      ];

/** §7.5 页码: 四号半角宋体, a dash either side; odd pages right, even pages left, one character in. */
const pageNumber = (alignment: (typeof AlignmentType)['LEFT' | 'RIGHT']): Footer =>
  new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONTS.pageNumber, eastAsia: FONTS.pageNumber, hAnsi: FONTS.pageNumber },
            size: SIZE.small,
          }),
        ],
      }),
    ],
  });

/** A4 with the 版心 margins and the page numbers of §7.5: every page of a document and of an annex. */
const pack = (meta: { creator: string; title: string }, children: (Paragraph | Table)[]): Promise<Buffer> =>
  Packer.toBuffer(
    new Document({
      creator: meta.creator,
      title: meta.title,
      evenAndOddHeaderAndFooters: true,
      styles: {
        default: {
          document: {
            run: {
              font: { ascii: FONTS.body, eastAsia: FONTS.body, hAnsi: FONTS.body },
              size: SIZE.body,
            },
          },
        },
      },
      sections: [
        {
          properties: {
            page: {
              size: {
                width: twips(PAGE.widthMm),
                height: twips(PAGE.heightMm),
              },
              margin: {
                top: twips(PAGE.topMm),
                bottom: twips(PAGE.bottomMm),
                left: twips(PAGE.leftMm),
                right: twips(PAGE.rightMm),
              },
            },
          },
          footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
          children,
        },
      ],
    }),
  );

/** The document as DOCX bytes. */
export const writeOfficialDocx = (doc: OfficialDocument): Promise<Buffer> =>
  pack({ creator: doc.signatory, title: doc.title }, [...head(doc), ...main(doc), ...colophon(doc.copyTo)]);

/** An annex (附件) on pages of its own: a 年度报告's tables of figures, with notes under them. */
export interface AnnexDocument {
  /** 附件顺序号, printed after "附件"; absent for a single annex. */
  readonly annexNo?: number;
  readonly title: string;
  /** Lines under the title (the year, the region). */
  readonly lead: readonly string[];
  readonly tables: readonly DocumentTable[];
  /** 注 — the definitions of the figures, after the tables. */
  readonly notes: readonly string[];
  readonly author: string;
}

/**
 * §8 附件: "附件" and its number in 三号黑体 top left on the first line, the title centred on the
 * third line, then the tables; the same page, fonts and page numbers as the document.
 */
export const writeAnnexDocx = (annex: AnnexDocument): Promise<Buffer> =>
  pack({ creator: annex.author, title: annex.title }, [
    new Paragraph({
      spacing: bodyLine,
      children: [run(`附件${annex.annexNo ?? ''}`, FONTS.annexMark, SIZE.body)],
    }),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE_TWIPS, lineRule: LineRuleType.AT_LEAST, after: LINE_TWIPS },
      children: [run(annex.title, FONTS.title, SIZE.title)],
    }),
    ...annex.lead.map((text) => bodyParagraph(text, { alignment: AlignmentType.CENTER })),
    ...annex.tables.flatMap((t) => [blank(), ...table(t)]),
    ...(annex.notes.length === 0 ? [] : [blank(), bodyParagraph('注：')]),
    ...annex.notes.map((text) => bodyParagraph(text, { indent: { firstLine: CHAR * 2 } })),
  ]);
