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

  it('maps the record id only from a header that is the id as a whole', () => {
    const headers = ['Account Name', 'Subsidiary of', 'Residence City', 'Paid', 'Video URL', 'Region'];
    expect(guessMapping('accounts', headers)).toEqual(['name', null, 'city', null, 'website', 'region']);
    expect(guessMapping('contacts', ['Last Name', 'Mobile (Holiday)', 'Provider ID', 'Account ID'])).toEqual([
      'lastName',
      'mobile',
      null,
      'accountId',
    ]);
    for (const header of ['id', 'ID', 'Id', 'Record ID', 'record_id', '记录ID', '编号', 'External ID']) {
      expect(guessMapping('accounts', ['Name', header]), header).toEqual(['name', 'id']);
    }
    for (const header of ['Parent ID', 'Customer ID (old CRM)', 'Idle since', 'Valid until', 'Paid by', 'ID card']) {
      expect(guessMapping('accounts', ['Name', header]), header).toEqual(['name', null]);
    }
  });

  it('matches other fields by whole words inside a longer header, never by a piece of a word', () => {
    expect(
      guessMapping('accounts', ['Company Name (required)', 'Billing City', 'Hotel', 'Annual Revenue (USD)', 'Representative']),
    ).toEqual(['name', 'city', null, 'annualRevenue', null]);
    expect(guessMapping('accounts', ['BillingCity', '客户名称（必填）'])).toEqual(['city', 'name']);
    expect(guessMapping('accounts', ['所在城市', '客户ID'])).toEqual(['city', null]);
  });

  it('names the fields still missing', () => {
    expect(missingRequired('accounts', ['city', null])).toEqual(['name', 'region']);
    expect(missingRequired('accounts', ['name'])).toEqual(['region']);
    expect(missingRequired('accounts', ['name'], { region: 'emea' })).toEqual([]);
    expect(missingRequired('accounts', ['name', 'region'])).toEqual([]);
    expect(missingRequired('contacts', ['firstName'])).toEqual(['lastName', 'accountName']);
    expect(missingRequired('contacts', ['lastName', 'accountId'])).toEqual([]);
  });
});
