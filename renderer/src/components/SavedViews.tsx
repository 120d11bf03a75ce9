// A user's saved views for a screen: pick one to apply its filters, save the current filters
// under a name, rename or delete one. Stored in the archive by the core (views.*), per user.
import { App, Button, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../../../shared/work-contract';
import { call } from '../api/bridge';
import { useCall } from './useCall';

type Filters = SavedView['filters'];

export function SavedViews({ screen, filters, onApply }: { screen: SavedView['screen']; filters: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [views, setViews] = useState<SavedView[]>([]);
  const [current, setCurrent] = useState<number | null>(null);
  // the view being named: a new one (id undefined) or one renamed
  const [naming, setNaming] = useState<{ id?: number; name: string; filters: Filters } | null>(null);
  const [managing, setManaging] = useState(false);
  const load = useCallback(() => void run(async () => setViews(await call('views.list', { screen }))), [run, screen]);
  useEffect(load, [load]);

  const save = async () => {
    if (!naming?.name.trim()) return;
    await run(async () => {
      const v = await call('views.save', { id: naming.id, screen, name: naming.name.trim(), filters: naming.filters });
      message.success(t('views.savedOk', { name: v.name }));
      setNaming(null);
      setCurrent(v.id);
      load();
    });
  };
  const remove = (id: number) =>
    run(async () => {
      await call('views.delete', { id });
      message.success(t('views.deleted'));
      if (current === id) setCurrent(null);
      load();
    });

  return (
    <Space.Compact>
      <Select
        allowClear
        placeholder={t('views.saved')}
        aria-label={t('views.saved')}
        data-testid={`views-${screen}`}
        style={{ width: 200 }}
        value={current}
        notFoundContent={t('views.none')}
        options={views.map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id: number | undefined) => {
          setCurrent(id ?? null);
          const v = views.find((x) => x.id === id);
          if (v) onApply(v.filters);
        }}
      />
      <Button icon={<SaveOutlined />} onClick={() => setNaming({ name: '', filters })} data-testid="view-save">
        {t('views.save')}
      </Button>
      <Button icon={<SettingOutlined />} onClick={() => setManaging(true)} aria-label={t('views.manage')} title={t('views.manage')} data-testid="view-manage" />
      <Modal
        open={!!naming}
        title={naming?.id ? t('views.rename') : t('views.saveTitle')}
        onOk={save}
        onCancel={() => setNaming(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !naming?.name.trim(), 'data-testid': 'view-name-ok' } as { disabled: boolean }}
        destroyOnHidden
      >
        <Input autoFocus placeholder={t('views.name')} aria-label={t('views.name')} maxLength={80} value={naming?.name ?? ''} onChange={(e) => setNaming((n) => n && { ...n, name: e.target.value })} onPressEnter={save} data-testid="view-name" />
      </Modal>
      <Modal open={managing} title={t('views.manage')} footer={null} onCancel={() => setManaging(false)} destroyOnHidden>
        <Table<SavedView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={views}
          locale={{ emptyText: t('views.none') }}
          data-testid="views-table"
          columns={[
            { title: t('views.name'), dataIndex: 'name' },
            {
              width: 190,
              render: (_v, v) => (
                <Space>
                  <Button size="small" onClick={() => setNaming({ id: v.id, name: v.name, filters: v.filters })}>
                    {t('views.rename')}
                  </Button>
                  <Popconfirm title={t('views.confirmDelete', { name: v.name })} okText={t('confirm.ok')} cancelText={t('confirm.cancel')} onConfirm={() => remove(v.id)}>
                    <Button size="small" danger>
                      {t('views.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Modal>
    </Space.Compact>
  );
}
