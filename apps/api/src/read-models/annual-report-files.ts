import { Workbook } from 'exceljs';
import {
  ANNUAL_FIGURES,
  ANNUAL_REPORT_SECTIONS,
  AnnualFigure,
  AnnualReport,
  AnnualReportRow,
  DocumentTable,
  LabelCatalogue,
} from '@xj/application';
import { writeAnnexDocx } from '../cases/documents/gbt9704-docx.writer';

export const ANNUAL_XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ANNUAL_DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The title of the report for its year and region (the city as a whole when none was asked). */
export const annualReportTitle = (report: AnnualReport, labels: LabelCatalogue): string =>
  `${report.region !== undefined ? labels.labelOf('region', report.region, 'zh') : '全市'}${report.year}年度行纪衔接工作统计表`;

/** A row's name: the figure, and the code of a breakdown after it (按来源 — 行政复议). */
const nameOf = (row: AnnualReportRow, labels: LabelCatalogue): string => {
  const figure = labels.labelOf('annualFigure', row.figure, 'zh');
  const codes = (ANNUAL_FIGURES[row.figure] as AnnualFigure).codes;
  return row.code === undefined || codes === undefined
    ? figure
    : `${figure} — ${labels.labelOf(codes, row.code, 'zh')}`;
};

const isRate = (row: AnnualReportRow): boolean => ANNUAL_FIGURES[row.figure].kind === 'rate';

/** A count as it is, a rate as a percentage with one decimal; no value (a rate of nothing) as —. */
const shown = (value: number | null | undefined, rate: boolean): string => {
  if (value === undefined) return '';
  if (value === null) return '—';
  return rate ? `${(value * 100).toFixed(1)}%` : String(value);
};

/** 增减 against the previous year: a count's difference, a rate's in percentage points. */
const change = (row: AnnualReportRow): string => {
  if (row.previousYear === undefined || row.previousYear === null || row.value === null) return '';
  const by = row.value - row.previousYear;
  if (isRate(row)) return `${by >= 0 ? '+' : ''}${(by * 100).toFixed(1)}个百分点`;
  return `${by >= 0 ? '+' : ''}${by}`;
};

/** The report's sections, and its campaigns, as captioned tables (the DOCX annex and the sheet lay them out alike). */
export const annualReportTables = (report: AnnualReport, labels: LabelCatalogue): DocumentTable[] => {
  const headers = ['项目', `${report.year}年`, `${report.year - 1}年`, '增减'];
  const sections = report.sections.map((section): DocumentTable => ({
    caption: labels.labelOf('annualSection', section.section, 'zh'),
    headers,
    rows: section.rows.map((row) => [
      nameOf(row, labels),
      shown(row.value, isRate(row)),
      shown(row.previousYear, isRate(row)),
      change(row),
    ]),
  }));
  const campaigns: DocumentTable = {
    caption: `${labels.labelOf('annualSection', 'campaigns', 'zh')}（逐次）`,
    headers: ['督察', '期间', '督察单位数', '发现问题数', '形成线索数', '移送线索数', '已整改销号'],
    rows: report.campaigns.map((c) => [
      c.title,
      `${c.periodFrom}至${c.periodTo}`,
      String(c.unitsInspected),
      String(c.findings),
      String(c.clues),
      String(c.referrals),
      String(c.rectified),
    ]),
  };
  return report.campaigns.length === 0 ? sections : [...sections, campaigns];
};

/** 口径: each figure's definition, once, in the order of the sections. */
export const annualReportNotes = (report: AnnualReport, labels: LabelCatalogue): string[] => {
  const zeroCounties = report.countiesWithoutReferrals.map((c) => labels.labelOf('region', c, 'zh')).join('、');
  const figures = ANNUAL_REPORT_SECTIONS.flatMap((section) =>
    (Object.keys(ANNUAL_FIGURES) as (keyof typeof ANNUAL_FIGURES)[]).filter(
      (key) => ANNUAL_FIGURES[key].section === section,
    ),
  );
  return [
    `统计期间：${report.period.from}至${report.period.to}，各项以行为发生之日（业务日期）计入年度。`,
    `零移送县区：${zeroCounties === '' ? '无' : zeroCounties}。`,
    ...figures.map(
      (key, i) =>
        `${i + 1}. ${labels.labelOf('annualFigure', key, 'zh')}：${labels.labelOf('annualFigureDefinition', key, 'zh')}`,
    ),
  ];
};

/** The report as an XLSX workbook: one sheet of figures by section, one of the campaigns, one of definitions. */
export const annualReportXlsx = async (report: AnnualReport, labels: LabelCatalogue): Promise<Buffer> => {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('年度报告', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = [{ width: 40 }, { width: 12 }, { width: 12 }, { width: 16 }];
  sheet.addRow([annualReportTitle(report, labels)]).font = { bold: true, size: 14 };
  sheet.addRow(['项目', `${report.year}年`, `${report.year - 1}年`, '增减']).font = { bold: true };
  for (const section of report.sections) {
    sheet.addRow([labels.labelOf('annualSection', section.section, 'zh')]).font = { bold: true };
    for (const row of section.rows) {
      const before = row.previousYear === undefined ? null : (row.previousYear ?? '—');
      const line = sheet.addRow([nameOf(row, labels), row.value ?? '—', before, change(row) || null]);
      // Numbers stay numbers (a rate as a percentage format), so the sheet can be summed.
      if (isRate(row)) [2, 3].forEach((i) => (line.getCell(i).numFmt = '0.0%'));
    }
  }
  const campaigns = workbook.addWorksheet('法治督察');
  campaigns.columns = [{ width: 30 }, { width: 24 }, ...Array.from({ length: 5 }, () => ({ width: 12 }))];
  campaigns.addRow(['督察', '期间', '督察单位数', '发现问题数', '形成线索数', '移送线索数', '已整改销号']).font = {
    bold: true,
  };
  for (const c of report.campaigns)
    campaigns.addRow([
      c.title,
      `${c.periodFrom}至${c.periodTo}`,
      c.unitsInspected,
      c.findings,
      c.clues,
      c.referrals,
      c.rectified,
    ]);
  const notes = workbook.addWorksheet('统计口径');
  notes.columns = [{ width: 120 }];
  annualReportNotes(report, labels).forEach((line) => notes.addRow([line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** The report as a 年度报告 annex (附件) in the layout of the official documents (GB/T 9704-2012 §8). */
export const annualReportDocx = (report: AnnualReport, labels: LabelCatalogue, author: string): Promise<Buffer> =>
  writeAnnexDocx({
    title: annualReportTitle(report, labels),
    lead: [`（${report.period.from}至${report.period.to}）`],
    tables: annualReportTables(report, labels),
    notes: annualReportNotes(report, labels),
    author,
  });
