// The scanner's output folder the app watches: where it is, whether it is watched, whose unit
// the files go to (the user's), and whether they are read by OCR after import.
import { Alert, App, Button, Card, Checkbox, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotFolder } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useErrorText } from '../../i18n';

export function HotFolderCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [cfg, setCfg] = useState<HotFolder | null>(null);
  useEffect(() => {
    call('hotfolder.get', {}).then(setCfg).catch(() => null);
  }, []);
  if (!cfg) return null;
  const save = async () => {
    try {
      setCfg(await call('hotfolder.set', { dir: cfg.dir?.trim() || null, enabled: cfg.enabled, unitId: cfg.unitId, ocr: cfg.ocr }));
      message.success(t('hot.saved'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card title={t('hot.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('hot.hint')}</Typography.Text>
        <Input aria-label={t('hot.dir')} placeholder={t('hot.dir')} value={cfg.dir ?? ''} onChange={(e) => setCfg({ ...cfg, dir: e.target.value })} />
        <Space>
          <Checkbox checked={cfg.enabled} onChange={(e) => setCfg({ ...cfg, enabled: e.target.checked })}>
            {t('hot.enabled')}
          </Checkbox>
          <Checkbox checked={cfg.ocr} onChange={(e) => setCfg({ ...cfg, ocr: e.target.checked })}>
            {t('hot.ocr')}
          </Checkbox>
          <Button onClick={save}>{t('hot.save')}</Button>
        </Space>
        {cfg.error && <Alert type="error" showIcon message={cfg.error} />}
      </Space>
    </Card>
  );
}
