import { describe, expect, it } from 'vitest';
import { MERGE_FIELD_NAMES, MERGE_FIELDS, contactFullName, isMergeFieldName, mergeValuesFor } from './merge-fields';

describe('merge fields', () => {
  it('names every field with the record it is read from', () => {
    expect(MERGE_FIELD_NAMES).toEqual(expect.arrayContaining(['contact.firstName', 'account.name', 'rep.phone', 'unsubscribe.url']));
    for (const name of MERGE_FIELD_NAMES)
      expect(name.startsWith(`${MERGE_FIELDS[name].source === 'message' ? 'unsubscribe' : MERGE_FIELDS[name].source}.`)).toBe(true);
    expect(isMergeFieldName('contact.email')).toBe(true);
    expect(isMergeFieldName('contact.password')).toBe(false);
    expect(isMergeFieldName('toString')).toBe(false);
  });

  it('writes a Chinese full name family name first without a space, others given name first', () => {
    expect(contactFullName({ firstName: '伟', lastName: '张' })).toBe('张伟');
    expect(contactFullName({ firstName: '小明', lastName: '欧阳' })).toBe('欧阳小明');
    expect(contactFullName({ firstName: 'Wei', lastName: 'Zhang' })).toBe('Wei Zhang');
    expect(contactFullName({ firstName: 'Wei', lastName: '张' })).toBe('Wei 张');
    expect(contactFullName({ lastName: 'Zhang' })).toBe('Zhang');
    expect(contactFullName({ firstName: '  ', lastName: ' 张 ' })).toBe('张');
  });

  it('reads every contact, account and rep field of one recipient, leaving out empty ones', () => {
    const values = mergeValuesFor({
      contact: { firstName: '伟', lastName: '张', email: 'zhang.wei@example.cn', title: '采购经理' },
      account: { name: '上海精密机械有限公司', city: '上海' },
      rep: { name: 'Anna Lee', email: 'anna@fieldcrm.example', phone: '+86 21 5555 0100' },
    });
    expect(values).toEqual({
      'contact.firstName': '伟',
      'contact.lastName': '张',
      'contact.fullName': '张伟',
      'contact.email': 'zhang.wei@example.cn',
      'contact.title': '采购经理',
      'account.name': '上海精密机械有限公司',
      'account.city': '上海',
      'rep.name': 'Anna Lee',
      'rep.email': 'anna@fieldcrm.example',
      'rep.phone': '+86 21 5555 0100',
    });
    expect(mergeValuesFor({ contact: { lastName: 'Meyer', title: ' ' } })).toEqual({
      'contact.lastName': 'Meyer',
      'contact.fullName': 'Meyer',
    });
  });
});
