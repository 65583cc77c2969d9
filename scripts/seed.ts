/** `npm run db:seed`: seeds the French demo on an empty database (does nothing otherwise). */
import { createDb } from "../lib/db/client";
import { seedDemo } from "../lib/demo/seed";
import { withDatabase } from "./with-database";

const { seeded } = await withDatabase(async (url) => {
  const db = createDb(url, 2);
  try {
    return await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
});
console.log(seeded ? "Demo seeded." : "Database not empty: demo not seeded.");
