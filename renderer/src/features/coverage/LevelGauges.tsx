// Each level's pooled rate against its target as a gauge, and the Decision 766 rate beside them.
import { Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoverageReport } from '../../../../shared/contract';
import { formatPercent } from '../../format';

export function LevelGauges({ report }: { report: CoverageReport }) {
  const { t, i18n } = useTranslation();
  // numbers the way the interface language writes them: 1.234 and 20,1% in Vietnamese, 1,234 and 20.1% in English
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
  const count = (n: number) => n.toLocaleString(locale);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('coverage.levels')}
      </Typography.Title>
      <Row gutter={[24, 16]}>
        {report.levels.map((l) => (
          <Col key={l.level} xs={24} sm={12} lg={6}>
            <Card size="small" data-testid={`level-${l.level}`}>
              <Space direction="vertical" align="center" style={{ width: '100%' }}>
                <b>{t(`levels.${l.level}`)}</b>
                <Progress
                  type="dashboard"
                  percent={Math.round(l.rate * 1000) / 10}
                  strokeColor={l.met === false ? (l.digitized === 0 ? '#cf1322' : '#d48806') : '#389e0d'}
                  // 0 of 0 is no rate at all: a dash, not 0%
                  format={(p) => (l.valid === 0 ? '—' : `${p?.toLocaleString(locale)}%`)}
                />
                <span>
                  {count(l.digitized)} / {count(l.valid)}
                </span>
                {l.valid === 0 ? (
                  <Tag data-testid="level-nothing">{t('coverage.nothingToJudge')}</Tag>
                ) : l.target === null ? (
                  <Tag>{t('coverage.noTarget')}</Tag>
                ) : (
                  <Tag color={l.met ? 'green' : 'red'}>
                    {t('coverage.target', { t: formatPercent(l.target) })} · {l.met ? t('coverage.met') : t('coverage.notMet')}
                  </Tag>
                )}
              </Space>
            </Card>
          </Col>
        ))}
        <Col xs={24} sm={12} lg={6}>
          <Card size="small">
            <Statistic title={t('coverage.decision766')} value={formatPercent(report.decision766.rate)} />
            <Typography.Text type="secondary">
              {count(report.decision766.withElectronicResult)} / {count(report.decision766.handled)}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </>
  );
}
