// Import scans: drop or pick files and folders, send them to the archive as one job, and
// follow it with a progress bar, ETA and a stop button; each file's outcome is listed.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Progress, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileOutcome, JobState } from '../../../../shared/contract';
import { bridge, call, toSource, type ImportSourceInput } from '../../api/bridge';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { formatBytes, formatDuration } from '../../format';
import { useErrorText } from '../../i18n';
import { UnitSelect } from '../units/UnitSelect';
import { displayName, filesFromDrop, type PickedFile } from './collect-files';

const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf';

export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { user } = useSession();
  const [queue, setQueue] = useState<PickedFile[]>([]);
  const [unitId, setUnitId] = useState(user.unitId);
  const [sending, setSending] = useState<{ done: number; total: number } | null>(null);
  const [job, setJob] = useState<JobState | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // pull the latest import (still running, or its results) when the screen opens, then follow pushes
  useEffect(() => {
    call('jobs.list', { active: false })
      .then((jobs) => {
        const latest = jobs.find((j) => j.kind === 'import');
        if (latest) setJob(latest);
      })
      .catch(() => null);
    return bridge.on('job.updated', (st) => setJob((cur) => (cur && cur.id === st.id ? st : cur)));
  }, []);
  // a slow poll as well, so a lost event never leaves the bar stuck
  useEffect(() => {
    if (!job || (job.state !== 'running' && job.state !== 'queued')) return;
    const timer = setInterval(() => call('jobs.get', { id: job.id }).then(setJob).catch(() => null), 2000);
    return () => clearInterval(timer);
  }, [job?.id, job?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  const add = (files: PickedFile[]) => setQueue((q) => [...q, ...files]);
  const running = !!job && (job.state === 'running' || job.state === 'queued');

  const start = async () => {
    try {
      const sources: ImportSourceInput[] = [];
      setSending({ done: 0, total: queue.length });
      for (const f of queue) {
        sources.push(await toSource(f));
        setSending((s) => s && { ...s, done: s.done + 1 });
      }
      const { jobId } = await call('documents.import', { sources, unitId });
      setQueue([]);
      setJob(await call('jobs.get', { id: jobId }));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSending(null);
    }
  };

  const count = (s: FileOutcome['status']) => job?.outcomes.filter((o) => o.status === s).length ?? 0;
  const percent = job && job.total ? Math.round((job.done / job.total) * 100) : 0;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('import.title')}>
        <div
          role="button"
          tabIndex={0}
          data-testid="dropzone"
          onClick={() => filesInput.current?.click()}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && filesInput.current?.click()}
          onDragOver={(e) => {
            e.preventDefault();
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={async (e) => {
            e.preventDefault();
            setDragOver(false);
            add(await filesFromDrop(e.dataTransfer));
          }}
          style={{ border: `2px dashed ${dragOver ? '#b4232c' : '#d9d9d9'}`, borderRadius: 8, padding: 32, textAlign: 'center', background: dragOver ? '#fff5f5' : '#fafafa', cursor: 'pointer' }}
        >
          <InboxOutlined style={{ fontSize: 44, color: '#b4232c' }} />
          <Typography.Title level={5}>{t('import.drop')}</Typography.Title>
          <Typography.Text type="secondary">{t('import.dropHint')}</Typography.Text>
        </div>
        <input ref={filesInput} type="file" multiple accept={ACCEPT} hidden data-testid="file-input" onChange={(e) => (add(Array.from(e.target.files ?? [])), (e.target.value = ''))} />
        <input
          ref={folderInput}
          type="file"
          hidden
          {...({ webkitdirectory: '' } as object)}
          onChange={(e) => (add(Array.from(e.target.files ?? [])), (e.target.value = ''))}
        />
        <Space style={{ marginTop: 16 }} wrap>
          <Button onClick={() => filesInput.current?.click()}>{t('import.pickFiles')}</Button>
          <Button onClick={() => folderInput.current?.click()}>{t('import.pickFolder')}</Button>
          {user.role === 'admin' && <UnitSelect style={{ width: 300 }} value={unitId} onChange={setUnitId} label={(n) => `${t('import.unit')}: ${n}`} />}
        </Space>
        {queue.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <List
              size="small"
              bordered
              header={<b>{t('import.queue', { count: queue.length })}</b>}
              dataSource={queue.slice(0, 200)}
              style={{ maxHeight: 260, overflow: 'auto' }}
              renderItem={(f) => (
                <List.Item>
                  <span>{displayName(f)}</span>
                  <Typography.Text type="secondary">{formatBytes(f.size)}</Typography.Text>
                </List.Item>
              )}
            />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" onClick={start} loading={!!sending} disabled={running} data-testid="start-import">
                {t('import.start')}
              </Button>
              <Button onClick={() => setQueue([])} disabled={!!sending}>
                {t('import.clear')}
              </Button>
              {sending && <Typography.Text>{t('import.uploading', sending)}</Typography.Text>}
            </Space>
          </div>
        )}
      </Card>

      {job && (
        <Card
          data-testid="import-job"
          title={t('import.progress', { done: job.done, total: job.total })}
          extra={running && <Button danger onClick={() => call('jobs.cancel', { id: job.id }).then(setJob)}>{t('import.cancel')}</Button>}
        >
          <Progress percent={percent} status={job.state === 'failed' ? 'exception' : running ? 'active' : 'normal'} />
          <Space direction="vertical" style={{ width: '100%' }}>
            {running && job.current && <Typography.Text type="secondary">{t('import.current', { file: job.current })}</Typography.Text>}
            {running && job.etaSeconds !== null && <Typography.Text>{t('import.eta', { eta: formatDuration(job.etaSeconds) })}</Typography.Text>}
            {job.state === 'cancelled' && <Alert type="warning" showIcon message={t('import.cancelled')} />}
            {!running && <Alert type={count('error') ? 'warning' : 'success'} showIcon message={t('import.done', { imported: count('imported'), duplicates: count('duplicate'), failed: count('error') })} data-testid="import-summary" />}
            <Table<FileOutcome>
              size="small"
              rowKey={(o, i) => `${i}-${o.file}`}
              dataSource={job.outcomes}
              pagination={job.outcomes.length > 50 ? { pageSize: 50 } : false}
              locale={{ emptyText: <Empty /> }}
              columns={[
                { title: t('import.colFile'), dataIndex: 'file', ellipsis: true },
                {
                  title: t('import.colResult'),
                  dataIndex: 'status',
                  width: 150,
                  render: (s: FileOutcome['status']) => <Tag color={{ imported: 'green', duplicate: 'gold', error: 'red', cancelled: 'default' }[s]}>{t(`import.result.${s}`)}</Tag>,
                },
                {
                  title: t('import.colDetail'),
                  render: (_v, o) => (
                    <Space direction="vertical" size={0}>
                      {o.status === 'error' && <Typography.Text type="danger">{errorText({ error: { code: o.code!, message: o.message!, params: o.params } })}</Typography.Text>}
                      {o.documentId && (
                        <a onClick={() => navigate(`documents/${o.documentId}`)}>
                          {t('import.openDoc', { id: o.documentId })}
                          {o.status === 'imported' ? ` · ${t('import.pages', { count: o.pages })}` : ''}
                        </a>
                      )}
                      {o.warnings.map((w) => (
                        <Typography.Text key={w} type="warning" style={{ fontSize: 12 }}>
                          ⚠ {w}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}
