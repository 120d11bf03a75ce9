// Who did what, when, to which object: every state-changing action, newest first.
import { Card, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { formatDateTime } from '../../format';
import { AuditChainStatus } from './AuditChainStatus';

const PAGE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; items: AuditRow[] }>({ total: 0, items: [] });
  useEffect(() => void call('audit.list', { offset: (page - 1) * PAGE, limit: PAGE }).then(setData), [page]);
  return (
    <Card title={t('audit.title')}>
      <AuditChainStatus />
      <Table<AuditRow>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        dataSource={data.items}
        pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v) => formatDateTime(v) },
          { title: t('audit.user'), dataIndex: 'username', width: 160, render: (v) => v ?? t('audit.cli') },
          { title: t('audit.action'), dataIndex: 'action', width: 200 },
          { title: t('audit.object'), width: 160, render: (_v, r) => (r.objectType ? `${r.objectType} #${r.objectId}` : '') },
          { title: t('audit.details'), dataIndex: 'details', ellipsis: true },
        ]}
      />
    </Card>
  );
}
