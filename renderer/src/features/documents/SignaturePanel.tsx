// The signatures of a document, checked on request: each one's verdict in plain words,
// the signed copy to download, and the report to keep (JSON) or print.
import { Alert, Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, VerifyReport } from '../../../../shared/contract';
import { archiveUrl, call } from '../../api/bridge';
import { CHANGE_EN, CHANGE_VI, issueText, type Issue } from '../../../../shared/verify-issues';
import { formatDateTime } from '../../format';
import { useCall } from '../../components/useCall';
import { verdictText } from './verdict';
import { Coded, useSignatureWords } from './signature-words';

export function SignaturePanel({ doc }: { doc: DocumentDetail }) {
  const { t, i18n } = useTranslation();
  const { run } = useCall();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const yes = (b: boolean | null) => (b === null ? '—' : b ? t('sigcheck.yes') : t('sigcheck.no'));
  const words = useSignatureWords();
  const changeName = (c: string) => (i18n.language === 'en' ? CHANGE_EN : CHANGE_VI)[c] ?? c;
  const exportPdf = () =>
    run(async () => {
      const r = await call('signing.verifyReportPdf', { documentId: doc.id });
      const url = URL.createObjectURL(new Blob([Uint8Array.from(atob(r.base64), (ch) => ch.charCodeAt(0))], { type: 'application/pdf' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: r.name });
      a.click();
      URL.revokeObjectURL(url);
    }, setError);
  const exportJson = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `kiem-tra-chu-ky-${doc.id}.json` });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="signature-panel">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('sigcheck.title')}
      </Typography.Title>
      <Space wrap>
        <Button onClick={() => run(() => call('signing.verify', { documentId: doc.id }).then(setReport), setError)} data-testid="verify-signatures">
          {t('sigcheck.verify')}
        </Button>
        {doc.status === 'signed' && (
          <a href={archiveUrl('signed', doc.id, doc.signedV)} download={`${doc.title}-da-ky.pdf`}>
            {t('sigcheck.download')}
          </a>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {report && (
        <div data-testid="verify-report">
          <Alert type={report.valid ? 'success' : 'error'} showIcon message={report.valid ? t('sigcheck.valid') : t('sigcheck.invalid')} description={report.error} />
          {report.signatures.map((s, i) => (
            <Descriptions key={s.field} size="small" column={1} bordered style={{ marginTop: 8 }} title={t('day.signatureN', { n: i + 1 })}>
              {s.verdict && (
                <Descriptions.Item label={t('sigreport.verdict')}>
                  <Typography.Text strong type={s.intact && s.cryptoValid && !s.modifiedAfter && s.trusted ? 'success' : 'danger'} data-testid="signature-verdict">
                    {verdictText(s, i18n.language)}
                  </Typography.Text>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('sigcheck.signer')}>{s.signer ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('sigcheck.level')}>
                <Tag data-testid="signature-kind">
                  <Coded code={words.kind(s).code}>{words.kind(s).text}</Coded>
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('sigcheck.signedAt')}>{s.signedAt ? formatDateTime(s.signedAt) : '—'}</Descriptions.Item>
              {s.timestamp && <Descriptions.Item label={t('sigcheck.timestamp')}>{formatDateTime(s.timestamp)}</Descriptions.Item>}
              <Descriptions.Item label={t('sigcheck.intact')}>{yes(s.intact && s.cryptoValid)}</Descriptions.Item>
              <Descriptions.Item label={t('sigcheck.whole')}>{yes(s.coversWholeDocument)}</Descriptions.Item>
              <Descriptions.Item label={t('sigcheck.modified')}>{yes(s.modifiedAfter)}</Descriptions.Item>
              <Descriptions.Item label={t('sigcheck.trusted')}>{yes(s.trusted)}</Descriptions.Item>
              <Descriptions.Item label={t('sigcheck.certValid')}>{yes(s.certValidAtSigning)}</Descriptions.Item>
              {s.padesLevel !== undefined && (
                <Descriptions.Item label={t('sigreport.padesLevel')}>
                  <Tag>{s.padesLevel ? <Coded code={s.padesLevel}>{words.padesLevel(s.padesLevel)}</Coded> : '—'}</Tag>
                  {s.certification ? <Tag color="blue">{t('sigreport.certified', { p: s.certification })}</Tag> : null}
                </Descriptions.Item>
              )}
              {s.crypto && (
                <Descriptions.Item label={t('sigreport.cryptoAlg')}>
                  <Coded code={s.crypto.algorithm}>{words.algorithm(s.crypto.algorithm)}</Coded>
                </Descriptions.Item>
              )}
              {s.coverage && (
                <Descriptions.Item label={t('sigreport.coverage')}>
                  {s.coverage === 'entire-file' ? t('sigreport.entireFile') : s.coverage === 'entire-revision' ? t('sigreport.entireRevision', { rev: s.revision, of: s.revisions }) : t('sigreport.partial')}
                </Descriptions.Item>
              )}
              {s.changes && s.changes.length > 0 && (
                <Descriptions.Item label={t('sigreport.changes')}>
                  <ul style={{ margin: 0, paddingLeft: 16 }} data-testid="signature-changes">
                    {s.changes.map((c, k) => (
                      <li key={k}>
                        <Typography.Text type={c.allowed ? undefined : 'danger'}>
                          {c.object !== null ? <Coded code={t('sigplain.object', { n: c.object })}>{changeName(c.category)}</Coded> : changeName(c.category)} —{' '}
                          {c.allowed ? t('sigreport.allowed') : t('sigreport.disallowed')}
                          {c.refusedBy ? `, ${c.refusedBy}` : ''}
                          {c.shadow ? (
                            <>
                              {', '}
                              <Coded code={c.shadow}>{words.shadow(c.shadow)}</Coded>
                            </>
                          ) : null}
                        </Typography.Text>
                      </li>
                    ))}
                  </ul>
                </Descriptions.Item>
              )}
              {s.path && s.path.length > 0 && <Descriptions.Item label={t('sigreport.path')}>{s.path.join(' → ')}</Descriptions.Item>}
              {s.revocation && (
                <Descriptions.Item label={t('sigreport.revocation')}>
                  {s.revocation.status === 'good'
                    ? t('sigreport.revGood', { source: s.revocation.source })
                    : s.revocation.status === 'revoked'
                      ? t('sigreport.revRevoked', { source: s.revocation.source })
                      : t('sigreport.revUnknown')}
                </Descriptions.Item>
              )}
              {s.issues.length > 0 && (
                <Descriptions.Item label={t('sigcheck.problems')}>
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {s.issues.map((p) => (
                      <li key={JSON.stringify(p)}>{issueText(p as Issue, i18n.language === 'en' ? 'en' : 'vi')}</li>
                    ))}
                  </ul>
                </Descriptions.Item>
              )}
            </Descriptions>
          ))}
          <Space style={{ marginTop: 8 }}>
            <Button size="small" onClick={exportJson}>
              {t('sigcheck.export')}
            </Button>
            <Button size="small" onClick={exportPdf} data-testid="export-report-pdf">
              {t('sigreport.exportPdf')}
            </Button>
            <Button size="small" onClick={() => window.print()}>
              {t('sigcheck.print')}
            </Button>
          </Space>
        </div>
      )}
    </Space>
  );
}
