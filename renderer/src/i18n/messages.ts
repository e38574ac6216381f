import type { vi } from './vi';

/** The shape of every locale is Vietnamese's shape: a missing English key is a type error. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
