// From a worklist row to a digitized result: import that result's scan (read, then linked to
// the dossier code, ready for review) or link a document already in the archive.
import { Alert, App, Button, Input, List, Modal, Space, Tabs, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, JobState } from '../../../../shared/contract';
import type { WorkItem } from '../../../../shared/work-contract';
import { call, toSource } from '../../api/bridge';
import { useCall } from '../../components/useCall';
import { usePickFile } from '../../components/usePickFile';

const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf';

/** The import job once it is over (polled: the modal is short-lived and needs no push). */
async function finished(id: number): Promise<JobState> {
  for (;;) {
    const job = await call('jobs.get', { id });
    if (job.state !== 'running' && job.state !== 'queued') return job;
    await new Promise((r) => setTimeout(r, 800));
  }
}

export function WorkLinkModal({ item, onClose }: { item: WorkItem; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [query, setQuery] = useState(item.holderName ?? '');
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const link = async (id: number, msg: 'work.imported' | 'work.linked') => {
    await call('documents.link', { id, dossierCode: item.dossierCode, registerId: item.registerId, digitized: false });
    message.success(t(msg, { id, code: item.dossierCode }));
    onClose(true);
  };
  const [fileInput, pick] = usePickFile({
    accept: ACCEPT,
    testId: 'work-file',
    onFile: async (file) => {
      setBusy(file.name);
      setFailure(null);
      await run(async () => {
        const { jobId } = await call('documents.import', { sources: [await toSource(file)], ocr: true });
        const outcome = (await finished(jobId)).outcomes[0];
        // a scan already archived (duplicate) is linked as the document it is
        if (outcome?.documentId) await link(outcome.documentId, 'work.imported');
        else setFailure(t('work.importFailed', { error: outcome?.message ?? '' }));
      }, (text) => setFailure(t('work.importFailed', { error: text })));
      setBusy(null);
    },
  });
  useEffect(() => {
    void run(async () => setDocs((await call('documents.list', { query, status: 'imported', sort: query ? 'relevance' : 'createdAt', order: 'desc', limit: 20 })).items));
  }, [query, run]);

  return (
    <Modal open width={720} title={t('work.linkTitle', { code: item.dossierCode })} onCancel={() => onClose(false)} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {[item.procedureName, item.holderName, item.resultNumber].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'scan',
            label: t('work.scanTab'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('work.scanHint')}</Typography.Text>
                {fileInput}
                <Button type="primary" icon={<UploadOutlined />} onClick={pick} loading={!!busy} data-testid="work-pick">
                  {busy ? t('work.importing', { file: busy }) : t('work.pick')}
                </Button>
                {failure && <Alert type="error" showIcon message={failure} />}
              </Space>
            ),
          },
          {
            key: 'existing',
            label: t('work.existingTab'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.Search allowClear defaultValue={query} placeholder={t('work.search')} aria-label={t('work.search')} onSearch={setQuery} data-testid="work-doc-search" />
                <List
                  size="small"
                  bordered
                  data-testid="work-docs"
                  style={{ maxHeight: 320, overflow: 'auto' }}
                  dataSource={docs}
                  locale={{ emptyText: t('work.noDocuments') }}
                  renderItem={(d) => (
                    <List.Item actions={[<Button key="l" size="small" onClick={() => run(() => link(d.id, 'work.linked'))} data-testid={`work-link-${d.id}`}>{t('work.link')}</Button>]}>
                      <span>
                        #{d.id} {d.title}
                      </span>
                    </List.Item>
                  )}
                />
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}
