import { describe, expect, it } from 'vitest';
import {
  countryCode,
  domainFromEmail,
  domainFromWebsite,
  foldText,
  normaliseCity,
  normaliseCompanyName,
  normaliseEmail,
  normalisePersonName,
  normalisePhone,
  phoneTail,
  recordDomain,
} from './normalise';

const company = (name: string) => normaliseCompanyName(name).key;
const person = (name: string) => normalisePersonName(name).key;

describe('foldText', () => {
  it('folds case, full width and accents', () => {
    expect(foldText('ＡＣＭＥ　Ｉｎｃ．')).toBe('acme inc.');
    expect(foldText('Müller São Zoë')).toBe('muller sao zoe');
    expect(foldText('Straße Søren')).toBe('strasse soren');
    expect(foldText('한국')).toBe('한국');
  });
});

describe('normaliseCompanyName', () => {
  it('drops case, punctuation and legal forms in several languages', () => {
    for (const name of [
      'Acme Inc.',
      'ACME, Inc',
      'Acme Incorporated',
      'acme corp.',
      'The Acme Company',
      'ＡＣＭＥ Ｃｏ．，Ｌｔｄ．',
      'Acme LLC',
    ]) {
      expect(company(name)).toBe('acme');
    }
    expect(company('Müller GmbH & Co. KG')).toBe('muller');
    expect(company('Nestlé S.A.')).toBe('nestle');
    expect(company('Grupo Bimbo S.A.B. de C.V.')).toBe('grupo bimbo');
    expect(company('Orlen Sp. z o.o.')).toBe('orlen');
    expect(company('Koala Pty. Ltd.')).toBe('koala');
    expect(company('Toyota K.K.')).toBe('toyota');
  });

  it('keeps the word order and words that name the company', () => {
    expect(company('Bank of China Limited')).toBe('bank of china');
    expect(company('Johnson & Johnson')).toBe('johnson and johnson');
    // A name that is only a legal form stays what it is rather than becoming empty.
    expect(company('Limited')).toBe('limited');
  });

  it('drops Chinese legal forms and a leading or bracketed place', () => {
    expect(company('北京华为技术有限公司')).toBe('华为技术');
    expect(company('华为技术')).toBe('华为技术');
    expect(company('华为技术(北京)有限公司')).toBe('华为技术');
    expect(company('上海华兴科技股份有限公司')).toBe('华兴科技');
    expect(company('阿里巴巴集团')).toBe('阿里巴巴');
    expect(company('株式会社ソニー')).toBe('ソニー');
    // The place stays when without it too little of the name would be left.
    expect(company('北京银行')).toBe('北京银行');
    expect(normaliseCompanyName('华为技术').cjk).toBe(true);
  });

  it('reads a Chinese name with an English gloss as the Chinese name', () => {
    expect(company('上海华兴科技有限公司 Shanghai Huaxing Co., Ltd.')).toBe('华兴科技');
    expect(company('TCL科技集团股份有限公司')).toBe('tcl科技');
    expect(company('TCL科技集团')).not.toBe(company('科技集团'));
  });
});

describe('normalisePersonName', () => {
  it('puts names in one order whatever order they were typed in', () => {
    expect(person('Smith, John')).toBe(person('John Smith'));
    expect(person('SMITH John')).toBe(person('John Smith'));
    expect(person('Zhang Wei')).toBe(person('Wei Zhang'));
    expect(person('Dr. John Smith')).toBe('john smith');
  });

  it('splits a Chinese family name from the given name', () => {
    expect(person('张伟')).toBe(person('伟 张'));
    expect(person('张 伟')).toBe(person('伟 张'));
    expect(person('张伟先生')).toBe(person('张伟'));
    expect(person('欧阳娜娜')).toBe(person('娜娜 欧阳'));
    expect(normalisePersonName('张伟').tokens).toEqual([...person('张伟')]);
  });
});

describe('normalisePhone', () => {
  it('reads national numbers with the record country as default', () => {
    expect(normalisePhone('+1 (415) 555-0100', 'US')).toBe('+14155550100');
    expect(normalisePhone('415.555.0100', 'United States')).toBe('+14155550100');
    expect(normalisePhone('(415) 555-0100', 'usa')).toBe('+14155550100');
    expect(normalisePhone('030 1234567', 'Deutschland')).toBe('+49301234567');
    expect(normalisePhone('+49 (30) 1234567', undefined)).toBe('+49301234567');
    expect(normalisePhone('021 6234 5678', '中国')).toBe('+862162345678');
    expect(normalisePhone('0161 683 6258', 'UK')).toBe('+441616836258');
    expect(normalisePhone('＋８６ １３８ ０００１ ２３４５')).toBe('+8613800012345');
  });

  it('drops extensions and keeps unreadable numbers as bare digits', () => {
    expect(normalisePhone('+49 30 1234567 ext. 12')).toBe('+49301234567');
    expect(normalisePhone('415.555.0100')).toBe('#4155550100');
    expect(normalisePhone('12')).toBeUndefined();
    expect(normalisePhone('  ')).toBeUndefined();
    expect(normalisePhone(undefined)).toBeUndefined();
  });
});

describe('e-mail and domain', () => {
  it('lowercases and trims e-mail addresses and refuses ones without a domain', () => {
    expect(normaliseEmail('  John.Smith@ACME.com ')).toBe('john.smith@acme.com');
    expect(normaliseEmail('mailto:a@b.de')).toBe('a@b.de');
    expect(normaliseEmail('john@localhost')).toBeUndefined();
    expect(normaliseEmail('@acme.com')).toBeUndefined();
  });

  it('takes the registrable domain of a website', () => {
    expect(domainFromWebsite('https://www.Acme.com/about?x=1')).toBe('acme.com');
    expect(domainFromWebsite('http://shop.acme.co.uk:8080/')).toBe('acme.co.uk');
    expect(domainFromWebsite('www.huawei.com.cn')).toBe('huawei.com.cn');
    expect(domainFromWebsite('not a website')).toBeUndefined();
  });

  it('takes a company domain from e-mail but never a free-mail provider', () => {
    expect(domainFromEmail('bob@mail.acme.com')).toBe('acme.com');
    expect(domainFromEmail('bob@gmail.com')).toBeUndefined();
    expect(domainFromEmail('wang@qq.com')).toBeUndefined();
    expect(recordDomain({ website: 'https://acme.com', email: 'x@other.com' })).toBe('acme.com');
    expect(recordDomain({ email: 'x@other.com' })).toBe('other.com');
    expect(recordDomain({ domain: 'gmail.com', email: 'x@acme.de' })).toBe('acme.de');
  });
});

describe('country and city', () => {
  it('reads ISO codes and country names in several languages', () => {
    expect(countryCode('us')).toBe('US');
    expect(countryCode('United States')).toBe('US');
    expect(countryCode('中国')).toBe('CN');
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('UK')).toBe('GB');
    expect(countryCode('Atlantis')).toBeUndefined();
    expect(countryCode('')).toBeUndefined();
  });

  it('reads the spellings of one city as one', () => {
    expect(normaliseCity('MÜNCHEN')).toBe(normaliseCity('Munich'));
    expect(normaliseCity('上海市')).toBe('上海');
    expect(normaliseCity('Shanghai')).toBe('上海');
    expect(normaliseCity(' ')).toBeUndefined();
  });
});

describe('phoneTail', () => {
  it('is equal for every way of writing one number and drops the extension', () => {
    const tails = ['+1 (415) 555-0100', '415.555.0100', '+1 415 555 0100 ext. 12', '＋１ ４１５ ５５５ ０１００'].map(phoneTail);
    expect(new Set(tails)).toEqual(new Set(['5550100']));
    expect(phoneTail('+44 (0)20 7946 0000')).toBe(phoneTail('020 7946 0000'));
    expect(phoneTail('12345')).toBeUndefined();
    expect(phoneTail(undefined)).toBeUndefined();
  });
});
