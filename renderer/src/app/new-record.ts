/**
 * Where File › New Record (Ctrl/Cmd+N) takes the user: the create form of the area on screen.
 * Customers: a new account (contacts are added from their account). Sales: the lead capture form
 * (a deal starts as a lead). Areas without records of their own (marketing and service are not
 * built yet; reports, sync, settings) open a new account, the record reps create most.
 */
export type NewRecordTarget = {
  readonly path: string;
  /** A field to focus once the page is there, for forms that sit on a list page. */
  readonly focus?: string;
};

export const NEW_ACCOUNT: NewRecordTarget = { path: '/customers/accounts/new' };
export const NEW_LEAD: NewRecordTarget = { path: '/sales/leads', focus: 'form.sales-form input[name="firstName"]' };

export function newRecordTarget(pathname: string): NewRecordTarget {
  if (pathname === '/sales' || pathname.startsWith('/sales/')) return NEW_LEAD;
  return NEW_ACCOUNT;
}
