// Máy trạm: the desks enrolled with the hub (when each last sent, how far the hub has
// acknowledged), and a one-time enrolment code for a unit's new desk, shown once with its
// expiry, the hub's address and the TLS fingerprint the desk pins.
import { Alert, Button, Card, Descriptions, Form, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../components/useCall';
import { hubCall, type HubDesk } from './hub-api';
import { HubUnitSelect } from './HubUnitSelect';

const when = (iso: string | null) => (iso ? dayjs(iso).format('DD/MM/YYYY HH:mm') : null);
/** In groups of four, as the desk's sync screen shows it, so two people can read it out to each other; copied whole. */
const grouped = (fp: string) => fp.match(/.{1,4}/g)?.join(' ') ?? fp;

export function DesksPage() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [desks, setDesks] = useState<HubDesk[] | null>(null);
  const reload = useCallback(() => void run(() => hubCall('hub.desks', {}).then(setDesks)), [run]);
  useEffect(reload, [reload]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <EnrolmentCodeCard onCreated={reload} />
      <Card title={t('hub.desks.title')}>
        <Table<HubDesk>
          data-testid="desks"
          rowKey="id"
          size="small"
          loading={!desks}
          dataSource={desks ?? []}
          pagination={false}
          columns={[
            { title: t('hub.desks.name'), dataIndex: 'name', render: (v, d) => (d.revokedAt ? <Space>{v}<Tag>{t('hub.desks.revoked')}</Tag></Space> : v) },
            { title: t('hub.desks.unit'), render: (_v, d) => `${d.unitName} (${d.unitCode})` },
            { title: t('hub.desks.enrolledAt'), dataIndex: 'enrolledAt', width: 150, render: when },
            { title: t('hub.desks.lastSeen'), dataIndex: 'lastSeen', width: 150, render: (v) => when(v) ?? <Typography.Text type="secondary">{t('hub.desks.never')}</Typography.Text> },
            { title: t('hub.desks.acked'), dataIndex: 'acked', width: 130, align: 'right' },
            { title: t('hub.desks.fingerprint'), dataIndex: 'keyFingerprint', ellipsis: true, render: (v) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: '',
              width: 110,
              render: (_v, d) =>
                d.revokedAt ? null : (
                  <Popconfirm title={t('hub.desks.revokeConfirm')} onConfirm={() => run(() => hubCall('hub.revokeDesk', { deskId: d.id }).then(reload))}>
                    <Button danger size="small">
                      {t('hub.desks.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function EnrolmentCodeCard({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const [info, setInfo] = useState<{ fingerprint: string } | null>(null);
  const [made, setMade] = useState<{ code: string; expiresAt: string } | null>(null);
  useEffect(() => void run(() => hubCall('hub.info', {}).then(setInfo)), [run]);
  const create = (v: { unitId: number; validHours: number }) =>
    run(async () => {
      setMade(await hubCall('hub.enrolmentCode', v));
      onCreated();
    });
  return (
    <Card title={t('hub.desks.newCode')}>
      <Form layout="inline" initialValues={{ validHours: 72 }} onFinish={create}>
        <Form.Item name="unitId" label={t('hub.desks.pickUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <HubUnitSelect style={{ width: 420 }} aria-label={t('hub.desks.pickUnit')} />
        </Form.Item>
        <Form.Item name="validHours" label={t('hub.desks.validHours')}>
          <InputNumber min={1} max={720} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="create-code">
          {t('hub.desks.create')}
        </Button>
      </Form>
      {made && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          message={t('hub.desks.codeTitle')}
          description={
            <>
              <Typography.Paragraph type="secondary">{t('hub.desks.codeHint')}</Typography.Paragraph>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('hub.desks.code')}>
                  <Typography.Text code copyable strong style={{ fontSize: 18 }} data-testid="enrolment-code">
                    {made.code}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('hub.desks.expiresAt')}>{when(made.expiresAt)}</Descriptions.Item>
                <Descriptions.Item label={t('hub.desks.hubAddress')}>
                  <Typography.Text copyable>{window.location.origin}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('hub.desks.hubFingerprint')}>
                  {info && (
                    <Typography.Text code copyable={{ text: info.fingerprint }} data-testid="hub-fingerprint">
                      {grouped(info.fingerprint)}
                    </Typography.Text>
                  )}
                </Descriptions.Item>
              </Descriptions>
            </>
          }
        />
      )}
    </Card>
  );
}
