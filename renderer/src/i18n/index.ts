import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';

export type Locale = 'vi' | 'en';

export async function initI18n(locale: Locale = 'vi') {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = locale;
  return i18next;
}

export function setLocale(locale: Locale) {
  document.documentElement.lang = locale;
  return i18next.changeLanguage(locale);
}
