// A sign batch's outcome as the officer reads it: one count (signed of chosen), a red line when
// nothing was signed, the certificate holder warning once at the top, then each document.
import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JobState } from '../../../../shared/contract';
import { JobCard } from '../../components/JobCard';
import { useErrorText } from '../../i18n';

export function SignResult({ job, onChange }: { job: JobState; onChange: (j: JobState) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const running = job.state === 'running' || job.state === 'queued';
  const count = (s: string) => job.outcomes.filter((o) => o.status === s).length;
  const holder = job.outcomes.flatMap((o) => (o.notices ?? []).map((n, k) => ({ ...n, message: o.warnings[k] }))).find((n) => n.code === 'SIGN_HOLDER_MISMATCH');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {holder && <Alert type="warning" showIcon data-testid="sign-holder" message={errorText({ error: { code: holder.code, message: holder.message, params: holder.params } })} />}
      {!running && job.state !== 'cancelled' && count('signed') === 0 && count('error') > 0 && (
        <Alert type="error" showIcon data-testid="sign-failed" message={t('signing.allFailed', { failed: count('error') })} />
      )}
      <JobCard
        job={job}
        onChange={onChange}
        testId="sign-job"
        title={running ? t('signing.running', { done: job.done, total: job.total }) : t('signing.result', { signed: count('signed'), total: job.total })}
        itemTitle={t('day.colDocument')}
        summary={(c) => t('signing.done', { signed: c('signed'), failed: c('error') })}
        stoppedSummary={(c, notDone) => t('day.signStopped', { signed: c('signed'), failed: c('error'), notDone })}
      />
    </Space>
  );
}
