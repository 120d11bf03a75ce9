// One picker for "which unit": searchable by name or code, offering the units the signed-in
// user may act for (all for an admin, their own and those below for everyone else).
import { Select, type SelectProps } from 'antd';
import { foldSearch } from '../../components/foldSearch';
import { useSession } from '../../app/session';
import { useTranslation } from 'react-i18next';
import { currentFirst, unitLabel } from './unitLabel';
import { useUnits } from './useUnits';

export function UnitSelect({ label, ...props }: Omit<SelectProps<number>, 'options'> & { label?: (name: string) => string }) {
  const { user } = useSession();
  const { t } = useTranslation();
  const { units, subtree, byId } = useUnits();
  const choices = currentFirst(user.role === 'admin' ? units : subtree(user.unitId));
  return (
    <Select<number>
      showSearch={foldSearch}
      {...props}
      options={choices.map((u) => {
        const name = unitLabel(u, t, u.parentId ? byId.get(u.parentId)?.name : null);
        return { value: u.id, label: label ? label(name) : name };
      })}
    />
  );
}
