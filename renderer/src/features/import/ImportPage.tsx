// Import scans: drop or pick files and folders, send them to the archive as one job, and
// follow it with a progress bar, ETA and a stop button; each file's outcome is listed.
import { InboxOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, List, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, toSource, type ImportSourceInput } from '../../api/bridge';
import { useSession } from '../../app/session';
import { formatBytes } from '../../format';
import { JobCard, useJob } from '../../components/JobCard';
import { useCall } from '../../components/useCall';
import { UnitSelect } from '../units/UnitSelect';
import { displayName, filesFromDrop, type PickedFile } from './collect-files';
import { HotFolderCard } from './HotFolderCard';
import { OcrJobCard } from './OcrJobCard';
import { ScannerCard } from './ScannerCard';

const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf';

export function ImportPage() {
  const { t } = useTranslation();
  const { run } = useCall();
  const { user } = useSession();
  const [queue, setQueue] = useState<PickedFile[]>([]);
  const [unitId, setUnitId] = useState(user.unitId);
  const [sending, setSending] = useState<{ done: number; total: number } | null>(null);
  const [job, setJob] = useJob('import');
  const [dragOver, setDragOver] = useState(false);
  const [ocr, setOcr] = useState(true);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // a folder's files go in by name ("trang 2" before "trang 10"), whatever order the browser lists them in
  const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
  const add = (files: PickedFile[]) => setQueue((q) => [...q, ...[...files].sort((a, b) => byName.compare(displayName(a), displayName(b)))]);
  const running = !!job && (job.state === 'running' || job.state === 'queued');

  const start = async () => {
    await run(async () => {
      const sources: ImportSourceInput[] = [];
      setSending({ done: 0, total: queue.length });
      for (const f of queue) {
        sources.push(await toSource(f));
        setSending((s) => s && { ...s, done: s.done + 1 });
      }
      const { jobId } = await call('documents.import', { sources, unitId, ocr });
      setQueue([]);
      setJob(await call('jobs.get', { id: jobId }));
    });
    setSending(null);
  };

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
          <Checkbox checked={ocr} onChange={(e) => setOcr(e.target.checked)} data-testid="ocr-after-import">
            {t('ocr.afterImport')}
          </Checkbox>
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

      {job && <JobCard job={job} onChange={setJob} />}
      <OcrJobCard />
      <ScannerCard unitId={unitId} />
      <HotFolderCard />
    </Space>
  );
}
