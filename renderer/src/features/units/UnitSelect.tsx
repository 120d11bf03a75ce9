// One picker for "which unit": searchable by name or code, offering the units the signed-in
// user may act for (all for an admin, their own and those below for everyone else).
import { Select, type SelectProps } from 'antd';
import { useSession } from '../../app/session';
import { useUnits } from './useUnits';

export function UnitSelect({ label, ...props }: Omit<SelectProps<number>, 'options'> & { label?: (name: string) => string }) {
  const { user } = useSession();
  const { units, subtree } = useUnits();
  const choices = user.role === 'admin' ? units : subtree(user.unitId);
  return (
    <Select<number>
      showSearch
      optionFilterProp="label"
      {...props}
      options={choices.map((u) => {
        const name = `${u.name} (${u.code})`;
        return { value: u.id, label: label ? label(name) : name };
      })}
    />
  );
}
