import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';
import { DisplayApp } from './DisplayApp';
import '../fonts.css';
import './display.css';

void initI18n('vi').then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <DisplayApp />
    </StrictMode>,
  );
});
