import { Alert, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useEffect, useState } from 'react';
import { getStatistics, type Query } from '../api/reads-client';
import { errorText } from '../shell/errors';
import { label } from '../shell/labels';

// Only the parts of ECharts these charts use: the full build would triple the page's JavaScript.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

interface Statistics {
  clues: { total: number; bySource: Record<string, number> };
  referrals: { total: number; bySituation: Record<string, number>; withoutSituation: number };
  persons: { total: number; byRank: Record<string, number>; byOutcome: Record<string, number> };
  /** Units held accountable as units (issue 17 item 8); absent from a server before it. */
  units?: { total: number; byOutcome: Record<string, number> };
  transfersToJudicialOrgans: number;
  typicalCasesPublished: number;
  rectification: { total: number; closed: number; closeRate: number | null };
  lookBacks: { completed: number; failed: number; failureRate: number | null };
  countiesWithoutReferrals: string[];
  byCounty: {
    regionId: string;
    clues: number;
    referrals: number;
    referralsSent: number;
    persons: number;
    rectificationItems: number;
  }[];
}

const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

const bar = (title: string, entries: [string, number][]) => ({
  title: { text: title },
  tooltip: {},
  grid: { left: 140, right: 20, top: 10, bottom: 20 },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', data: entries.map(([k]) => k), inverse: true },
  series: [{ type: 'bar', data: entries.map(([, v]) => v), itemStyle: { color: '#b7202e' } }],
});

const CountTable = ({ title, group, counts }: { title: string; group: string; counts: Record<string, number> }) => (
  <Table
    size="small"
    pagination={false}
    rowKey="code"
    dataSource={Object.entries(counts).map(([code, count]) => ({ code, name: label(group, code), count }))}
    columns={[
      { title, dataIndex: 'name' },
      { title: '数量', dataIndex: 'count', align: 'right' },
    ]}
  />
);

const StatisticsPage = () => {
  const [query, setQuery] = useState<Query>({});
  const [stats, setStats] = useState<Statistics>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getStatistics(query)
      .then((s) => setStats(s as unknown as Statistics))
      .catch((e: unknown) => setError(errorText(e)));
  }, [query]);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        统计
      </Typography.Title>
      <Space wrap>
        <span>期间</span>
        <DatePicker.RangePicker
          aria-label="统计期间"
          onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
            setQuery((q) => ({ ...q, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') }))
          }
        />
        <span>地区</span>
        <Select
          aria-label="地区"
          allowClear
          style={{ width: 160 }}
          placeholder="全市"
          onChange={(county?: string) => setQuery((q) => ({ ...q, county }))}
          options={['panjin/shuangtaizi', 'panjin/xinglongtai', 'panjin/dawa', 'panjin/panshan'].map((c) => ({
            value: c,
            label: label('region', c),
          }))}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {stats && (
        <>
          <Row gutter={16}>
            <Col span={4}>
              <Card>
                <Statistic title="线索总数" value={stats.clues.total} />
              </Card>
            </Col>
            <Col span={4}>
              <Card>
                <Statistic title="移送件数" value={stats.referrals.total} />
              </Card>
            </Col>
            <Col span={4}>
              <Card>
                <Statistic title="处理人数" value={stats.persons.total} />
              </Card>
            </Col>
            <Col span={4}>
              <Card>
                <Statistic title="移送司法机关" value={stats.transfersToJudicialOrgans} />
              </Card>
            </Col>
            <Col span={4}>
              <Card>
                <Statistic title="整改销号率" value={percent(stats.rectification.closeRate)} />
              </Card>
            </Col>
            <Col span={4}>
              <Card>
                <Statistic title="回头看未通过率" value={percent(stats.lookBacks.failureRate)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title="线索来源">
                <ReactEChartsCore
                  echarts={echarts}
                  style={{ height: 360 }}
                  option={bar(
                    '',
                    Object.entries(stats.clues.bySource).map(([k, v]) => [label('clueSource', k), v]),
                  )}
                />
                <CountTable title="来源" group="clueSource" counts={stats.clues.bySource} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="各地区情况">
                <ReactEChartsCore
                  echarts={echarts}
                  style={{ height: 260 }}
                  option={{
                    tooltip: {},
                    legend: { data: ['线索', '移送', '整改事项'] },
                    xAxis: { type: 'category', data: stats.byCounty.map((c) => label('region', c.regionId)) },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { name: '线索', type: 'bar', data: stats.byCounty.map((c) => c.clues) },
                      { name: '移送', type: 'bar', data: stats.byCounty.map((c) => c.referrals) },
                      { name: '整改事项', type: 'bar', data: stats.byCounty.map((c) => c.rectificationItems) },
                    ],
                  }}
                />
                <Table
                  size="small"
                  pagination={false}
                  rowKey="regionId"
                  dataSource={stats.byCounty}
                  columns={[
                    { title: '地区', dataIndex: 'regionId', render: (v: string) => label('region', v) },
                    { title: '线索', dataIndex: 'clues', align: 'right' },
                    { title: '移送', dataIndex: 'referrals', align: 'right' },
                    { title: '本级移送', dataIndex: 'referralsSent', align: 'right' },
                    { title: '处理人数', dataIndex: 'persons', align: 'right' },
                    { title: '整改事项', dataIndex: 'rectificationItems', align: 'right' },
                  ]}
                />
                <Typography.Paragraph style={{ marginTop: 8 }}>
                  零移送地区（本级未移送）：
                  {stats.countiesWithoutReferrals.map((c) => label('region', c)).join('、') || '无'}
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Card title="移送情形">
                <CountTable title="情形" group="situation" counts={stats.referrals.bySituation} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title="处理结果">
                <CountTable title="处理方式" group="outcome" counts={stats.persons.byOutcome} />
              </Card>
              {stats.units && (
                <Card title={`问责单位（${stats.units.total} 个）`}>
                  <CountTable title="单位处理方式" group="outcome" counts={stats.units.byOutcome} />
                </Card>
              )}
            </Col>
            <Col xs={24} lg={8}>
              <Card title="干部层级">
                <CountTable title="层级" group="cadreRank" counts={stats.persons.byRank} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
};

export default StatisticsPage;
