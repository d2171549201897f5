import type { DataSource } from 'typeorm';
import { User } from '../modules/users/user.entity';
import { createUser } from '../modules/users/users.service';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { seedDemoStory } from './story';

/** Loads the demo data into an empty database (no users yet). Returns false when it was not empty. */
export async function seedDemoData(dataSource: DataSource, now: Date): Promise<boolean> {
  if ((await dataSource.getRepository(User).count()) > 0) return false;
  const users: Record<string, User> = {};
  for (const demo of DEMO_USERS) {
    users[demo.key] = await createUser(dataSource, null, { email: demo.email, name: demo.name, password: DEMO_PASSWORD, role: demo.role });
  }
  await seedDemoStory(dataSource, users, now);
  return true;
}
