// Keeping the archive safe (admin): a backup into a folder and the archive check, each as a
// job with progress, time left and Stop, and the outcome of the last run of each.
import { Alert, Button, Card, Checkbox, Descriptions, Input, Progress, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobState, Res } from '../../../../shared/contract';
import type { BackupReport, SanityIssue, SanityReport } from '../../../../shared/maintenance-contract';
import { call } from '../../api/bridge';
import { useJob } from '../../components/JobCard';
import { formatBytes, formatDateTime, formatDuration } from '../../format';
import { useErrorText } from '../../i18n';
import { useCall } from '../../components/useCall';
import { RestoreCard, ScheduleCard } from './RestoreAndSchedule';

type Reports = Res<'maintenance.reports'>;
type Failed = { error: { code: string; message: string; params?: Record<string, string | number> } };
const failedOf = (r: unknown): Failed | null => (r && typeof r === 'object' && 'error' in r ? (r as Failed) : null);

function JobProgress({ job, onChange }: { job: JobState; onChange: (j: JobState) => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const running = job.state === 'running' || job.state === 'queued';
  const [phase, current] = (job.current ?? '').split(/: (.*)/s);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`job-${job.kind}`}>
      <Progress percent={job.done} status={job.state === 'failed' ? 'exception' : running ? 'active' : 'normal'} />
      {running && (
        <Space wrap>
          {phase && <Typography.Text type="secondary">{t(`maintenance.phase.${phase}`, { defaultValue: phase })}{current ? `: ${current}` : ''}</Typography.Text>}
          {job.etaSeconds !== null && <Typography.Text>{t('import.eta', { eta: formatDuration(job.etaSeconds) })}</Typography.Text>}
          <Button danger size="small" onClick={() => run(() => call('jobs.cancel', { id: job.id }).then(onChange))}>
            {t('import.cancel')}
          </Button>
        </Space>
      )}
      {job.state === 'cancelled' && <Alert type="warning" showIcon message={t('maintenance.cancelled')} />}
    </Space>
  );
}

function BackupResult({ stored }: { stored: NonNullable<Reports['backup']> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const failed = failedOf(stored.report);
  if (failed) return <Alert type="error" showIcon message={t('maintenance.backupFailed')} description={errorText(failed)} data-testid="backup-result" />;
  const r = stored.report as BackupReport;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="backup-result">
      <Alert type={r.complete ? 'success' : 'warning'} showIcon message={r.complete ? t('maintenance.backupDone', { dir: r.dir }) : t('maintenance.backupPartial', { dir: r.dir })} />
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('maintenance.when')}>{formatDateTime(stored.createdAt)}{stored.username ? ` · ${stored.username}` : ` · ${t('audit.cli')}`}</Descriptions.Item>
        <Descriptions.Item label={t('maintenance.files')}>{t('maintenance.filesValue', { files: r.files, size: formatBytes(r.bytes), copied: r.copied, skipped: r.skipped })}</Descriptions.Item>
        {r.counts && (
          <Descriptions.Item label={t('maintenance.contents')} span={2}>
            {t('maintenance.contentsValue', { documents: r.counts.documents, pages: r.counts.pages, signatures: r.counts.signatures, register: r.counts.register, audit: r.counts.auditRows })}
          </Descriptions.Item>
        )}
        {r.keyFingerprint && (
          <Descriptions.Item label={t('maintenance.keyFingerprint')} span={2}>
            <Typography.Text code copyable data-testid="backup-key">{r.keyFingerprint}</Typography.Text> {t('maintenance.keyFingerprintHint')}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Space>
  );
}

function CheckResult({ stored }: { stored: NonNullable<Reports['check']> }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const failed = failedOf(stored.report);
  if (failed) return <Alert type="error" showIcon message={errorText(failed)} data-testid="check-result" />;
  const r = stored.report as SanityReport;
  const text = (x: SanityIssue) => (i18n.language === 'vi' ? x.message : t(`maintenance.issue.${x.code}`, { ...x.params, defaultValue: x.message }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="check-result">
      <Alert
        type={r.ok ? 'success' : r.complete ? 'error' : 'warning'}
        showIcon
        message={r.ok ? t('maintenance.checkOk') : t('maintenance.checkBad', { count: r.issues.filter((x) => x.severity === 'error' && !x.repaired).length })}
        description={t('maintenance.checkSummary', { when: formatDateTime(stored.createdAt), files: r.counts.files, documents: r.counts.documents, signatures: r.counts.signatures, audit: r.counts.auditRows })}
      />
      {!r.complete && <Alert type="warning" showIcon message={t('maintenance.checkStopped')} />}
      {r.repair && (r.repaired.searchRows > 0 || r.repaired.quarantined.length > 0) && (
        <Alert type="info" showIcon message={t('maintenance.repaired', { search: r.repaired.searchRows, quarantined: r.repaired.quarantined.length })} />
      )}
      {r.issues.length > 0 && (
        <Table<SanityIssue>
          size="small"
          rowKey={(x, i) => `${i}-${x.code}`}
          dataSource={r.issues}
          pagination={r.issues.length > 50 ? { pageSize: 50 } : false}
          columns={[
            { title: t('maintenance.colSeverity'), dataIndex: 'severity', width: 110, render: (s: string) => <Tag color={s === 'error' ? 'red' : 'gold'}>{t(`maintenance.severity.${s}`)}</Tag> },
            { title: t('maintenance.colCheck'), dataIndex: 'check', width: 170, render: (c: string) => t(`maintenance.phase.${c}`) },
            { title: t('maintenance.colProblem'), render: (_v, x) => text(x) },
            { title: '', dataIndex: 'repaired', width: 90, render: (v: boolean) => (v ? <Tag color="green">{t('maintenance.fixed')}</Tag> : null) },
          ]}
        />
      )}
    </Space>
  );
}

export function MaintenancePage() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [reports, setReports] = useState<Reports | null>(null);
  const [dir, setDir] = useState('');
  // the backup passphrase, typed twice (a typo would make the backup unrestorable); cleared once sent
  const [pass, setPass] = useState(['', '']);
  const passOk = [...pass[0].normalize('NFC')].length >= 12 && pass[0] === pass[1];
  const [repair, setRepair] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [backupJob, setBackupJob] = useJob('backup');
  const [checkJob, setCheckJob] = useJob('check');
  const reload = () => run(() => call('maintenance.reports', {}).then(setReports), setError);
  useEffect(() => void reload(), [backupJob?.id, backupJob?.state, checkJob?.id, checkJob?.state]); // eslint-disable-line react-hooks/exhaustive-deps
  const running = [backupJob, checkJob].some((j) => j && (j.state === 'running' || j.state === 'queued'));
  const start = async (work: () => Promise<{ jobId: number }>, set: (j: JobState) => void) => {
    setError(null);
    await run(async () => set(await call('jobs.get', { id: (await work()).jobId })), setError);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} data-testid="maintenance-error" />}
      <Card title={t('maintenance.backupTitle')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('maintenance.backupHint')}</Typography.Paragraph>
          <Space wrap>
            <Input.Password style={{ width: 260 }} placeholder={t('maintenance.passphrase')} aria-label={t('maintenance.passphrase')} value={pass[0]} onChange={(e) => setPass([e.target.value, pass[1]])} autoComplete="new-password" data-testid="backup-passphrase" />
            <Input.Password style={{ width: 260 }} placeholder={t('maintenance.passphraseAgain')} aria-label={t('maintenance.passphraseAgain')} value={pass[1]} onChange={(e) => setPass([pass[0], e.target.value])} autoComplete="new-password" status={pass[1] && pass[0] !== pass[1] ? 'error' : undefined} data-testid="backup-passphrase-again" />
            <Typography.Text type="secondary">{t('maintenance.passphraseHint')}</Typography.Text>
          </Space>
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder={t('maintenance.dirPlaceholder')} value={dir} onChange={(e) => setDir(e.target.value)} data-testid="backup-dir" />
            <Button type="primary" disabled={!dir.trim() || !passOk || running} onClick={() => start(() => call('maintenance.backup', { dir: dir.trim(), passphrase: pass[0] }).finally(() => setPass(['', ''])), setBackupJob)} data-testid="backup-start">
              {t('maintenance.backupStart')}
            </Button>
          </Space.Compact>
          {backupJob && <JobProgress job={backupJob} onChange={setBackupJob} />}
          {reports?.backup && <BackupResult stored={reports.backup} />}
        </Space>
      </Card>
      <ScheduleCard />
      <RestoreCard />
      <Card title={t('maintenance.checkTitle')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('maintenance.checkHint')}</Typography.Paragraph>
          <Space>
            <Checkbox checked={repair} onChange={(e) => setRepair(e.target.checked)} data-testid="check-repair">
              {t('maintenance.repair')}
            </Checkbox>
            <Button type="primary" disabled={running} onClick={() => start(() => call('maintenance.check', { repair }), setCheckJob)} data-testid="check-start">
              {t('maintenance.checkStart')}
            </Button>
          </Space>
          {checkJob && <JobProgress job={checkJob} onChange={setCheckJob} />}
          {reports?.check && <CheckResult stored={reports.check} />}
        </Space>
      </Card>
    </Space>
  );
}
