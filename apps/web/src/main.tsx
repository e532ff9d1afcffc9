import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/app.component';

dayjs.locale('zh-cn');

// WCAG 2.3.3: no animation for those who ask their system for less motion.
const motion = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider
        locale={zhCN}
        theme={{
          token: {
            motion,
            colorPrimary: '#b7202e',
            colorTextSecondary: '#595959',
            colorTextDescription: '#595959',
            colorTextPlaceholder: '#757575',
            colorTextDisabled: '#6b6b6b',
            colorLink: '#0958d9',
            colorError: '#cf1322',
          },
        }}
      >
        <AntApp>
          <App />
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
