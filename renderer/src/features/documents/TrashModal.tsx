// "Thùng rác": the deleted documents the user's units may restore (30 days), restored one by
// one or together; an admin may empty it for good.
import { App, Button, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrashItem } from '../../../../shared/safety-contract';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';
import { formatDateTime } from '../../format';

export function TrashModal({ open, admin, onClose }: { open: boolean; admin: boolean; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [items, setItems] = useState<TrashItem[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const [changed, setChanged] = useState(false);
  const load = () => run(() => call('trash.list', {}).then(setItems));
  useEffect(() => {
    if (open) void (setSelected([]), setChanged(false), load());
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const restore = (ids: number[]) =>
    run(async () => {
      await call('trash.restore', { ids });
      message.success(t('trash.restored', { count: ids.length }));
      setChanged(true);
      setSelected([]);
      await load();
    });
  const empty = () =>
    run(async () => {
      const r = await call('trash.empty', {});
      message.success(t('trash.emptied', { count: r.removed }));
      await load();
    });
  return (
    <Modal open={open} title={t('trash.title')} width={1000} onCancel={() => onClose(changed)} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('trash.hint', { days: 30 })}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={!selected.length} onClick={() => restore(selected)} data-testid="trash-restore-selected">
          {t('trash.restore')} ({selected.length})
        </Button>
        {admin && (
          <Popconfirm title={t('trash.confirmEmpty', { count: items.length })} okText={t('confirm.ok')} cancelText={t('confirm.cancel')} onConfirm={empty} disabled={!items.length}>
            <Button danger disabled={!items.length} data-testid="trash-empty">
              {t('trash.emptyAll')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Table<TrashItem>
        rowKey="id"
        size="small"
        data-testid="trash-table"
        dataSource={items}
        locale={{ emptyText: t('trash.empty') }}
        pagination={items.length > 50 ? { pageSize: 50 } : false}
        rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) }}
        columns={[
          { title: t('documents.columns.title'), dataIndex: 'title', render: (v: string, r) => `#${r.id} ${v}` },
          { title: t('documents.columns.unit'), dataIndex: 'unitName', width: 180 },
          { title: t('trash.deletedAt'), dataIndex: 'deletedAt', width: 160, render: (v: string) => formatDateTime(v) },
          { title: t('trash.deletedBy'), dataIndex: 'deletedBy', width: 150 },
          { title: t('trash.expiresAt'), dataIndex: 'expiresAt', width: 160, render: (v: string) => formatDateTime(v) },
          {
            title: '',
            width: 110,
            render: (_v, r) => (
              <Button size="small" onClick={() => restore([r.id])} data-testid={`trash-restore-${r.id}`}>
                {t('trash.restore')}
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}
