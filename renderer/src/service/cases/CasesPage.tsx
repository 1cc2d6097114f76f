// SCAFFOLD: replaced in this session.
export function CasesPage() {
  return null;
}
