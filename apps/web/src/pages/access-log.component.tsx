import { Alert, Button, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { CASE_KINDS, type CaseKind } from '../api/case-kinds';
import { getAccessLog, type Row } from '../api/reads-client';
import { errorText } from '../shell/errors';
import { dateTime } from '../shell/format';
import { kindLabel, label } from '../shell/labels';

/**
 * The kinds the audit reads know (history, as-of, the access log's `caseKind`): every kind of case.
 * Read when rendered: the labels arrive with the catalogue.
 */
export const caseKindOptions = (): { value: CaseKind; label: string }[] =>
  CASE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }));

/** Who read what: by case or by reader, within a period. */
export const AccessLog = () => {
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<string>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form
        layout="inline"
        // The API reads a case by kind and id together: the kind starts as 问题线索 and is sent only with an id.
        initialValues={{ caseKind: 'clue' }}
        onFinish={(v: { caseKind?: string; caseId?: string; userId?: string }) =>
          void getAccessLog({
            caseKind: v.caseId ? v.caseKind : undefined,
            caseId: v.caseId || undefined,
            userId: v.userId || undefined,
            limit: 200,
          }).then(
            (page) => {
              setRows(page.entries);
              setError(undefined);
            },
            (e: unknown) => setError(errorText(e)),
          )
        }
      >
        <Form.Item name="caseKind" label="案件类型">
          <Select allowClear options={caseKindOptions()} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="caseId" label="案件编号">
          <Input style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="userId" label="查阅人">
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          查询
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {rows && (
        <Table<Row>
          size="small"
          rowKey={(_, i) => String(i)}
          dataSource={rows}
          columns={[
            { title: '时间', key: 'at', render: (_, r) => dateTime(String(r.at ?? '')) },
            {
              title: '查阅人',
              key: 'user',
              render: (_, r) => {
                const reader = (r.reader ?? {}) as { userId?: string; role?: string };
                return `${reader.userId ?? ''}（${label('role', reader.role)}）`;
              },
            },
            {
              title: '对象',
              key: 'target',
              render: (_, r) => {
                const target = (r.target ?? {}) as { kind?: string; id?: string };
                return `${target.kind === 'user' ? '用户' : kindLabel(target.kind ?? '')} ${target.id ?? ''}`;
              },
            },
            { title: '操作', key: 'action', render: (_, r) => label('accessAction', String(r.action ?? '')) },
            { title: '结果', key: 'outcome', render: (_, r) => label('accessOutcome', String(r.outcome ?? '')) },
          ]}
        />
      )}
    </Space>
  );
};
