"use client";
/**
 * Where the outcome of a review is announced. The review form sits inside the entry it reviews, and
 * the entry changes (or leaves a filtered list) once the page refreshes: the message lives here,
 * above the list, in a component that stays mounted across the refresh.
 */
import { createContext, useContext, useState, type ReactNode } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";

const Announce = createContext<((message: string) => void) | null>(null);

export function ReviewFeedback({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string>();
  return (
    <Announce.Provider value={setMessage}>
      <div role="status" aria-live="polite">
        {message && <Alert severity="success" small description={message} className="fr-mb-3w" />}
      </div>
      {children}
    </Announce.Provider>
  );
}

/** null outside a ReviewFeedback (the form then shows the outcome itself). */
export function useAnnounceReview() {
  return useContext(Announce);
}
