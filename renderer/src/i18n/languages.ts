/** The UI's languages, apart from i18next so the entry chunk can use them without loading it. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as ReadonlyArray<string>).includes(value);
}

/** First run: follow the OS/browser language when we have it, else English. */
export function defaultLanguage(preferred: ReadonlyArray<string>): Language {
  for (const tag of preferred) {
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}
