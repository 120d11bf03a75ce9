// A signature's technical codes (SubFilter, PAdES level, algorithm, shadow-attack class, PDF
// object numbers) in words a clerk reads; the code itself stays in a tooltip for IT.
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../../shared/contract';

type Signature = VerifyReport['signatures'][number];

/** Words with their code behind them. */
export function Coded({ code, children }: { code: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('sigplain.code', { code })}>
      <span data-code={code} style={{ borderBottom: '1px dotted #999', cursor: 'help' }}>
        {children}
      </span>
    </Tooltip>
  );
}

export function useSignatureWords() {
  const { t } = useTranslation();
  const known = (key: string) => t(key, { defaultValue: '' }) || null;
  return {
    /** what kind of signature: the PAdES level when known, else the format named by its SubFilter */
    kind: (s: Signature) => ({
      code: [s.subFilter, s.level].filter(Boolean).join(' · '),
      text: (s.level && known(`sigplain.level.${s.level}`)) || known(`sigplain.kind.${s.subFilter}`) || t('sigplain.kind.other'),
    }),
    padesLevel: (l: string) => known(`sigplain.level.${l}`) ?? l,
    algorithm: (a: string) => (a === 'unknown' ? t('sigplain.algorithmUnknown') : a),
    shadow: (c: string) => known(`sigplain.shadow.${c}`) ?? c,
  };
}
