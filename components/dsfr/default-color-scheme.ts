import type { DefaultColorScheme } from "@codegouvfr/react-dsfr/next-app-router";

// Follow the system's light or dark setting; the person can override it (DSFR display settings).
export const defaultColorScheme: DefaultColorScheme = "system";
