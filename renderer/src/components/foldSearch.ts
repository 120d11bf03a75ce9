// Search in pickers the way full-text search works: without accents, case or extra spaces.
import { foldedIncludes } from '../../../shared/fold';

/** For antd Select: showSearch={foldSearch}. */
export const foldSearch = {
  filterOption: (input: string, option?: { label?: unknown }) => foldedIncludes(String(option?.label ?? ''), input),
};
