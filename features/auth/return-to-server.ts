/** Server side of ./return-to.ts: the page being asked for, and the way to the sign-in page and back. */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { RETURN_TO_COOKIE, safeReturnPath, signInHref } from "./return-to";

/** The path and query of the page being rendered (set by proxy.ts), if it is one to come back to. */
export async function requestedPath(): Promise<string | null> {
  return safeReturnPath((await headers()).get("x-pathname"));
}

/** Sends a signed-out person to the sign-in page, to come back to the page they asked for. */
export async function redirectToSignIn(): Promise<never> {
  redirect(signInHref(await requestedPath()));
}

/** The page kept by the sign-in page, if any and still safe. */
export async function keptReturnPath(): Promise<string | null> {
  const value = (await cookies()).get(RETURN_TO_COOKIE)?.value;
  if (!value) return null;
  try {
    return safeReturnPath(decodeURIComponent(value));
  } catch {
    return null;
  }
}
