// SCAFFOLD: replaced in this session.
export function ServiceSettingsPage() {
  return null;
}
