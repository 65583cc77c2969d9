import { cookies } from "next/headers";
import { sessionCookie } from "@/lib/auth/session-cookie";

export async function setSessionCookie({ sessionToken, expires }: { sessionToken: string; expires: Date }) {
  const { name, secure } = sessionCookie();
  (await cookies()).set(name, sessionToken, { httpOnly: true, sameSite: "lax", path: "/", secure, expires });
}
