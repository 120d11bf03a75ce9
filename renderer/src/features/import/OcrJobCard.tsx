// The newest text-recognition job: pages read, time left, stop, and a retry of failed pages.
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/bridge';
import { JobCard, useJob } from '../../components/JobCard';
import { useCall } from '../../components/useCall';

export function OcrJobCard() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [job, setJob] = useJob('ocr', { follow: true });
  if (!job) return null;
  const failed = job.outcomes.filter((o) => o.status === 'error').length;
  const finished = job.state !== 'running' && job.state !== 'queued';
  return (
    <div>
      <JobCard
        job={job}
        onChange={setJob}
        testId="ocr-job"
        itemTitle={t('day.colPage')}
        title={t('ocr.jobTitle', { done: job.done - job.outcomes.filter((o) => o.status === 'cancelled').length, total: job.total })}
        summary={(count) => t('ocr.done', { ok: count('imported'), failed: count('error') })}
        stoppedSummary={(count, notRead) => t('day.ocrStopped', { ok: count('imported'), failed: count('error'), notRead })}
        resultLabel={(s) => (s === 'imported' ? t('ocr.pageRead') : s === 'cancelled' ? t('day.notRead') : t(`import.result.${s}`))}
      />
      {finished && failed > 0 && (
        <Button style={{ marginTop: 8 }} onClick={() => run(async () => setJob(await call('jobs.get', { id: (await call('ocr.retry', { jobId: job.id })).jobId })))} data-testid="ocr-retry">
          {t('ocr.retry')}
        </Button>
      )}
    </div>
  );
}
