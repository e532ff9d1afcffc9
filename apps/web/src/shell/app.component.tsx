import { Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { isCaseKind, type CaseKind } from '../api/case-kinds';
import { currentUser, logout, onSessionChange, type SessionUser } from '../api/api-client';
import { AccountSetupPage } from '../pages/account-setup.page';
import { LoginPage } from '../pages/login.page';
import { WorkPage } from '../pages/work.page';
import { label, loadCatalogue } from './labels';
import { navigate, useLocation } from './router';

// Only 我的待办 (the first page after login) comes with the entry; each other page loads when opened.
const CasePage = lazy(async () => ({ default: (await import('../pages/case.page')).CasePage }));
const LedgersPage = lazy(() => import('../pages/ledgers.page'));
const StatisticsPage = lazy(() => import('../pages/statistics.page'));
const AnnualReportPage = lazy(() => import('../pages/annual-report.page'));
const AuditPage = lazy(() => import('../pages/audit.page'));
const AccountsPage = lazy(() => import('../pages/accounts.page'));
const LogsPage = lazy(() => import('../pages/logs.page'));

/**
 * Which sections a role sees in the menu; the API still decides what each page may show. The
 * security and audit administrators (三员分立) see no case, so no list that would answer 403: only
 * their own duty, which is also their first page.
 */
const sectionsOf = (role: string): { key: string; label: string }[] => {
  if (role === 'SecurityAdministrator') return [{ key: '/accounts', label: '用户管理' }];
  if (role === 'AuditAdministrator') return [{ key: '/logs', label: '日志审计' }];
  const sections = [{ key: '/', label: '我的待办' }];
  if (role !== 'Administrator' && role !== 'Auditor') sections.push({ key: '/ledgers', label: '台账' });
  if (role !== 'Administrator' && role !== 'EnforcementAgency') {
    sections.push({ key: '/statistics', label: '统计' });
    sections.push({ key: '/annual-report', label: '年度报告' });
  }
  if (role === 'Auditor') sections.push({ key: '/audit', label: '审计' });
  if (role === 'Administrator') sections.push({ key: '/accounts', label: '用户管理' });
  return sections;
};

const Page = ({ path, home }: { path: string; home: string }) => {
  const caseMatch = /^\/cases\/([a-z]+)\/([^/]+)$/.exec(path);
  if (caseMatch && isCaseKind(caseMatch[1] ?? '')) {
    const kind = caseMatch[1] as CaseKind;
    const id = decodeURIComponent(caseMatch[2] ?? '');
    return <CasePage key={`${kind}/${id}`} kind={kind} id={id} />;
  }
  if (path === '/' && home !== '/') return <Page path={home} home={home} />;
  if (path === '/') return <WorkPage />;
  if (path === '/ledgers') return <LedgersPage />;
  if (path === '/statistics') return <StatisticsPage />;
  if (path === '/annual-report') return <AnnualReportPage />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/accounts') return <AccountsPage />;
  if (path === '/logs') return <LogsPage />;
  return <Result status="404" title="页面不存在" extra={<Button onClick={() => navigate('/')}>返回我的待办</Button>} />;
};

export const App = () => {
  const [user, setUser] = useState<SessionUser | undefined>(currentUser());
  const [notice, setNotice] = useState<string>();
  // The page's own requests go out beside the catalogue's, not after it: until the labels arrive
  // it shows the built-in ones (labels.ts), then renders again with the API's.
  const [, setLabelsLoaded] = useState(false);
  const { path } = useLocation();
  useEffect(() => onSessionChange(setUser), []);
  useEffect(() => {
    if (user) setNotice(undefined);
  }, [user]);
  // Not while the account must first change its password or enrol: every read answers 403 until then.
  const ready = !!user && !user.passwordChangeDue && !user.secondFactorEnrolmentDue;
  useEffect(() => {
    if (ready) void loadCatalogue().then(() => setLabelsLoaded(true));
  }, [ready]);

  if (!user) return <LoginPage notice={notice} />;
  if (user.passwordChangeDue || user.secondFactorEnrolmentDue)
    return (
      <AccountSetupPage
        user={user}
        onPasswordChanged={() => {
          setNotice('口令已修改，请用新口令登录。');
          void logout().then(() => navigate('/'));
        }}
      />
    );
  const sections = sectionsOf(user.role);
  const home = sections[0]?.key ?? '/';
  const shown = path === '/' ? home : path;
  const selected = sections.find((s) => s.key !== '/' && shown.startsWith(s.key))?.key ?? (shown === '/' ? '/' : '');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          行纪衔接工作台
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          items={sections}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            {user.displayName ?? user.username}（{label('role', user.role)}）
          </Typography.Text>
          <Button onClick={() => void logout().then(() => navigate('/'))}>退出</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <main>
          <Suspense fallback={<Spin />}>
            <Page path={path} home={home} />
          </Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
};
