"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { DsfrProviderBase, StartDsfrOnHydration } from "@codegouvfr/react-dsfr/next-app-router";
import { defaultColorScheme } from "./default-color-scheme";

declare module "@codegouvfr/react-dsfr/next-app-router" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

export function DsfrProvider({ children, lang }: { children: ReactNode; lang: string }) {
  return (
    <DsfrProviderBase lang={lang} Link={Link} defaultColorScheme={defaultColorScheme} doCheckNonce>
      {children}
    </DsfrProviderBase>
  );
}

export { StartDsfrOnHydration };
