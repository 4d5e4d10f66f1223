import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, viewerLocale } from './viewer-locale.js';

describe('viewerLocale', () => {
  it('takes the language the user saved over the browser', () => {
    expect(viewerLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(viewerLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('falls back to the browser, then English', () => {
    expect(viewerLocale(null, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(viewerLocale(undefined, 'en-GB')).toBe('en');
    expect(viewerLocale(null, undefined)).toBe('en');
  });
});

describe('localeFromAcceptLanguage', () => {
  it('reads any Chinese as 简体中文, as the console does', () => {
    for (const h of ['zh', 'zh-CN', 'zh-Hans-CN', 'ZH-cn', 'zh-TW', 'en-US,en;q=0.9,zh-CN;q=0.8']) expect(localeFromAcceptLanguage(h), h).toBe('zh-CN');
  });

  it('ignores Chinese the browser refuses, and other languages', () => {
    for (const h of ['zh;q=0', 'zh-CN;q=0.0, en', 'en', '*', 'fr-FR, de;q=0.5', '', 'zhx', 'q=1']) expect(localeFromAcceptLanguage(h), h).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });
});
