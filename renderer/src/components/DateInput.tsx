// The one date entry of the app: a date picker that shows and takes dd/mm/yyyy (typed or
// picked), refuses dates that do not exist and says so, and hands the screen an ISO date or null.
import { App, DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

dayjs.extend(customParseFormat);

/** Shown first; the others are accepted when typed (ISO too, as pasted from another system: shown back as dd/mm/yyyy). */
export const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'];
export const DATE_PLACEHOLDER = 'dd/mm/yyyy';

const toDay = (iso: string | null | undefined): Dayjs | null => {
  const d = iso ? dayjs(iso, 'YYYY-MM-DD', true) : null;
  return d && d.isValid() ? d : null;
};

export function DateInput({
  value,
  onChange,
  onRefused,
  status,
  ...rest
}: { value: string | null | undefined; onChange: (iso: string | null) => void; onRefused?: () => void } & Omit<DatePickerProps, 'value' | 'onChange' | 'format'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // what was typed, so a date that does not exist is named instead of silently put back
  const typed = useRef('');
  const [refused, setRefused] = useState(false);
  const check = () => {
    const text = typed.current.trim();
    typed.current = '';
    if (!text) return;
    // the picker itself takes only its first forms as typed: an ISO or dotted day is taken here
    const day = DATE_FORMATS.map((f) => dayjs(text, f, true)).find((d) => d.isValid());
    if (day) return void (day.format('YYYY-MM-DD') !== value && onChange(day.format('YYYY-MM-DD')));
    setRefused(true);
    onRefused?.();
    void message.warning(t('dates.notADay', { text }));
  };
  return (
    <span
      style={{ display: 'contents' }}
      onInput={(e) => ((typed.current = (e.target as HTMLInputElement).value), setRefused(false))}
      onKeyDownCapture={(e) => (e.key === 'Escape' || e.key === 'Enter') && check()}
      onBlur={check}
    >
      <DatePicker
        format={DATE_FORMATS}
        placeholder={DATE_PLACEHOLDER}
        {...rest}
        status={refused ? 'error' : status}
        value={toDay(value)}
        onChange={(d) => {
          const day = Array.isArray(d) ? d[0] : d;
          typed.current = '';
          setRefused(false);
          onChange(day && day.isValid() ? day.format('YYYY-MM-DD') : null);
        }}
      />
    </span>
  );
}

/**
 * The same entry inside an antd Form.Item, whose value is a dayjs day: typed ISO or dotted days
 * behave as in DateInput, and a refused date leaves the form an invalid day (not the previous
 * one), which `validDay` stops at Save.
 */
export function FormDate({
  value,
  onChange,
  ...rest
}: { value?: Dayjs | null; onChange?: (day: Dayjs | null) => void } & Omit<DatePickerProps, 'value' | 'onChange' | 'format'>) {
  return (
    <DateInput
      {...rest}
      value={value?.isValid() ? value.format('YYYY-MM-DD') : null}
      onChange={(iso) => onChange?.(toDay(iso))}
      onRefused={() => onChange?.(dayjs(''))}
    />
  );
}

/** The Form.Item rule of a FormDate: a day that does not exist is not saved. */
export const validDay = (t: TFunction) => ({
  validator: (_: unknown, day?: Dayjs | null) => (day && !day.isValid() ? Promise.reject(new Error(t('dates.retype'))) : Promise.resolve()),
});
