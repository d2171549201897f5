import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource, migrate } from '../../server/db/data-source';
import { startEmbeddedDatabase } from '../../server/db/embedded';
import { User } from '../../server/modules/users/user.entity';
import { createUser } from '../../server/modules/users/users.service';

describe('embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-embedded-test-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, and keeps every row across a restart', async () => {
    const first = await startEmbeddedDatabase(dataDir, 2);
    const ds1 = createDataSource(first.url, 2);
    await ds1.initialize();
    expect((await migrate(ds1)).length).toBeGreaterThan(0);
    await createUser(ds1, null, { email: 'kept@example.test', name: 'Kept', password: 'long enough password', role: 'member' });
    await ds1.destroy();
    await first.stop();

    const second = await startEmbeddedDatabase(dataDir, 2);
    const ds2 = createDataSource(second.url, 2);
    await ds2.initialize();
    expect(await migrate(ds2)).toEqual([]);
    const user = await ds2.getRepository(User).findOneBy({ email: 'kept@example.test' });
    expect(user?.name).toBe('Kept');
    await ds2.destroy();
    await second.stop();
  });
});
