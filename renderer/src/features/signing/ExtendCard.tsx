// The long-term archive card of the signing page: every signed copy of the officer's units
// brought to PAdES B-LTA (validation data and a new archive timestamp) in one job, with
// progress, time left and Stop; copies whose last timestamp holds past the margin are left.
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/bridge';
import { JobCard, useJob } from '../../components/JobCard';
import { useCall } from '../../components/useCall';

export function ExtendCard() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [job, setJob] = useJob('extend');
  const [tsa, setTsa] = useState<string | null | undefined>(undefined);
  const [signed, setSigned] = useState<number | null>(null);
  const running = !!job && (job.state === 'running' || job.state === 'queued');
  useEffect(() => {
    void run(() => call('signing.config', {}).then((c) => setTsa(c.tsaUrl)));
    void run(() => call('documents.list', { status: 'signed', limit: 1 }).then((r) => setSigned(r.total)));
  }, [job?.state]); // eslint-disable-line react-hooks/exhaustive-deps
  const start = () =>
    run(async () => {
      const { jobId } = await call('signing.extend', {});
      setJob(await call('jobs.get', { id: jobId }));
    });
  const words = (c: (s: 'signed' | 'duplicate' | 'error') => number) => ({ extended: c('signed'), current: c('duplicate'), failed: c('error') });
  return (
    <Card title={t('extend.title')} data-testid="extend-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('extend.hint')}
        </Typography.Paragraph>
        {tsa === null && <Alert type="info" showIcon message={t('extend.noTsa')} data-testid="extend-no-tsa" />}
        {signed === 0 && <Typography.Text type="secondary">{t('extend.none')}</Typography.Text>}
        <Button type="primary" ghost disabled={!tsa || !signed || running} onClick={start} data-testid="extend-start">
          {t('extend.start', { count: signed ?? 0 })}
        </Button>
        {job && (
          <JobCard
            job={job}
            onChange={setJob}
            testId="extend-job"
            title={running ? t('extend.running', { done: job.done, total: job.total }) : t('extend.result', { total: job.total })}
            itemTitle={t('day.colDocument')}
            resultLabel={(s) => t(`extend.status.${s}`)}
            summary={(c) => t('extend.done', words(c))}
            stoppedSummary={(c, notDone) => t('extend.stopped', { ...words(c), notDone })}
          />
        )}
      </Space>
    </Card>
  );
}
