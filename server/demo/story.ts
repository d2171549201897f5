import type { DataSource } from 'typeorm';
import type { User } from '../modules/users/user.entity';

/** Domains, tickets, artifacts, sign-offs and investigations that tell PRODUCT.md's story. */
export async function seedDemoStory(dataSource: DataSource, users: Record<string, User>, now: Date): Promise<void> {
  void dataSource;
  void users;
  void now;
}
