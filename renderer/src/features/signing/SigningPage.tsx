// The signing officer's queue: digitized documents of the unit, previewed on a click,
// selected many at a time and signed in one batch with one PIN (or .p12 password) entry.
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useSession } from '../../app/session';
import { useJob } from '../../components/JobCard';
import { formatDateTime } from '../../format';
import { useCall } from '../../components/useCall';
import { DocumentView } from '../documents/DocumentView';
import { ExtendCard } from './ExtendCard';
import { SignModal } from './SignModal';
import { SignResult } from './SignResult';

export function SigningPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { run } = useCall();
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useJob('sign');
  const result = useRef<HTMLDivElement>(null);
  const load = () => run(() => call('documents.list', { status: 'digitized', sort: 'createdAt', order: 'asc', limit: 500 }).then((r) => (setDocs(r.items), setError(null))), setError);
  useEffect(() => void load(), [job?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {/* the outcome where the officer looks: above the queue, in view as soon as Ký is pressed */}
      {job && (
        <div ref={result} data-testid="sign-result">
          <SignResult job={job} onChange={setJob} />
        </div>
      )}
      <Card
        title={t('signing.title')}
        extra={
          <Button type="primary" disabled={!selected.length} onClick={() => setSigning(true)} data-testid="sign-selected">
            {t('signing.signSelected', { count: selected.length })}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('signing.hint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} />}
        <Table<DocumentSummary>
          rowKey="id"
          size="small"
          dataSource={docs}
          pagination={docs.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: t('signing.empty') }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as number[]),
            getCheckboxProps: (d) => ({ 'aria-label': t('day.selectRow', { title: d.title }) }) as object,
            getTitleCheckboxProps: () => ({ 'aria-label': t('common.selectAll') }),
          }}
          onRow={(d) => ({ onDoubleClick: () => setOpen(d.id) })}
          columns={[
            { title: t('documents.columns.title'), dataIndex: 'title', render: (v, d) => <a onClick={() => setOpen(d.id)}>{v}</a> },
            { title: t('documents.columns.pages'), dataIndex: 'pageCount', width: 90, align: 'right' },
            { title: t('documents.columns.unit'), dataIndex: 'unitName', width: 220 },
            { title: t('documents.columns.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
          ]}
        />
      </Card>
      <ExtendCard />
      {open !== null && <DocumentView id={open} onClose={() => setOpen(null)} />}
      <SignModal
        open={signing}
        documentIds={selected}
        agencyDefault={user.unitName}
        onClose={() => setSigning(false)}
        onStarted={async (jobId) => {
          setSigning(false);
          setSelected([]);
          setJob(await call('jobs.get', { id: jobId }));
          result.current?.scrollIntoView({ block: 'start' });
        }}
      />
    </Space>
  );
}
