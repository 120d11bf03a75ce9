import i18next from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { ISSUES, issueText, type IssueCode } from '../../../shared/verify-issues';
import { enAll, viAll } from './resources';

const saved = localStorage.getItem('sohoa.lang');
void i18next.use(initReactI18next).init({
  resources: { vi: { translation: viAll }, en: { translation: enAll } },
  lng: saved === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

export function setLanguage(lng: 'vi' | 'en') {
  localStorage.setItem('sohoa.lang', lng);
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

/** The core writes error messages in Vietnamese; English comes from errors.<code> with the same params. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // stable per language, so hooks that hold it (useCall) need not be rebuilt on every render
  return useCallback(
    (e: unknown): string => {
      const err: AppError | undefined = (e as { error?: AppError })?.error;
      if (!err) return e instanceof Error ? e.message : String(e);
      if (lang === 'vi') return err.message;
      // a verifier's or fetcher's finding (e.g. FETCH_REFUSED) has its English beside its Vietnamese
      if (Object.hasOwn(ISSUES, err.code)) return issueText({ code: err.code as IssueCode, params: err.params }, 'en');
      return t(`errors.${err.code}`, { ...err.params, defaultValue: err.message });
    },
    [t, lang],
  );
}

export { i18next };
