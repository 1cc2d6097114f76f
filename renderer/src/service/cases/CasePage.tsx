// SCAFFOLD: replaced in this session.
export function CasePage() {
  return null;
}
