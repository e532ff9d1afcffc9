import { Alert, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get } from '../api/api-client';
import { download } from '../api/reads-client';
import type { components } from '../api/schema';
import { errorText } from '../shell/errors';
import { label } from '../shell/labels';

type Report = components['schemas']['AnnualReportDto'];
type Row = Report['sections'][number]['rows'][number];
type Region = components['schemas']['RegionDto'];

const REPORT = '/api/v1/reports/annual';

/** Figures that are shares, shown as percentages (the rest are counts). */
const isRate = (figure: string): boolean => /Rate$/.test(figure);

const shown = (figure: string, value: number | null | undefined): string => {
  if (value === undefined) return '';
  if (value === null) return '—';
  return isRate(figure) ? `${(value * 100).toFixed(1)}%` : String(value);
};

/** A row's name: the figure, and a breakdown's code after it, both from the label catalogue. */
const nameOf = (row: Row): string => {
  const figure = label('annualFigure', row.figure);
  return row.code === undefined ? figure : `${figure} — ${label(row.codes ?? '', row.code)}`;
};

/**
 * 年度报告 (issue 17): the figures a 年度报告 or 述法报告 quotes for one business year and region,
 * each with its definition, and the same report as XLSX or as a DOCX annex.
 */
const AnnualReportPage = () => {
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [region, setRegion] = useState<string>();
  const [regions, setRegions] = useState<Region[]>([]);
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    get<{ regions: Region[] }>('/api/v1/lookups/regions')
      .then((r) => setRegions(r.regions))
      .catch(() => setRegions([]));
  }, []);
  useEffect(() => {
    setError(undefined);
    get<Report>(REPORT, { year: String(year), ...(region ? { region } : {}) })
      .then(setReport)
      .catch((e: unknown) => setError(errorText(e)));
  }, [year, region]);
  const query = { year: String(year), region };
  const save = (extension: string) =>
    void download(`${REPORT}.${extension}`, query, `年度报告-${year}.${extension}`).catch((e: unknown) =>
      setError(errorText(e)),
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        年度报告
      </Typography.Title>
      <Space wrap>
        <span>统计年度</span>
        <InputNumber
          aria-label="统计年度"
          min={2000}
          max={new Date().getFullYear()}
          value={year}
          onChange={(value) => value !== null && setYear(value)}
        />
        <span>地区</span>
        <Select
          aria-label="地区"
          allowClear
          style={{ width: 160 }}
          placeholder="全市"
          value={region}
          onChange={(value?: string) => setRegion(value)}
          options={regions.map((r) => ({ value: r.id, label: r.zh }))}
        />
        <Button onClick={() => save('xlsx')}>导出 Excel</Button>
        <Button onClick={() => save('docx')}>导出 Word（附件）</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {report?.stale && <Alert type="warning" showIcon message="数据仍在更新，数字可能尚未包含最新办理情况" />}
      {report?.sections.map((section) => (
        <Card key={section.section} title={label('annualSection', section.section)} size="small">
          <Table
            size="small"
            pagination={false}
            rowKey={(row) => `${row.figure}/${row.code ?? ''}`}
            dataSource={section.rows}
            columns={[
              { title: '项目', render: (_: unknown, row: Row) => nameOf(row) },
              {
                title: `${report.year}年`,
                align: 'right',
                render: (_: unknown, row: Row) => shown(row.figure, row.value),
              },
              {
                title: `${report.year - 1}年`,
                align: 'right',
                render: (_: unknown, row: Row) => shown(row.figure, row.previousYear),
              },
              {
                title: '口径',
                render: (_: unknown, row: Row) =>
                  row.code === undefined ? (
                    <Typography.Text type="secondary">{label('annualFigureDefinition', row.figure)}</Typography.Text>
                  ) : null,
              },
            ]}
          />
          {section.section === 'referrals' && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              零移送县区（本级未移送）：
              {report.countiesWithoutReferrals.map((c) => label('region', c)).join('、') || '无'}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
    </Space>
  );
};

export default AnnualReportPage;
