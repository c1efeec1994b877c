/**
 * The language of everything a student reads: English or Russian, chosen once per run by --lang
 * or, without it, from the environment's LANG. One grading run speaks one language, so the
 * choice is process-wide rather than threaded through every function.
 */
import { en, type HintId, type Messages } from './en.ts';
import { ru } from './ru.ts';

export const LANGUAGES = ['en', 'ru'] as const;
export type Lang = (typeof LANGUAGES)[number];
export type { HintId, Messages };

const CATALOGS: Record<Lang, Messages> = { en: en as Messages, ru };
let current: Lang = 'en';

export function setLanguage(lang: Lang): void {
  current = lang;
}

export function language(): Lang {
  return current;
}

/** Russian when LC_ALL, LC_MESSAGES or LANG (the first one set) names it, else English. */
export function languageFromEnvironment(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function isLang(value: string): value is Lang {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The messages of the current language. */
export function t(): Messages {
  return CATALOGS[current];
}
