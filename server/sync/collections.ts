import { crmCollections } from '../../shared/schemas/registry';

/** Who may read a collection's documents (see docs/sync-protocol.md, "Scoping"). */
export type ReadPolicy = 'company' | 'team' | 'owner-or-shared';
/**
 * Who may write them: `owner` = reps their own, managers their team's, admins all; `team` = anyone
 * in the record's team (a shared work queue; ownership may move within the team); `team-manager` =
 * managers their team's, admins all; `manager` = any manager or admin (company reference data);
 * `admin` = admins only.
 */
export type WritePolicy = 'owner' | 'team' | 'team-manager' | 'manager' | 'admin';

export type ParsedDoc = { ok: true; value: Record<string, unknown> } | { ok: false; message: string; issues: unknown };

/** The shared migration strategies are pure functions of the document; they never use the collection. */
export type DocMigration = (doc: Record<string, unknown>) => unknown;

export type SyncCollection = {
  name: string;
  schemaVersion: number;
  read: ReadPolicy;
  write: WritePolicy;
  parse: (input: unknown) => ParsedDoc;
  /** Keyed by the version a document is migrated TO; lifts rows stored under an older version. */
  migrations: Readonly<Record<number, DocMigration>>;
};

export type CollectionRegistry = ReadonlyMap<string, SyncCollection>;

type Policy = { read: ReadPolicy; write: WritePolicy };

// Customer data is private to its owner unless marked `visibility: 'team'`; service cases are a
// team's shared queue (anyone in the team reads and works them); the catalog and the knowledge
// collection (articles, SLA policies, business calendars) are company-wide reference data kept by
// managers and admins; org data (users, teams, quotas) is managed by the team's managers and admins
// and read by the whole team.
const POLICIES: Readonly<Record<keyof typeof crmCollections, Policy>> = {
  accounts: { read: 'owner-or-shared', write: 'owner' },
  contacts: { read: 'owner-or-shared', write: 'owner' },
  leads: { read: 'owner-or-shared', write: 'owner' },
  opportunities: { read: 'owner-or-shared', write: 'owner' },
  activities: { read: 'owner-or-shared', write: 'owner' },
  cases: { read: 'team', write: 'team' },
  sales_docs: { read: 'owner-or-shared', write: 'owner' },
  surveys: { read: 'owner-or-shared', write: 'owner' },
  marketing: { read: 'team', write: 'owner' },
  org: { read: 'team', write: 'team-manager' },
  catalog: { read: 'company', write: 'manager' },
  knowledge: { read: 'company', write: 'manager' },
};

export const crmRegistry = (): CollectionRegistry =>
  new Map(
    Object.entries(crmCollections).map(([key, def]) => {
      const policy = POLICIES[key as keyof typeof crmCollections];
      const spec: SyncCollection = {
        name: def.name,
        schemaVersion: def.version,
        ...policy,
        parse: (input) => {
          const r = def.parse(input);
          return r.ok
            ? { ok: true, value: r.value as Record<string, unknown> }
            : { ok: false, message: r.error.message, issues: r.error.issues };
        },
        migrations: def.migrationStrategies as unknown as Record<number, DocMigration>,
      };
      return [def.name, spec];
    }),
  );
