/** `npm run db:seed`: seeds the French demo on an empty database (does nothing otherwise). */
export {};
const { db } = await import("@/lib/db/client");
const { seedDemo } = await import("@/lib/demo/seed");
const { seeded } = await seedDemo(db());
console.log(seeded ? "Demo seeded." : "Database not empty: demo not seeded.");
await db().$disconnect();
