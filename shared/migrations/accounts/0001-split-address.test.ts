import { describe, expect, it } from 'vitest';
import { accountSchema } from '../../schemas/accounts';
import { migrateAccountV0ToV1, splitAddress, type AccountV0 } from './0001-split-address';

const v0: AccountV0 = {
  id: 'a1',
  ownerId: 'u1',
  teamId: 't1',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  name: 'Acme',
  status: 'active',
  tier: 'key',
  region: 'north_america',
  currency: 'USD',
  address: '1 Market St, San Francisco, CA 94105',
};

describe('accounts migration 0001: split address', () => {
  it.each([
    ['1 Market St, San Francisco, CA 94105', { street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105' }],
    ['Unter den Linden 5, 10117 Berlin', { street: 'Unter den Linden 5', city: 'Berlin', postalCode: '10117' }],
    ['南京西路 1266号, 上海, 200040', { street: '南京西路 1266号', city: '上海', postalCode: '200040' }],
    ['Somewhere only', { street: 'Somewhere only' }],
    ['', {}],
  ])('splits %j', (address, expected) => {
    expect(splitAddress(address)).toEqual(expected);
  });

  it('keeps unrecognised parts with the street instead of dropping them', () => {
    expect(splitAddress('88 Century Ave, Shanghai, Pudong')).toEqual({ street: '88 Century Ave, Pudong', city: 'Shanghai' });
  });

  it('turns a v0 document into a valid v1 account without `address`', () => {
    const migrated = migrateAccountV0ToV1(v0);
    expect(migrated).not.toHaveProperty('address');
    expect(migrated).toMatchObject({ street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', name: 'Acme' });
    expect(accountSchema.safeParse(migrated).success).toBe(true);
  });

  it('leaves documents without an address unchanged apart from the version', () => {
    const { address: _address, ...noAddress } = v0;
    expect(migrateAccountV0ToV1(noAddress)).toEqual(noAddress);
  });
});
