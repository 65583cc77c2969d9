/** Small factories for integration tests: unique values, so files and cases never collide. */
import type { Db } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { unique } from "./db";

export type TestPerson = { id: string; email: string; onboarded: true; isPlatformAdmin: boolean };

/** An onboarded person of the given kind of actor. */
export async function createPerson(
  db: Db,
  { actorKind = "PUBLIC", platformAdmin = false }: { actorKind?: ActorKind; platformAdmin?: boolean } = {},
): Promise<TestPerson> {
  const email = `${unique("p")}@example.org`;
  const user = await db.user.create({
    data: { email, displayName: `Personne ${email}`, actorKind, onboardedAt: new Date(), isPlatformAdmin: platformAdmin },
  });
  return { id: user.id, email, onboarded: true, isPlatformAdmin: platformAdmin };
}
