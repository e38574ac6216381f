import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { sendFirstCalls } from './first-calls';
import './fonts.css';
import './styles.css';

sendFirstCalls();
void initI18n('vi').then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
