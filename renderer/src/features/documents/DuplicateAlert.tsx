// A likely copy: another document of the unit with the same number, date and issuing body,
// with the way to open the existing one.
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../../shared/contract';
import { navigate } from '../../app/router';

export function DuplicateAlert({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  if (!doc.duplicates.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-warning"
      style={{ marginBottom: 12 }}
      message={t('day.duplicate', { count: doc.duplicates.length })}
      description={
        <Space wrap>
          {doc.duplicates.map((d) => (
            <Button key={d.id} size="small" onClick={() => navigate(`documents/${d.id}`)}>
              {t('day.openExisting', { id: d.id, title: d.title })}
            </Button>
          ))}
        </Space>
      }
    />
  );
}
