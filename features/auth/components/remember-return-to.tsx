"use client";
/**
 * Keeps the page to come back to after signing in (or forgets a previous one), in a short-lived
 * cookie read by /auth/continue, whichever way the person signs in. The server checked the path;
 * /auth/continue checks it again when reading it.
 */
import { useEffect } from "react";
import { RETURN_TO_COOKIE } from "@/features/auth/return-to";

export function RememberReturnTo({ path }: { path: string | null }) {
  useEffect(() => {
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = path
      ? `${RETURN_TO_COOKIE}=${encodeURIComponent(path)}; path=/; max-age=1800; samesite=lax${secure}`
      : `${RETURN_TO_COOKIE}=; path=/; max-age=0; samesite=lax${secure}`;
  }, [path]);
  return null;
}
