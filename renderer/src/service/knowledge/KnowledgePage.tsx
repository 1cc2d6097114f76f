// SCAFFOLD: replaced in this session.
export function KnowledgePage() {
  return null;
}
