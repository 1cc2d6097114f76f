import { describe, expect, it } from 'vitest';
import { NEW_ACCOUNT, NEW_LEAD } from './new-record';
import { createNewRecordGate, newRecordStep, SAME_PRESS_MS } from './new-record-requests';

function gateAt() {
  let time = 1_000;
  const gate = createNewRecordGate(() => time);
  return { gate, after: (ms: number) => (time += ms) };
}

describe('createNewRecordGate', () => {
  it('counts a menu command and a Ctrl/⌘+N keydown close together as one press, in either order', () => {
    const { gate, after } = gateAt();
    expect(gate('command-key')).toBe(true);
    after(5);
    expect(gate('menu')).toBe(false);
    after(SAME_PRESS_MS + 1);
    expect(gate('menu')).toBe(true);
    after(5);
    expect(gate('command-key')).toBe(false);
  });

  it('keeps two presses the same way, and Ctrl+N followed quickly by Alt+N, as separate requests', () => {
    const { gate, after } = gateAt();
    expect(gate('command-key')).toBe(true);
    after(50);
    expect(gate('command-key')).toBe(true);
    after(50);
    expect(gate('alt-key')).toBe(true);
    after(50);
    expect(gate('menu')).toBe(true);
    after(50);
    expect(gate('menu')).toBe(true);
    after(50);
    expect(gate('alt-key')).toBe(true);
    after(10);
    expect(gate('alt-key')).toBe(true);
  });

  it('pairs one delivery with one other: a third request is a new press', () => {
    const { gate, after } = gateAt();
    expect(gate('command-key')).toBe(true);
    after(10);
    expect(gate('menu')).toBe(false);
    after(10);
    expect(gate('command-key')).toBe(true);
  });

  it('does not pair deliveries further apart than one press takes', () => {
    const { gate, after } = gateAt();
    expect(gate('command-key')).toBe(true);
    after(SAME_PRESS_MS);
    expect(gate('menu')).toBe(true);
  });
});

describe('newRecordStep', () => {
  it('opens the form of the screen the user is on', () => {
    expect(newRecordStep('/customers/accounts', null)).toEqual({ ...NEW_ACCOUNT, navigate: true });
    expect(newRecordStep('/sales/pipeline', null)).toEqual({ ...NEW_LEAD, navigate: true });
  });

  it('only focuses again when the user is on, or on the way to, that form', () => {
    expect(newRecordStep('/customers/accounts/new', null)).toEqual({ ...NEW_ACCOUNT, navigate: false });
    expect(newRecordStep('/sales/leads', null)).toEqual({ ...NEW_LEAD, navigate: false });
    // The first request's form is still loading: a second one is the same request.
    expect(newRecordStep('/customers/accounts', '/customers/accounts/new')).toEqual({ ...NEW_ACCOUNT, navigate: false });
    expect(newRecordStep('/sales/pipeline', '/sales/leads')).toEqual({ ...NEW_LEAD, navigate: false });
  });
});
