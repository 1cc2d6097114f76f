import { createFormControl } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { resetKeepingEdits } from './reset-keeping-edits';

type Values = { name: string; phone: string; city: string };

describe('resetKeepingEdits', () => {
  it('takes the latest record as baseline and puts only the changed fields back, still dirty', () => {
    const { formControl } = createFormControl<Values>({ defaultValues: { name: 'Acme', phone: '1', city: 'Oslo' } });
    // A subscriber to dirtyFields makes react-hook-form track them, as a rendered form reading them does.
    let dirtyFields: object = {};
    formControl.subscribe({ formState: { dirtyFields: true }, callback: (state) => void (dirtyFields = { ...state.dirtyFields }) });
    formControl.setValue('phone', '2', { shouldDirty: true });
    expect(Object.keys(dirtyFields)).toEqual(['phone']);

    resetKeepingEdits(formControl, { name: 'Acme Ltd', phone: '1', city: 'Bergen' }, dirtyFields);

    expect(formControl.getValues()).toEqual({ name: 'Acme Ltd', phone: '2', city: 'Bergen' });
    expect(Object.keys(dirtyFields)).toEqual(['phone']);
  });
});
