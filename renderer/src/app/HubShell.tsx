// The province hub's signed-in frame: the hub's name, a menu from the hub role's screens
// (shared/hub-roles.ts), the shared coverage dashboard read from the hub, the reuse lookup,
// and the hub admin's desks, accounts and audit check.
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { AuditOutlined, DashboardOutlined, DesktopOutlined, FileSearchOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { CoveragePage } from '../features/coverage/CoveragePage';
import { HubAccountsPage } from '../features/hub/HubAccountsPage';
import { HubAuditPage } from '../features/hub/HubAuditPage';
import { DesksPage } from '../features/hub/DesksPage';
import { LookupPage } from '../features/hub/LookupPage';
import { useHubMode } from './hub-mode';
import { asHubUser, dashboardViewer, hubScreens } from './hub-session';
import { LanguageSwitch } from './LanguageSwitch';
import { navigate, useRoute } from './router';
import { SessionContext } from './session';

const ICONS: Record<string, ReactNode> = {
  coverage: <DashboardOutlined />,
  lookup: <FileSearchOutlined />,
  desks: <DesktopOutlined />,
  accounts: <TeamOutlined />,
  hubAudit: <AuditOutlined />,
};

export function HubShell({ user, signOut }: { user: SessionUser; signOut: () => void }) {
  const { t } = useTranslation();
  const hub = useHubMode();
  const route = useRoute();
  const me = asHubUser(user);
  const { screens, screen } = hubScreens(me, route[0]);
  const page = {
    coverage: <CoveragePage />,
    lookup: <LookupPage />,
    desks: <DesksPage />,
    accounts: <HubAccountsPage />,
    hubAudit: <HubAuditPage />,
  }[screen];

  return (
    <SessionContext.Provider value={{ user: dashboardViewer(me), signOut }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider width={248} theme="light" style={{ borderRight: '1px solid #eee' }}>
          <div style={{ padding: '18px 20px 10px' }}>
            <Typography.Title level={4} style={{ margin: 0, color: '#b4232c' }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="hub-name">
              {hub?.hubName}
            </Typography.Text>
          </div>
          <Menu mode="inline" selectedKeys={[screen]} items={screens.map((s) => ({ key: s, icon: ICONS[s], label: t(`hub.nav.${s}`) }))} onClick={(e) => navigate(e.key)} />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #eee', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
            <Space size="large">
              {screen === 'coverage' && <Tag color="green">{t('hub.live')}</Tag>}
              <Typography.Text type="secondary">
                {t('header.unit')}: <b>{me.unitName}</b>
              </Typography.Text>
              <LanguageSwitch />
              <Dropdown menu={{ items: [{ key: 'out', label: t('header.signOut'), onClick: signOut }] }}>
                <Button data-testid="user-menu">
                  {me.fullName} · {t(`hub.roles.${me.role}`)}
                </Button>
              </Dropdown>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>{page}</Layout.Content>
        </Layout>
      </Layout>
    </SessionContext.Provider>
  );
}
