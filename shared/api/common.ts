/** Envelope of every paginated list. `nextCursor` is opaque; pass it back as `cursor`. */
export interface Page<T> {
  items: T[];
  /** How many rows match; lists that can grow without bound count at most 1,000 (see totalCapped). */
  total: number;
  /** true when more rows match than were counted: read `total` as "at least". */
  totalCapped?: boolean;
  nextCursor: string | null;
}

/** A user as others see them. */
export interface UserRef {
  id: string;
  name: string;
  email: string;
}
