// A long job as people follow it: progress bar, time left, what is being worked on, a stop
// button, and every item's outcome with its reason. Used by imports and signing batches.
import { Alert, Button, Card, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileOutcome, JobState } from '../../../shared/contract';
import { bridge, call } from '../api/bridge';
import { navigate } from '../app/router';
import { formatDuration } from '../format';
import { useCall } from './useCall';

/** The newest job of a kind (still running, or its results) when the screen opens; then pushes, and a slow poll in case one is lost. */
export function useJob(kind: string, opts: { follow?: boolean } = {}): [JobState | null, (j: JobState | null) => void] {
  const [job, setJob] = useState<JobState | null>(null);
  useEffect(() => {
    call('jobs.list', { active: false })
      .then((jobs) => {
        const latest = jobs.find((j) => j.kind === kind);
        if (latest) setJob(latest);
      })
      .catch(() => null);
    // with `follow`, a newer job of the kind (one the core started by itself) takes over
    return bridge.on('job.updated', (st) => setJob((cur) => ((cur && cur.id === st.id) || (opts.follow && st.kind === kind && (!cur || st.id > cur.id)) ? st : cur)));
    // subscribed once: a card's kind and follow never change over its life
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  // a slow poll as well, so a lost event never leaves the bar stuck
  useEffect(() => {
    if (!job || (job.state !== 'running' && job.state !== 'queued')) return;
    const timer = setInterval(() => call('jobs.get', { id: job.id }).then(setJob).catch(() => null), 2000);
    return () => clearInterval(timer);
  }, [job?.id, job?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  return [job, setJob];
}

/**
 * Outcomes in the order people read them: files as they finished; a page-by-page job (OCR)
 * by document, then page, though pages finish in whatever order the workers take them.
 */
function inOrder(outcomes: FileOutcome[]): FileOutcome[] {
  if (!outcomes.some((o) => o.pageId)) return outcomes;
  const page = (o: FileOutcome) => Number(/(\d+)$/.exec(o.file)?.[1] ?? o.pageId ?? 0);
  return [...outcomes].sort((a, b) => (a.documentId ?? 0) - (b.documentId ?? 0) || page(a) - page(b));
}

export function JobCard({
  job,
  onChange,
  testId = 'import-job',
  summary,
  stoppedSummary,
  title,
  itemTitle,
  resultLabel,
}: {
  job: JobState;
  onChange: (j: JobState) => void;
  testId?: string;
  title?: string;
  /** what the items are, as the first column's title, when they are not files (documents, pages) */
  itemTitle?: string;
  /** how an item's outcome is worded, when "imported" is not the right word (OCR pages) */
  resultLabel?: (s: FileOutcome['status']) => string;
  summary?: (count: (s: FileOutcome['status']) => number) => string;
  /** how a job the user stopped is worded: what was done and how many items were not */
  stoppedSummary?: (count: (s: FileOutcome['status']) => number, notDone: number) => string;
}) {
  const { t } = useTranslation();
  const { run, errorText } = useCall();
  const running = job.state === 'running' || job.state === 'queued';
  const count = (s: FileOutcome['status']) => job.outcomes.filter((o) => o.status === s).length;
  // items listed as not done (a stopped job) are not progress
  const finished = job.done - count('cancelled');
  const percent = job.total ? Math.round((finished / job.total) * 100) : 0;
  const describe = summary ?? ((c: typeof count) => t('import.done', { imported: c('imported'), duplicates: c('duplicate'), failed: c('error') }));
  const describeStopped =
    stoppedSummary ?? ((c: typeof count, notDone: number) => t('day.importStopped', { imported: c('imported'), duplicates: c('duplicate'), failed: c('error'), notDone }));
  const stopped = job.state === 'cancelled';
  return (
    <Card
      data-testid={testId}
      title={title ?? t('import.progress', { done: finished, total: job.total })}
      extra={running && <Button danger onClick={() => run(() => call('jobs.cancel', { id: job.id }).then(onChange))}>{t('import.cancel')}</Button>}
    >
      <Progress percent={percent} status={job.state === 'failed' ? 'exception' : running ? 'active' : 'normal'} />
      <Space direction="vertical" style={{ width: '100%' }}>
        {running && job.current && <Typography.Text type="secondary">{t('import.current', { file: job.current })}</Typography.Text>}
        {running && job.etaSeconds !== null && <Typography.Text>{t('import.eta', { eta: formatDuration(job.etaSeconds) })}</Typography.Text>}
        {stopped && <Alert type="warning" showIcon message={`${t('import.cancelled')} ${describeStopped(count, job.total - finished)}`} data-testid="import-summary" />}
        {!running && !stopped && <Alert type={count('error') ? 'warning' : 'success'} showIcon message={describe(count)} data-testid="import-summary" />}
        <Table<FileOutcome>
          size="small"
          rowKey={(o, i) => `${i}-${o.file}`}
          dataSource={inOrder(job.outcomes)}
          pagination={job.outcomes.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: <Empty /> }}
          columns={[
            { title: itemTitle ?? t('import.colFile'), dataIndex: 'file', ellipsis: true },
            {
              title: t('import.colResult'),
              dataIndex: 'status',
              width: 150,
              render: (s: FileOutcome['status']) => <Tag color={{ imported: 'green', duplicate: 'gold', signed: 'green', error: 'red', cancelled: 'default' }[s]}>{resultLabel ? resultLabel(s) : t(`import.result.${s}`)}</Tag>,
            },
            {
              title: t('import.colDetail'),
              render: (_v, o) => (
                <Space direction="vertical" size={0}>
                  {o.status === 'error' && <Typography.Text type="danger">{errorText({ error: { code: o.code!, message: o.message!, params: o.params } })}</Typography.Text>}
                  {o.documentId && (
                    <a onClick={() => navigate(`documents/${o.documentId}`)}>
                      {t('import.openDoc', { id: o.documentId })}
                      {o.status === 'imported' && !o.pageId ? ` · ${t('import.pages', { count: o.pages })}` : ''}
                    </a>
                  )}
                  {o.warnings.map((w, k) => (
                  <Typography.Text key={w} type="warning" style={{ fontSize: 12 }}>
                    ⚠ {o.notices?.[k] ? errorText({ error: { code: o.notices[k].code, message: w, params: o.notices[k].params } }) : w}
                  </Typography.Text>
                ))}
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Card>

  );
}
