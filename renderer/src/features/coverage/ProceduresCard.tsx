// The breakdown by procedure: valid results and the share digitized, per TTHC.
import { Card, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoverageReport } from '../../../../shared/contract';
import { RateBar } from '../../components/charts';
import { formatPercent } from '../../format';

export function ProceduresCard({ procedures }: { procedures: CoverageReport['procedures'] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('coverage.procedures')}>
      <Table
        rowKey="code"
        size="small"
        dataSource={procedures}
        pagination={procedures.length > 8 ? { pageSize: 8, size: 'small' } : false}
        columns={[
          { title: t('coverage.procedure'), dataIndex: 'name', ellipsis: true, render: (v, p) => <span title={p.code}>{v}</span> },
          { title: t('coverage.valid'), dataIndex: 'valid', align: 'right', width: 80 },
          {
            title: t('coverage.rate'),
            dataIndex: 'rate',
            width: 120,
            render: (r) => (
              <Space size={4}>
                <RateBar rate={r} target={null} width={50} />
                {formatPercent(r)}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
