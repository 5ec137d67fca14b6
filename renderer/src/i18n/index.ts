import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enBriefing from './en/briefing';
import enCommon from './en/common';
import enOperator from './en/operator';
import enWall from './en/wall';
import ruBriefing from './ru/briefing';
import ruCommon from './ru/common';
import ruOperator from './ru/operator';
import ruWall from './ru/wall';

/** Russian first; English fills any key a translation lacks. One namespace per window feature. */
export const resources = {
  ru: { common: ruCommon, wall: ruWall, operator: ruOperator, briefing: ruBriefing },
  en: { common: enCommon, wall: enWall, operator: enOperator, briefing: enBriefing },
} as const;

void i18next.use(initReactI18next).init({
  resources,
  lng: 'ru',
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
