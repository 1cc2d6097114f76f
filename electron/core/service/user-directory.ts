import type { Subscription } from 'rxjs';
import type { User } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';

export type DirectoryUser = Pick<User, 'id' | 'name' | 'teamId' | 'active' | 'role'>;

type Directory = { users: Promise<ReadonlyMap<string, DirectoryUser>> | undefined; readonly subscription: Subscription };

/** One per database: the org's users change rarely, and every case list names assignees. */
const directories = new WeakMap<CrmDatabase, Directory>();

/** The org's users by id (names for timelines and assignees), read again only after the org changed. */
export function usersOf(db: CrmDatabase): Promise<ReadonlyMap<string, DirectoryUser>> {
  let directory = directories.get(db);
  if (!directory) {
    const created: Directory = {
      users: undefined,
      subscription: db.org.eventBulks$.subscribe(() => {
        created.users = undefined;
      }),
    };
    directories.set(db, (directory = created));
  }
  const current = directory;
  current.users ??= db.org
    .find({ selector: { kind: 'user' } })
    .exec()
    .then((docs) => {
      const users = new Map<string, DirectoryUser>();
      for (const doc of docs) {
        const user = doc.toJSON() as User;
        users.set(user.id, { id: user.id, name: user.name, teamId: user.teamId, active: user.active, role: user.role });
      }
      return users;
    })
    .catch((error: unknown) => {
      current.users = undefined;
      throw error;
    });
  return current.users;
}

/** A user's name, or the id itself when this device does not know the user. */
export function nameOf(users: ReadonlyMap<string, DirectoryUser>, id: string): string {
  return users.get(id)?.name ?? id;
}
