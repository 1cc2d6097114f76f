import { describe, expect, it } from 'vitest';
import { guessMapping, missingRequired } from './guess-mapping';

describe('guessMapping', () => {
  it('maps English headers whatever their case and spacing', () => {
    expect(guessMapping('accounts', ['Account Name', 'STATUS', 'annual_revenue', 'Zip Code', 'Owner Email', 'Favourite colour'])).toEqual([
      'name',
      'status',
      'annualRevenue',
      'postalCode',
      'owner',
      null,
    ]);
  });

  it('maps Chinese headers, including decorated ones', () => {
    expect(guessMapping('accounts', ['客户名称（必填）', '行业', '城市', '年收入', '员工人数', '负责人', '区域'])).toEqual([
      'name',
      'industry',
      'city',
      'annualRevenue',
      'employees',
      'owner',
      'region',
    ]);
  });

  it('maps contact files with the account by name or id', () => {
    expect(guessMapping('contacts', ['姓', '名', '职位', '手机', '所属客户'])).toEqual([
      'lastName',
      'firstName',
      'title',
      'mobile',
      'accountName',
    ]);
    expect(guessMapping('contacts', ['First Name', 'Last Name', 'Account ID', 'E-mail'])).toEqual([
      'firstName',
      'lastName',
      'accountId',
      'email',
    ]);
  });

  it('never maps one field twice and ignores blank headers', () => {
    expect(guessMapping('accounts', ['Name', 'Company', '', 'Phone', 'Telephone'])).toEqual(['name', null, null, 'phone', null]);
  });

  it('names the fields still missing', () => {
    expect(missingRequired('accounts', ['city', null])).toEqual(['name']);
    expect(missingRequired('contacts', ['firstName'])).toEqual(['lastName', 'accountName']);
    expect(missingRequired('contacts', ['lastName', 'accountId'])).toEqual([]);
  });
});
