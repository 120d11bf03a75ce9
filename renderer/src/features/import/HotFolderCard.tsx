// The scanner's output folder the app watches for a unit: where it is, whether it is watched,
// and whether its files are read by OCR after import. Set by an administrator (the app moves
// files out of it); everyone who imports sees their unit's folder and whether it works.
import { Alert, App, Button, Card, Checkbox, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotFolder, Unit } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useSession } from '../../app/session';
import { useCall } from '../../components/useCall';

export function HotFolderCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const { user } = useSession();
  const admin = user.role === 'admin';
  const [cfg, setCfg] = useState<HotFolder | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const load = (unitId?: number) => run(() => call('hotfolder.get', unitId ? { unitId } : {}).then(setCfg));
  useEffect(() => {
    void load();
    if (admin) call('units.list', {}).then(setUnits).catch(() => null);
    // read once when the card opens; a change is saved and re-read by its own handlers
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  if (!cfg) return null;
  const save = () =>
    run(async () => {
      setCfg(await call('hotfolder.set', { dir: cfg.dir?.trim() || null, enabled: cfg.enabled, unitId: cfg.unitId, ocr: cfg.ocr }));
      message.success(t('hot.saved'));
    });
  return (
    <Card title={t('hot.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('hot.hint')}</Typography.Text>
        {admin ? (
          <Select
            aria-label={t('access.hotUnit')}
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            value={cfg.unitId}
            onChange={(id: number) => void load(id)}
            options={units.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('access.hotReadOnly')}</Typography.Text>
        )}
        <Input aria-label={t('hot.dir')} placeholder={t('hot.dir')} value={cfg.dir ?? ''} disabled={!admin} onChange={(e) => setCfg({ ...cfg, dir: e.target.value })} />
        <Space>
          <Checkbox checked={cfg.enabled} disabled={!admin} onChange={(e) => setCfg({ ...cfg, enabled: e.target.checked })}>
            {t('hot.enabled')}
          </Checkbox>
          <Checkbox checked={cfg.ocr} disabled={!admin} onChange={(e) => setCfg({ ...cfg, ocr: e.target.checked })}>
            {t('hot.ocr')}
          </Checkbox>
          {admin && <Button onClick={save}>{t('hot.save')}</Button>}
        </Space>
        {cfg.error && <Alert type="error" showIcon message={cfg.error} />}
      </Space>
    </Card>
  );
}
