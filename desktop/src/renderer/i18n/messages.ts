// The shape every language's messages must have: the same keys as English, each a string.
// A missing or extra key in fi.ts or sv.ts is a type error.
import type { en } from './en.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export type Messages = Strings<typeof en>;
