/**
 * Child process of encryption-crash.test.ts: encrypts the unencrypted database in <directory>
 * as the storage does on open (discarding what an earlier, killed run left, then encrypting).
 * It loads its modules, prints "ready", and starts when the parent sends "go" on stdin, so the
 * parent's kill delay counts from the start of the work, not from the module loading.
 * With a step name it SIGKILLs itself where that step ends; without, the parent kills it, or it
 * prints "done <ms>" and exits.
 * Usage: node --import tsx encryption-crash-child.ts <directory> [step]
 */
import path from 'node:path';
import { TEST_DATABASE_KEY } from '../support/test-database-key';
import { prepareEncryptedDatabaseFile, type EncryptionStep } from '../../electron/core/storage/sqlite/encrypt-plaintext-database';
import { encryptedCipher } from '../../electron/core/storage/sqlite/sqlite-cipher';

const [directory, stopAt] = process.argv.slice(2) as [string | undefined, EncryptionStep | undefined];
if (!directory) throw new Error('usage: encryption-crash-child.ts <directory> [step]');
const cipher = encryptedCipher(TEST_DATABASE_KEY);

process.stdin.once('data', () => {
  const started = performance.now();
  prepareEncryptedDatabaseFile(path.join(directory, 'crm.sqlite'), cipher, {
    onStep: (step) => {
      if (step === stopAt) process.kill(process.pid, 'SIGKILL');
    },
  });
  process.stdout.write(`done ${Math.round(performance.now() - started)}\n`);
  process.exit(0);
});
// A parent that is gone (a timed-out run) closes stdin: do not linger.
process.stdin.once('end', () => process.exit(1));
process.stdout.write('ready\n');
