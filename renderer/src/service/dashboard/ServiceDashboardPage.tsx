// SCAFFOLD: replaced in this session.
export function ServiceDashboardPage() {
  return null;
}
