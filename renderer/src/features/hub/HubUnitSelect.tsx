// A unit picker over the whole catalogue the hub holds (the hub admin acts for every unit):
// units that exist today first, searchable by name or code without accents.
import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { foldSearch } from '../../components/foldSearch';
import { currentFirst, unitLabel } from '../units/unitLabel';
import { useUnits } from '../units/useUnits';

export function HubUnitSelect(props: Omit<SelectProps<number>, 'options'>) {
  const { t } = useTranslation();
  const { units, byId } = useUnits();
  return (
    <Select<number>
      showSearch={foldSearch}
      {...props}
      options={currentFirst(units).map((u) => ({ value: u.id, label: unitLabel(u, t, u.parentId ? byId.get(u.parentId)?.name : null) }))}
    />
  );
}
