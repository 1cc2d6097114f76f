/**
 * The compiled SQLite addon this runtime loads, as better-sqlite3's `nativeBinding` option. Under
 * Node (tests, the browser host, scripts) undefined: the package finds its own build.
 */
export function sqliteNativeBinding(): string | undefined {
  return undefined;
}
