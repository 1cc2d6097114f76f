// SCAFFOLD: replaced in this session.
export function ArticlePage() {
  return null;
}
