import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { App } from './app/App';
import './i18n';

/** The system's "reduce motion" setting: dialogs, lists and pop-ups then appear and go at once. */
const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : viVN}
      theme={{ token: { colorPrimary: '#b4232c', borderRadius: 6, fontFamily: "'Segoe UI', 'Noto Sans', Roboto, Arial, sans-serif", motion: !reduceMotion } }}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
