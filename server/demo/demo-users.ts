import type { GlobalRole } from '../../shared/api/enums';

/** Demo logins, printed at start when demo data is loaded. */
export const DEMO_PASSWORD = 'cairn-demo-2026';

export const DEMO_USERS: { key: string; email: string; name: string; role: GlobalRole }[] = [
  { key: 'admin', email: 'admin@cairn.test', name: 'Ada Admin', role: 'admin' },
  { key: 'dana', email: 'dana@cairn.test', name: 'Dana Scientist', role: 'member' },
  { key: 'priya', email: 'priya@cairn.test', name: 'Priya Product', role: 'member' },
  { key: 'sam', email: 'sam@cairn.test', name: 'Sam Sponsor', role: 'member' },
  { key: 'omar', email: 'omar@cairn.test', name: 'Omar Analyst', role: 'member' },
  { key: 'lee', email: 'lee@cairn.test', name: 'Lee Leadership', role: 'viewer' },
];
