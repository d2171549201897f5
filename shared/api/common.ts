/** Envelope of every paginated list. `nextCursor` is opaque; pass it back as `cursor`. */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** A user as others see them. */
export interface UserRef {
  id: string;
  name: string;
  email: string;
}
