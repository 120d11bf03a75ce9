// The tagged fields, each with where its value came from and a mark when it is doubtful.
// Enter goes to the next field, Shift+Enter back.
import { Input, Space, Tag, Tooltip } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../../shared/contract';
import { FIELD_NAMES, type FieldName } from '../../../../shared/document-fields';
import { DateInput } from '../../components/DateInput';
import { isLow, LONG, SOURCE_TAG } from './review-fields';

type Props = {
  doc: DocumentDetail;
  values: Record<string, string>;
  onValue: (n: FieldName, v: string) => void;
  onFocus: (n: FieldName) => void;
};

export function ReviewFields({ doc, values, onValue, onFocus }: Props) {
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const onKey = (n: FieldName) => (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.altKey) return;
    e.preventDefault();
    const i = FIELD_NAMES.indexOf(n) + (e.shiftKey ? -1 : 1);
    const next = FIELD_NAMES[Math.min(Math.max(0, i), FIELD_NAMES.length - 1)];
    (inputs.current[next] ?? document.getElementById(`field-${next}`))?.focus();
  };
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }}>
      {FIELD_NAMES.map((n) => {
        const low = isLow(doc.fields.find((f) => f.name === n));
        const common = {
          id: `field-${n}`,
          'data-testid': `field-${n}`,
          value: values[n] ?? '',
          status: low ? ('warning' as const) : undefined,
          onFocus: () => onFocus(n),
          onKeyDown: onKey(n),
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onValue(n, e.target.value),
        };
        return (
          <div key={n}>
            <FieldLabel doc={doc} name={n} />
            {n === 'date' ? (
              <DateInput
                id="field-date"
                data-testid="field-date"
                style={{ width: '100%' }}
                value={values.date || null}
                status={common.status}
                onFocus={common.onFocus}
                onKeyDown={common.onKeyDown}
                onChange={(iso) => onValue(n, iso ?? '')}
              />
            ) : LONG.includes(n) ? (
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} ref={(el) => void (inputs.current[n] = el?.resizableTextArea?.textArea ?? null)} {...common} />
            ) : (
              <Input ref={(el) => void (inputs.current[n] = el?.input ?? null)} {...common} />
            )}
          </div>
        );
      })}
    </Space>
  );
}

/** A field's name, where its value came from, and the doubt mark with OCR's confidence. */
function FieldLabel({ doc, name }: { doc: DocumentDetail; name: FieldName }) {
  const { t } = useTranslation();
  const f = doc.fields.find((x) => x.name === name);
  const from = f && f.value !== null ? SOURCE_TAG[f.source] : undefined;
  return (
    <label htmlFor={`field-${name}`} style={{ fontSize: 12, color: '#555' }}>
      {t(`fields.${name}`)}{' '}
      {from && (
        <Tag color={from.colour} data-testid={`source-${name}`} data-source={f!.source}>
          {t(from.key)}
        </Tag>
      )}
      {isLow(f) && (
        <Tooltip title={t('ocr.confidence', { n: Math.round((f!.confidence ?? 0) * 100) })}>
          <Tag color="orange">{t('review.lowConfidence')}</Tag>
        </Tooltip>
      )}
    </label>
  );
}
