// The register entries that may be the result this document digitizes, with their score and
// why; choosing one (or typing the dossier code) links it on saving.
import { Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegisterProposal } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';

export function ProposalsCard({ proposals, dossier, onDossier }: { proposals: RegisterProposal[]; dossier: string; onDossier: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('review.proposals')} style={{ marginTop: 12 }}>
      {proposals.length === 0 ? (
        <Typography.Text type="secondary">{t('review.noProposal')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={proposals}
          renderItem={(p) => (
            <List.Item
              data-testid="proposal"
              actions={[
                <Button key="c" size="small" type={dossier === p.dossierCode ? 'primary' : 'default'} onClick={() => onDossier(p.dossierCode)}>
                  {t('review.choose')}
                </Button>,
              ]}
            >
              <Space direction="vertical" size={0}>
                <span>
                  <b>{p.dossierCode}</b> · {p.holderName ?? ''} · {p.resultNumber ?? ''} · {formatDate(p.issuedOn)}
                </span>
                <span style={{ fontSize: 12 }}>
                  <Tag color={p.score >= 0.9 ? 'green' : p.score >= 0.5 ? 'gold' : 'default'}>{t('review.score', { n: Math.round(p.score * 100) })}</Tag>
                  {p.reasons.map((r) => t(`review.reasons.${r}`)).join(', ')}
                </span>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Input style={{ marginTop: 8 }} placeholder={t('review.dossier')} aria-label={t('review.dossier')} value={dossier} onChange={(e) => onDossier(e.target.value)} data-testid="review-dossier" />
    </Card>
  );
}
