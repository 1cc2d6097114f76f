import { NavLink, Outlet } from 'react-router';

export type TabLink = { readonly to: string; readonly label: string; readonly end?: boolean };

/** A screen with a title and route tabs (Customers, Sales): the tabs are links, the body an outlet. */
export function TabbedLayout({
  id,
  title,
  tabsLabel,
  tabs,
}: {
  readonly id: string;
  readonly title: string;
  readonly tabsLabel: string;
  readonly tabs: ReadonlyArray<TabLink>;
}) {
  return (
    <section className="page" aria-labelledby={id}>
      <header className="page-header">
        <h1 id={id} className="page-title">
          {title}
        </h1>
        <nav className="tabs" aria-label={tabsLabel}>
          {tabs.map((tab) => (
            <NavLink key={tab.to} to={tab.to} className="tab" end={tab.end ?? false}>
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <div className="page-body">
        <Outlet />
      </div>
    </section>
  );
}
