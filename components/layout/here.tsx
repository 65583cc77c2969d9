"use client";
/**
 * Where the person is now, for the header's "back here" links and fields. The root layout is rendered
 * once and kept across client navigations, so the path it read from the request (`x-pathname`) goes
 * stale as soon as the person follows a link: switching language or signing in would send them back to
 * the first page they loaded. The client's pathname is current; the query string is the request's
 * while the path is unchanged (a page's own filters), dropped after a move elsewhere.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { signInHref } from "@/features/auth/return-to";

export function useHere(requestPath: string): string {
  const pathname = usePathname();
  if (!pathname) return requestPath;
  const [requestPathname] = requestPath.split("?");
  return pathname === requestPathname ? requestPath : pathname;
}

/** The hidden `back` field of a form that returns to this page. */
export function BackHereInput({ requestPath }: { requestPath: string }) {
  return <input type="hidden" name="back" value={useHere(requestPath)} />;
}

/** The header's sign-in link, coming back to the current page afterwards. */
export function SignInLinkHere({
  requestPath,
  className,
  children,
}: {
  requestPath: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link className={className} href={signInHref(useHere(requestPath))}>
      {children}
    </Link>
  );
}
