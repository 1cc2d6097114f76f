import { describe, expect, it } from 'vitest';
import { createMainStrings, MAIN_STRINGS, mainLanguage } from './main-strings';

const keys = (value: object, prefix = ''): string[] =>
  Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keys(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe('main process strings', () => {
  it('has every English key in Simplified Chinese, and no other', () => {
    expect(keys(MAIN_STRINGS['zh-CN']).sort()).toEqual(keys(MAIN_STRINGS.en).sort());
  });

  it('follows the system language', () => {
    expect(mainLanguage(['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(mainLanguage(['de-DE'])).toBe('en');
    expect(mainLanguage([])).toBe('en');
    expect(createMainStrings('zh-CN')('menu.openLogs')).toBe('打开日志文件夹');
    expect(createMainStrings('en')('dialog.startFailedBody', { message: 'disk full', logFile: '/l', dataDir: '/d' })).toBe(
      'disk full\n\nLog file: /l\nData folder: /d',
    );
  });
});
