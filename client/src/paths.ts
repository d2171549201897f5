/** Typed builders for every in-app link, so a renamed route breaks the compile, not the user. */
export const paths = {
  portfolio: () => '/',
  /** the board filtered to the domains a person leads */
  portfolioOfLead: (userId: string) => `/?lead=${encodeURIComponent(userId)}`,
  domain: (key: string, tab?: DomainTab) =>
    `/domains/${encodeURIComponent(key)}${tab && tab !== 'gate' ? `?tab=${tab}` : ''}`,
  ticket: (ticketKey: string) => `/tickets/${encodeURIComponent(ticketKey)}`,
  investigation: (id: number | string) => `/investigations/${encodeURIComponent(String(id))}`,
  weirdness: () => '/weirdness',
  catalog: () => '/catalog',
  artifact: (id: string) => `/catalog/${encodeURIComponent(id)}`,
  insights: () => '/insights',
  reviews: () => '/reviews',
  myWork: () => '/my-work',
  adminUsers: () => '/admin/users',
  adminThresholds: () => '/admin/thresholds',
  adminRootCauses: () => '/admin/root-causes',
  adminAudit: () => '/admin/audit',
  adminWebhooks: () => '/admin/webhooks',
  adminSources: () => '/admin/sources',
  inbox: () => '/inbox',
  settings: () => '/settings',
  notificationSettings: () => '/settings/notifications',
};

export const DOMAIN_TABS = ['gate', 'tickets', 'artifacts', 'weirdness', 'timeline', 'members'] as const;
export type DomainTab = (typeof DOMAIN_TABS)[number];
