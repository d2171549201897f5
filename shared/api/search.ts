/** What one search (GET /search, the command palette) can find. */
export const SEARCH_KINDS = ['domain', 'artifact', 'ticket', 'investigation', 'person'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * How a result matched, best first: `exact` (a domain key `RET`, a ticket key `RET-12`, an
 * investigation `#64`, an e-mail address), `prefix` (the name, title or key begins with what was
 * typed), `text` (the words appear anywhere in it).
 */
export const SEARCH_MATCHES = ['exact', 'prefix', 'text'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export interface SearchQuery {
  /** what was typed: 1–200 characters */
  q: string;
  /** only results of these kinds (comma-separated in the URL); every kind when absent */
  kinds?: string;
  /** 1–50, default 20 */
  limit?: number;
  cursor?: string;
}

/** One result of the ranked list. */
export interface SearchResult {
  kind: SearchKind;
  match: SearchMatch;
  /**
   * What the result's page is addressed by: the domain key, the ticket key, the investigation's
   * number, the artifact's or the person's id.
   */
  ref: string;
  /** the name or title */
  title: string;
  /** a few words to tell it apart: the stage, the ticket's status, the person's e-mail … */
  detail: string;
  /** the domain it belongs to (for a domain, its own key); null for a person */
  domainKey: string | null;
}

/** A page of GET /search. No total: counting every match of a common word is what the list avoids. */
export interface SearchResults {
  items: SearchResult[];
  nextCursor: string | null;
}
