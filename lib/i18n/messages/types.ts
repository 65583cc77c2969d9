import type { fr } from "./fr";

type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };
/** The shape every catalogue must have: French's keys, any strings. */
export type Messages = Widen<typeof fr>;
