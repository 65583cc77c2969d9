/**
 * Run in its own Node process by tests/unit/zod-jitless.test.ts (a fresh realm, so zod's cached
 * probe result cannot leak between cases): counts every `Function(...)` / `new Function(...)` made
 * while a fresh zod parses objects, with or without the browser entry loaded first. Prints JSON.
 */
const real = globalThis.Function;
let calls = 0;
globalThis.Function = new Proxy(real, {
  construct(target, args) {
    calls++;
    return Reflect.construct(target, args) as object;
  },
  apply(target, self, args) {
    calls++;
    return Reflect.apply(target, self, args) as unknown;
  },
});
if (process.argv[2] === "configured") await import("@/instrumentation-client");
const { z } = await import("zod");
const schema = z.object({ title: z.string().min(1), options: z.array(z.object({ id: z.string() })) });
for (let i = 0; i < 3; i++) schema.parse({ title: "t", options: [{ id: "a" }] });
console.log(JSON.stringify({ calls, jitless: z.config().jitless === true }));
export {};
