/**
 * One-click unsubscribe (RFC 8058). Mail clients POST "List-Unsubscribe=One-Click" to the URL of the
 * List-Unsubscribe header; the confirmation page (/unsubscribe) posts its form here too. A GET (a
 * person, or a link scanner) never unsubscribes: it shows the confirmation page. The link is signed
 * (lib/notifications/unsubscribe.ts): no sign-in is needed, and a tampered link changes nothing.
 */
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { config } from "@/lib/core/config";
import { unsubscribeByLink } from "@/lib/notifications/unsubscribe";

function params(url: URL) {
  return { u: url.searchParams.get("u"), k: url.searchParams.get("k"), s: url.searchParams.get("s") };
}

function pageUrl(url: URL, extra?: Record<string, string>): URL {
  const page = new URL("/unsubscribe", config().APP_URL);
  for (const [name, value] of Object.entries(params(url))) if (value) page.searchParams.set(name, value);
  for (const [name, value] of Object.entries(extra ?? {})) page.searchParams.set(name, value);
  return page;
}

export async function GET(request: Request) {
  return NextResponse.redirect(pageUrl(new URL(request.url)), 303);
}

export async function POST(request: Request) {
  const url = new URL(request.url);
  const form = await request.formData().catch(() => null);
  const oneClick = form?.get("List-Unsubscribe") === "One-Click";
  const result = await unsubscribeByLink(db(), params(url));
  if (oneClick) {
    return new NextResponse(result.ok ? "Unsubscribed\n" : "Invalid unsubscribe link: nothing was changed\n", {
      status: result.ok ? 200 : 400,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  // The confirmation page's form: back to the page, which says what happened.
  return NextResponse.redirect(pageUrl(url, result.ok ? { done: "1" } : {}), 303);
}
