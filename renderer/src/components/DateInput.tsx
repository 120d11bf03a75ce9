// The one date entry of the app: a date picker that shows and takes dd/mm/yyyy (typed or
// picked), refuses dates that do not exist, and hands the screen an ISO date or null.
import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

/** Shown first; the others are accepted when typed. */
export const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY'];
export const DATE_PLACEHOLDER = 'dd/mm/yyyy';

const toDay = (iso: string | null | undefined): Dayjs | null => {
  const d = iso ? dayjs(iso, 'YYYY-MM-DD', true) : null;
  return d && d.isValid() ? d : null;
};

export function DateInput({
  value,
  onChange,
  ...rest
}: { value: string | null | undefined; onChange: (iso: string | null) => void } & Omit<DatePickerProps, 'value' | 'onChange' | 'format'>) {
  return (
    <DatePicker
      format={DATE_FORMATS}
      placeholder={DATE_PLACEHOLDER}
      {...rest}
      value={toDay(value)}
      onChange={(d) => {
        const day = Array.isArray(d) ? d[0] : d;
        onChange(day && day.isValid() ? day.format('YYYY-MM-DD') : null);
      }}
    />
  );
}

/** For antd Forms that hold dayjs values: the same formats and placeholder. */
export const datePickerProps = { format: DATE_FORMATS, placeholder: DATE_PLACEHOLDER } as const;
