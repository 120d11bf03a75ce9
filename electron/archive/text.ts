// the fold lives in shared/ so the screens' search boxes fold the same way
export { foldVietnamese } from '../../shared/fold';
