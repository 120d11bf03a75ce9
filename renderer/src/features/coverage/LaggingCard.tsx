// The lagging lists in the words of the provincial letters: units at 0%, below target, met,
// and without results. A unit with results still to digitize opens its worklist.
import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoverageUnit } from '../../../../shared/contract';
import type { Lagging } from '../../../../shared/lagging';
import { formatPercent } from '../../format';

/** `onOpen` absent (the province hub): the units are listed without a worklist to open. */
export function LaggingCard({ lag, onOpen }: { lag: Lagging; onOpen?: (u: CoverageUnit) => void }) {
  const { t } = useTranslation();
  const lists = [
    ['zero', lag.zero, 'red'],
    ['below', lag.below, 'orange'],
    ['metList', lag.met, 'green'],
    ['noneList', lag.none, 'default'],
  ] as const;
  return (
    <Card title={t('coverage.lagging')} data-testid="lagging" style={{ height: '100%' }}>
      {lists
        .filter(([, list]) => list.length > 0)
        .map(([key, list, colour]) => (
          <div key={key} style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {t(`coverage.${key}`)} ({list.length}):
            </Typography.Text>
            <div>
              {list.map((u) => {
                const open = !!onOpen && u.valid > u.digitized;
                return (
                  <Tag
                    key={u.id}
                    color={colour}
                    style={{ marginTop: 4, cursor: open ? 'pointer' : undefined }}
                    title={open ? t('day.worklistOpen') : undefined}
                    data-testid={`lagging-${u.code}`}
                    onClick={() => open && onOpen?.(u)}
                  >
                    {u.name} {u.valid > 0 ? `(${formatPercent(u.rate)})` : ''}
                  </Tag>
                );
              })}
            </div>
          </div>
        ))}
    </Card>
  );
}
