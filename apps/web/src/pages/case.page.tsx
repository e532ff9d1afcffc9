import { Alert, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getCase, getHistory, type CaseKind, type CaseView, type HistoryEntry } from '../api/api-client';
import { HAS_FILES } from '../api/case-kinds';
import { ActionPanel } from '../forms/action-panel.component';
import { AccountabilityDecision, AccountabilityFacts } from './accountability-sections.component';
import { errorText } from '../shell/errors';
import { CaseFiles } from './case-files.component';
import { kindLabel } from '../shell/labels';
import {
  CaseFacts,
  CaseTimeline,
  Deadlines,
  LinkedCases,
  RectificationRecords,
  Situations,
  Subjects,
} from './case-sections.component';

const H2 = ({ children }: { children: string }) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {children}
  </Typography.Title>
);

/** A clue, a referral, a rectification item or an accountability case: its state in plain Chinese, its timeline and what the user may do now. */
export const CasePage = ({ kind, id }: { kind: CaseKind; id: string }) => {
  const [view, setView] = useState<CaseView>();
  const [history, setHistory] = useState<readonly HistoryEntry[]>([]);
  const [error, setError] = useState<unknown>();
  const load = useCallback(async (): Promise<void> => {
    try {
      const [current, events] = await Promise.all([getCase(kind, id), getHistory(kind, id)]);
      setView(current);
      setHistory(events.entries);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [kind, id]);
  useEffect(() => void load(), [load]);

  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title="未找到该案件" subTitle="该案件不存在，或不在您的查看范围内。" />;
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!view) return <Skeleton active />;
  const state = view.state;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {kindLabel(kind)} {id}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={<H2>基本情况</H2>}>
              {kind === 'accountability' ? (
                <AccountabilityFacts state={state} />
              ) : (
                <CaseFacts kind={kind} state={state} />
              )}
            </Card>
            {kind === 'accountability' ? (
              <Card title={<H2>追责对象与处理</H2>}>
                <AccountabilityDecision state={state} />
              </Card>
            ) : kind === 'rectification' ? (
              // An item is about the matter (对事), not persons: what was reported and how it was judged.
              <Card title={<H2>整改与评估</H2>}>
                <RectificationRecords state={state} />
              </Card>
            ) : (
              <>
                <Card title={<H2>被反映人</H2>}>
                  <Subjects state={state} />
                </Card>
                <Card title={<H2>情形研判</H2>}>
                  <Situations state={state} />
                </Card>
              </>
            )}
            {kind !== 'accountability' && (
              <>
                <Card title={<H2>期限</H2>}>
                  <Deadlines state={state} />
                </Card>
                <Card title={<H2>关联案件</H2>}>
                  <LinkedCases kind={kind} state={state} />
                </Card>
              </>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={<H2>可办理事项</H2>}>
              <ActionPanel kind={kind} id={id} revision={view.revision} onDone={load} />
            </Card>
            {HAS_FILES[kind] && (
              <Card title={<H2>证据材料与文书</H2>}>
                <CaseFiles kind={kind} id={id} revision={view.revision} onDone={load} />
              </Card>
            )}
            <Card title={<H2>办理过程</H2>}>
              <CaseTimeline entries={history} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
};
