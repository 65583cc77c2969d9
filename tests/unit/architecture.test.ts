/**
 * What lint (eslint-plugin-boundaries, eslint.config.mjs) cannot say about the layering: no import
 * cycle between folders of lib/ (a folder is a domain or an adapter; lib/*.ts files, lib/core and
 * lib/db count as one folder, "core"). A cycle between folders means two domains that cannot be understood, tested or
 * changed apart: extract what they share (lib/core), or let the lower one offer an extension point
 * (proposal kinds, moderation targets) that the higher one implements.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const lib = path.join(root, "lib");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Core: lib/core, the database client and the files at lib/'s top (configuration, errors, log). */
const coreFolders = new Set(["core", "db"]);

/** The lib/ folder a module belongs to. */
function folderOf(file: string): string {
  const relative = path.relative(lib, file).split(path.sep);
  return relative.length === 1 || coreFolders.has(relative[0]!) ? "core" : relative[0]!;
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const importPattern = /(?:^|\n)\s*(?:import|export)[^"';]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(lib)) {
    const from = folderOf(file);
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const match of fs.readFileSync(file, "utf8").matchAll(importPattern)) {
      const resolved = resolveImport(file, match[1] ?? match[2]!);
      if (!resolved || !resolved.startsWith(lib + path.sep) || resolved.includes(`${path.sep}generated${path.sep}`)) continue;
      const to = folderOf(resolved);
      if (to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("layering", () => {
  it("has no import cycle between folders of lib/", () => {
    const graph = folderGraph();
    // The graph is real: the domain folders do depend on one another.
    expect(graph.get("proposals")?.has("communities")).toBe(true);
    const found = cycles(graph).map((component) =>
      component.map((folder) => `${folder} → ${[...graph.get(folder)!].filter((to) => component.includes(to)).join(", ")}`),
    );
    expect(found).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "c"]]);
  });
});
