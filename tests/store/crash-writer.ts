/**
 * Child process of crash.test.ts: writes to a real SQLite file as fast as it can until the parent
 * kills it with SIGKILL. After each bulkWrite promise resolves it prints one line per document,
 * `A <id> <rev> <deleted>`: from that moment the write counts as acknowledged and must survive.
 * It loads its modules first and opens the database only when the parent sends "go" on stdin,
 * so the parent can start the next writer while it still checks the previous round.
 * Usage: node --import tsx crash-writer.ts <directory> <roundId> <seed>
 */
import { getChangedDocumentsSince } from 'rxdb/plugins/core';
import type { BulkWriteRow } from 'rxdb/plugins/core';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { createContactsInstance } from './test-schema';
import type { Contact, StoredContact } from './test-schema';
import { TEST_DATABASE_KEY } from '../support/test-database-key';

const [directory, roundId, seedText] = process.argv.slice(2);
if (!directory || !roundId || !seedText) {
  throw new Error('usage: crash-writer.ts <directory> <roundId> <seed>');
}

let seed = Number(seedText) >>> 0 || 1;
/** xorshift32: reproducible from the seed the parent prints when a round fails. */
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}

function height(rev: string): number {
  return Number.parseInt(rev.split('-')[0] ?? '0', 10);
}

async function main(): Promise<void> {
  const storage = getRxStorageSqlite({ directory: directory as string, databaseKey: TEST_DATABASE_KEY });
  const instance = await createContactsInstance(storage, 'crash', 'contacts', `crash${roundId}`);

  // Documents this process may update: some survivors of earlier rounds, then its own inserts.
  const known: StoredContact[] = (await getChangedDocumentsSince(instance, 40)).documents as StoredContact[];
  let counter = 0;
  process.stdout.write('ready\n');

  for (;;) {
    const rows: BulkWriteRow<Contact>[] = [];
    if (known.length === 0 || random() < 0.6) {
      // Now and then a large write, which runs under the bulk-write policy (bigger cache, rare
      // checkpoints, bulk-write-policy.ts): kills must find it committed whole or not at all.
      const amount = random() < 0.02 ? 1_000 + Math.floor(random() * 200) : 1 + Math.floor(random() * 30);
      for (let i = 0; i < amount; i++) {
        const id = `${roundId}-${counter++}`;
        rows.push({
          document: {
            id,
            name: `n${counter % 7}`,
            age: counter % 150,
            score: (counter % 100) / 2,
            active: counter % 2 === 0,
            address: { city: 'Berlin' },
            _deleted: false,
            _rev: `1-${roundId}`,
            _meta: { lwt: Date.now() },
            _attachments: {},
          },
        });
      }
    } else {
      const updates = 1 + Math.floor(random() * Math.min(5, known.length));
      const picked = new Set<number>();
      for (let i = 0; i < updates; i++) {
        picked.add(Math.floor(random() * known.length));
      }
      for (const position of picked) {
        const previous = known[position] as StoredContact;
        rows.push({
          previous,
          document: {
            ...previous,
            age: (previous.age + 1) % 150,
            _deleted: random() < 0.1,
            _rev: `${height(previous._rev) + 1}-${roundId}`,
            _meta: { lwt: Date.now() },
          },
        });
      }
    }
    const result = await instance.bulkWrite(rows, 'crash');
    if (result.error.length > 0) {
      process.stdout.write(`E ${JSON.stringify(result.error.map((e) => [e.status, e.documentId]))}\n`);
      process.exit(1);
    }
    let out = '';
    for (const row of rows) {
      const doc = row.document as StoredContact;
      out += `A ${doc.id} ${doc._rev} ${doc._deleted ? 1 : 0}\n`;
      const position = known.findIndex((k) => k.id === doc.id);
      if (doc._deleted) {
        if (position >= 0) known.splice(position, 1);
      } else if (position >= 0) {
        known[position] = doc;
      } else if (known.length < 200) {
        known.push(doc);
      }
    }
    // Written only after the promise resolved: on Linux, stdout to a pipe is synchronous.
    process.stdout.write(out);
  }
}

process.stdin.once('data', () => void main());
// The parent never lets a writer end on its own; if the parent is gone (a timed-out test run),
// its end of stdin closes and the writer must not go on filling the disk.
process.stdin.once('end', () => process.exit(1));
