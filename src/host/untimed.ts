/** An input without its time, one member of the union at a time: the host stamps it with `effects.now()`. */
export type Untimed<T> = T extends { now: number } ? Omit<T, 'now'> : never;
