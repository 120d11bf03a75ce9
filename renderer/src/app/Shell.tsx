// The signed-in frame: a menu built from the role's screens, the user's unit, language and sign-out.
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FolderOpenOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  TeamOutlined,
  FileSearchOutlined,
  DatabaseOutlined,
  CloudSyncOutlined,
  GlobalOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREENS_BY_ROLE } from '../../../shared/roles';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { AuditPage } from '../features/audit/AuditPage';
import { CoveragePage } from '../features/coverage/CoveragePage';
import { RegisterPage } from '../features/register/RegisterPage';
import { SigningPage } from '../features/signing/SigningPage';
import { TrustPage } from '../features/trust/TrustPage';
import { DocumentsPage } from '../features/documents/DocumentsPage';
import { ImportPage } from '../features/import/ImportPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { UsersPage } from '../features/users/UsersPage';
import { MaintenancePage } from '../features/maintenance/MaintenancePage';
import { SyncPage } from '../features/sync/SyncPage';
import { DeskLookupPage } from '../features/sync/DeskLookupPage';
import { WorkPage } from '../features/work/WorkPage';
import { LanguageSwitch } from './LanguageSwitch';
import { navigate, useRoute } from './router';
import { useSession } from './session';

const ICONS: Record<string, ReactNode> = {
  coverage: <DashboardOutlined />,
  signing: <SafetyCertificateOutlined />,
  trust: <SafetyOutlined />,
  register: <BookOutlined />,
  documents: <FolderOpenOutlined />,
  work: <ScheduleOutlined />,
  import: <CloudUploadOutlined />,
  review: <FileSearchOutlined />,
  units: <ApartmentOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  maintenance: <DatabaseOutlined />,
  sync: <CloudSyncOutlined />,
  lookup: <GlobalOutlined />,
};

export function Shell() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const route = useRoute();
  const [pwOpen, setPwOpen] = useState(false);
  const screens = SCREENS_BY_ROLE[user.role];
  const screen = screens.includes(route[0]) ? route[0] : screens[0];

  const page = {
    coverage: <CoveragePage />,
    signing: <SigningPage />,
    trust: <TrustPage />,
    register: <RegisterPage />,
    documents: <DocumentsPage openId={route[0] === 'documents' && route[1] ? Number(route[1]) : null} />,
    work: <WorkPage />,
    import: <ImportPage />,
    review: <ReviewPage openId={route[0] === 'review' && route[1] ? Number(route[1]) : null} />,
    units: <UnitsPage />,
    users: <UsersPage />,
    audit: <AuditPage />,
    maintenance: <MaintenancePage />,
    sync: <SyncPage />,
    lookup: <DeskLookupPage />,
  }[screen];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={232} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '18px 20px 10px' }}>
          <Typography.Title level={4} style={{ margin: 0, color: '#b4232c' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('app.tagline')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[screen]}
          items={screens.map((s) => ({ key: s, icon: ICONS[s], label: t(`nav.${s}`) }))}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #eee', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
          <Space size="large">
            <Typography.Text type="secondary">
              {t('header.unit')}: <b>{user.unitName}</b>
            </Typography.Text>
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'pw', label: t('header.changePassword'), onClick: () => setPwOpen(true) },
                  { key: 'out', label: t('header.signOut'), onClick: signOut },
                ],
              }}
            >
              <Button data-testid="user-menu">
                {user.fullName} · {t(`roles.${user.role}`)}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{page}</Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
